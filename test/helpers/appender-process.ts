import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AckLine } from './embedded-log-appender-records.js';
import { repoRoot } from './fixtures.js';

/** A running appender child (test/helpers/embedded-log-appender.ts) and the acks it printed so far. */
export interface AppenderProcess {
  readonly pid: number;
  readonly acks: AckLine[];
  /** Resolves once `predicate` holds, polling until `timeoutMs`; rejects if the child exits first. */
  until(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  /** SIGKILLs the child and resolves when its output is closed, with every whole ack line read. */
  kill(): Promise<void>;
}

/** Starts the appender on `dir` and resolves when it printed "ready" (it then holds the writer lock). */
export async function startAppender(dir: string): Promise<AppenderProcess> {
  const script = path.join(repoRoot, 'test', 'helpers', 'embedded-log-appender.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, dir], { cwd: repoRoot });
  const state = { ready: false, exited: false, stderr: '', buffered: '' };
  const acks: AckLine[] = [];
  child.stderr.on('data', (chunk: Buffer) => {
    state.stderr += chunk.toString();
  });
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (state.buffered + chunk.toString()).split('\n');
    state.buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'ready') state.ready = true;
      else acks.push(JSON.parse(line) as AckLine);
    }
  });
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  child.on('exit', () => {
    state.exited = true;
  });
  const process_ = appender(child, acks, state, closed);
  await process_.until(() => state.ready, 20_000);
  return process_;
}

function appender(
  child: ChildProcessWithoutNullStreams,
  acks: AckLine[],
  state: { exited: boolean; stderr: string },
  closed: Promise<void>,
): AppenderProcess {
  return {
    pid: child.pid!,
    acks,
    async until(predicate, timeoutMs = 20_000) {
      const deadline = performance.now() + timeoutMs;
      while (!predicate()) {
        if (state.exited) throw new Error(`appender exited early: ${state.stderr}`);
        if (performance.now() > deadline) throw new Error(`appender: condition not met in ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async kill() {
      child.kill('SIGKILL');
      await closed;
    },
  };
}
