/** A clock that only moves when slept on, running callbacks scheduled for the times it passes. */
export class ManualClock {
  #now: number;
  #scheduled: { atMs: number; run: () => void }[] = [];
  /** Every sleep asked for, in ms, in order. */
  readonly sleeps: number[] = [];

  constructor(startMs = Date.UTC(2026, 10, 20, 12)) {
    this.#now = startMs;
  }

  /** The Clock port: current epoch ms. */
  readonly now = (): number => this.#now;

  /** The sleep the code under test is given: moves time forward at once. */
  readonly sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.advance(ms);
  };

  /**
   * Waits up to `ms` the way a broker holds a fetch: returns as soon as a scheduled callback makes
   * `ready()` true, else once the time is up. Not counted in `sleeps`.
   */
  readonly waitFor = async (ms: number, ready: () => boolean): Promise<void> => {
    const target = this.#now + Math.max(0, ms);
    for (
      let next = this.#scheduled[0];
      next !== undefined && next.atMs <= target;
      next = this.#scheduled[0]
    ) {
      this.#scheduled.shift();
      this.#now = Math.max(this.#now, next.atMs);
      next.run();
      if (ready()) return;
    }
    this.#now = target;
  };

  /** Runs `run` once the clock reaches `atMs` (at once if it already has). */
  at(atMs: number, run: () => void): void {
    this.#scheduled.push({ atMs, run });
    this.#scheduled.sort((a, b) => a.atMs - b.atMs);
    this.advance(0);
  }

  advance(ms: number): void {
    const target = this.#now + Math.max(0, ms);
    for (
      let next = this.#scheduled[0];
      next !== undefined && next.atMs <= target;
      next = this.#scheduled[0]
    ) {
      this.#scheduled.shift();
      this.#now = Math.max(this.#now, next.atMs);
      next.run();
    }
    this.#now = target;
  }
}
