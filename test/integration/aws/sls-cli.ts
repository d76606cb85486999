import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from '../../helpers/fixtures.js';

/**
 * The environment of an offline `sls` run: no AWS credentials or profile a developer may have, no instance
 * metadata, so anything that would reach AWS fails instead of succeeding by accident.
 */
export function offlineEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('AWS_') && !name.startsWith('REALTY_')) env[name] = value;
  }
  return {
    ...env,
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
    AWS_CONFIG_FILE: '/nonexistent/config',
    AWS_EC2_METADATA_DISABLED: 'true',
    SLS_TELEMETRY_DISABLED: '1',
    ...extra,
  };
}

export interface SlsResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `npx sls <args>` in the repository; resolves with its exit code and output (never rejects on a
 * non-zero exit). At the deadline the whole process group is stopped: a failed `invoke local` can hang.
 */
export function sls(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 240_000,
): Promise<SlsResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['sls', ...args], {
      cwd: repoRoot,
      env,
      detached: true,
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
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      stderr += `\n(stopped after ${timeoutMs} ms)`;
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

/** Removes .esbuild/: osls may load a stale bundle from it instead of the new one (../shared/ENVIRONMENT.md). */
export async function cleanEsbuild(): Promise<void> {
  await rm(path.join(repoRoot, '.esbuild'), { recursive: true, force: true });
}
