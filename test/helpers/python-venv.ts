import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './fixtures.js';

const run = promisify(execFile);

/** The project's Python venv (scripts/python-env.sh creates or updates it) and its python. */
export async function venvPython(): Promise<string> {
  const { stdout } = await run('bash', [path.join(repoRoot, 'scripts', 'python-env.sh')], {
    cwd: repoRoot,
    timeout: 600_000,
  });
  return path.join(stdout.trim(), 'bin', 'python');
}

/** Runs a Python snippet with the venv's python; resolves with what it printed, or rejects with its stderr. */
export async function runPython(python: string, code: string, args: readonly string[] = []): Promise<string> {
  const { stdout } = await run(python, ['-c', code, ...args], { cwd: repoRoot, timeout: 300_000 });
  return stdout;
}
