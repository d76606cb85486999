/** Writes to stdout and resolves once the bytes are handed to the OS, so exiting afterwards loses nothing. */
export function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`, (error) =>
      error ? reject(error) : resolve(),
    );
  });
}

/** A one-line progress bar on stderr, drawn only when stderr is a terminal; silent in pipes and CI. */
export function progressLine(label: string): {
  update(done: number, total: number | null): void;
  end(): void;
} {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  return {
    update(done, total) {
      if (!tty) return;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const width = 30;
      const ratio = total && total > 0 ? Math.min(1, done / total) : 0;
      const bar = total ? `[${'#'.repeat(Math.round(ratio * width)).padEnd(width, '.')}] ` : '';
      process.stderr.write(`\r${label} ${bar}${done}${total ? `/${total}` : ''}   `);
    },
    end() {
      if (tty) process.stderr.write('\r\u001b[2K');
    },
  };
}
