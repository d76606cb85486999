import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './fixtures.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `realty` command (bin/realty.js) in a child process, as a user would. */
export function runCli(
  args: readonly string[],
  options: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'realty.js'), ...args], {
      cwd: repoRoot,
      env: { ...withoutRealtyVariables(process.env), ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function withoutRealtyVariables(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('REALTY_') && value !== undefined) out[name] = value;
  }
  return out;
}

/** The last line of stdout that is a JSON object, parsed. */
export function lastJson<T>(stdout: string): T {
  try {
    return JSON.parse(stdout) as T;
  } catch {
    // not one document: fall through to the last JSON line
  }
  const line = stdout
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.trim().startsWith('{') || l.trim().startsWith('['));
  if (!line) throw new Error(`no JSON in output:\n${stdout}`);
  return JSON.parse(line) as T;
}
