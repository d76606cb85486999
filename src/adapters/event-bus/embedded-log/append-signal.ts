/** Wakes fetches that wait for new records when a producer of the same process appends. */
export class AppendSignal {
  private readonly waiters = new Set<() => void>();
  private appends = 0;

  /** A counter that moves on every notify: read it before looking for records, pass it to wait. */
  get version(): number {
    return this.appends;
  }

  /** Wakes every waiter. */
  notify(): void {
    this.appends += 1;
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  /** Resolves on the next notify (at once if one came after `seen`), or after `timeoutMs`. */
  wait(timeoutMs: number, seen: number): Promise<void> {
    if (seen !== this.appends) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, timeoutMs));
      this.waiters.add(wake);
    });
  }
}
