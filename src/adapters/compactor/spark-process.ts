import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { CompactionError } from '../../errors.js';
import { COMPACTION_STEPS, type CompactionProgress, type CompactionStep } from '../../ports/compactor.js';

export interface JobProcessOptions {
  command: string;
  args: readonly string[];
  cwd: string;
  env: Record<string, string | undefined>;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: CompactionProgress) => void) | undefined;
}

// What the job prints on stdout, one JSON document per line (jobs/compact_listings.py `emit`).
const LINE = /^REALTY_(PROGRESS|ERROR|RESULT) (.*)$/;
const STDERR_TAIL_CHARS = 4_000;

function progressOf(json: unknown): CompactionProgress | undefined {
  const { step, done, total } = (json ?? {}) as Record<string, unknown>;
  if (
    !COMPACTION_STEPS.includes(step as CompactionStep) ||
    typeof done !== 'number' ||
    typeof total !== 'number'
  ) {
    return undefined;
  }
  return { step: step as CompactionStep, done, total };
}

function parseLine(line: string): { kind: string; json: unknown } | undefined {
  const match = LINE.exec(line);
  if (!match) return undefined;
  try {
    return { kind: match[1] ?? '', json: JSON.parse(match[2] ?? '') };
  } catch {
    return undefined; // a log line that happens to look like ours
  }
}

/**
 * Runs the job in its own process group, so an abort kills Python and the JVM it started alike
 * (SIGKILL: the same as a killed Glue run). Resolves on exit 0; otherwise a CompactionError with the
 * job's own error line, or the end of its stderr.
 */
export function runJobProcess(options: JobProcessOptions): Promise<void> {
  const { signal } = options;
  if (signal?.aborted)
    return Promise.reject(new CompactionError('the Spark compaction was stopped before it started'));
  return new Promise((resolve, reject) => {
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let jobError: string | undefined;
    let stderr = '';
    const kill = () => {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    };
    signal?.addEventListener('abort', kill, { once: true });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const parsed = parseLine(line);
      if (parsed?.kind === 'ERROR') jobError = String((parsed.json as { message?: unknown }).message);
      const progress = parsed?.kind === 'PROGRESS' ? progressOf(parsed.json) : undefined;
      if (progress) options.onProgress?.(progress);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL_CHARS);
    });
    child.on('error', (error) => {
      signal?.removeEventListener('abort', kill);
      reject(
        new CompactionError(
          `could not start ${options.command}: ${error.message}; create the Python environment with \`bash scripts/python-env.sh\` (it installs pyspark)`,
          { cause: error },
        ),
      );
    });
    child.on('close', (code, killedBy) => {
      signal?.removeEventListener('abort', kill);
      if (code === 0) return resolve();
      if (signal?.aborted)
        return reject(new CompactionError('the Spark compaction was stopped; the job was killed'));
      const why = jobError ?? (stderr.trim().split('\n').slice(-5).join('\n') || 'no output');
      reject(
        new CompactionError(
          `the Spark compaction job failed (${killedBy ? `killed by ${killedBy}` : `exit code ${code}`}): ${why}`,
        ),
      );
    });
  });
}
