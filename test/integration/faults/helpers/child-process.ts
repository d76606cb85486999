import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { repoRoot } from '../../../helpers/fixtures.js';

/** A TypeScript child process run with tsx, its stdout lines so far, and ways to wait for it or kill it. */
export interface Child {
  readonly pid: number;
  readonly lines: string[];
  /** Resolves once `predicate` holds (polling, with a deadline); rejects if the child exits first. */
  until(predicate: (lines: readonly string[]) => boolean, timeoutMs?: number): Promise<void>;
  /** SIGKILL, then resolves when its output is closed. */
  kill(): Promise<void>;
  /** Resolves with the exit code once the child ends by itself. */
  exited(timeoutMs?: number): Promise<number | null>;
  stderr(): string;
}

/** Starts `node --import tsx <script> ...args` from the repository root. */
export function startChild(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, script), ...args], {
    cwd: repoRoot,
    env,
  });
  const lines: string[] = [];
  const state = { buffered: '', stderr: '', exitCode: undefined as number | null | undefined };
  child.stdout.on('data', (chunk: Buffer) => {
    const parts = (state.buffered + chunk.toString()).split('\n');
    state.buffered = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    state.stderr += chunk.toString();
  });
  const closed = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      state.exitCode = code;
      resolve(code);
    }),
  );
  const deadline = (timeoutMs: number, what: string) => {
    const end = performance.now() + timeoutMs;
    return () => {
      if (performance.now() > end)
        throw new Error(`child ${script}: ${what} not reached in ${timeoutMs} ms; stderr: ${state.stderr}`);
    };
  };
  return {
    pid: child.pid ?? -1,
    lines,
    async until(predicate, timeoutMs = 60_000) {
      const check = deadline(timeoutMs, 'condition');
      while (!predicate(lines)) {
        if (state.exitCode !== undefined)
          throw new Error(`child ${script} exited (${state.exitCode}) early: ${state.stderr}`);
        check();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async kill() {
      child.kill('SIGKILL');
      await closed;
    },
    async exited(timeoutMs = 120_000) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`child ${script} did not finish in ${timeoutMs} ms; stderr: ${state.stderr}`));
        }, timeoutMs);
      });
      try {
        return await Promise.race([closed, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    stderr: () => state.stderr,
  };
}
