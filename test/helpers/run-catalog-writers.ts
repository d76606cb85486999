import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';
import type { CatalogWriterJob } from './catalog-writer-process.js';
import { repoRoot } from './fixtures.js';

const script = path.join(repoRoot, 'test', 'helpers', 'catalog-writer-process.ts');

interface Writer {
  child: ChildProcessWithoutNullStreams;
  stdout: string;
  stderr: string;
  ready: Promise<void>;
  exited: Promise<number | null>;
}

function startWriter(job: CatalogWriterJob): Writer {
  // detached: the writer gets its own process group, so a timeout can stop npx and the node it started.
  const child = spawn('npx', ['tsx', script, JSON.stringify(job)], { cwd: repoRoot, detached: true });
  const writer = { child, stdout: '', stderr: '' } as Writer;
  writer.ready = new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      writer.stdout += chunk.toString();
      if (writer.stdout.includes('ready\n')) resolve();
    });
    child.once('exit', () => reject(new Error(`writer exited before it was ready: ${writer.stderr}`)));
  });
  writer.ready.catch(() => undefined);
  child.stderr.on('data', (chunk: Buffer) => {
    writer.stderr += chunk.toString();
  });
  writer.exited = new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
  return writer;
}

function stopAll(writers: readonly Writer[]): void {
  for (const { child } of writers) {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone between the check and the kill.
      }
    }
  }
}

async function runToEnd(writers: readonly Writer[]): Promise<number[]> {
  await Promise.all(writers.map((w) => w.ready));
  for (const w of writers) w.child.stdin.end('go\n');
  const codes = await Promise.all(writers.map((w) => w.exited));
  return codes.map((code, i) => {
    const writer = writers[i]!;
    if (code !== 0) throw new Error(`catalog writer ${i} exited with ${code}: ${writer.stderr}`);
    const last = writer.stdout.trim().split('\n').at(-1) ?? '';
    return (JSON.parse(last) as { added: number }).added;
  });
}

/**
 * Runs one child process per job (`npx tsx catalog-writer-process.ts`), starts them together once all are
 * ready, and resolves with how many partitions each reported as new. Stops them all at the deadline.
 */
export async function runCatalogWriters(
  jobs: readonly CatalogWriterJob[],
  deadlineMs = 60_000,
): Promise<number[]> {
  const writers = jobs.map(startWriter);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      stopAll(writers);
      reject(
        new Error(
          `catalog writers did not finish within ${deadlineMs} ms: ${writers.map((w) => w.stderr).join('\n')}`,
        ),
      );
    }, deadlineMs);
  });
  try {
    return await Promise.race([runToEnd(writers), deadline]);
  } finally {
    clearTimeout(timer);
    stopAll(writers);
  }
}
