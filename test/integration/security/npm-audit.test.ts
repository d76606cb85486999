import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/fixtures.js';

interface AuditReport {
  metadata?: { vulnerabilities?: Record<string, number> };
  vulnerabilities?: Record<string, { severity: string; via: unknown[] }>;
  error?: { code?: string; summary?: string };
  /** Set when the registry answered the audit request with an HTTP error (e.g. a mirror without the audit API). */
  statusCode?: number;
  message?: string;
  method?: string;
  uri?: string;
  headers?: Record<string, string[] | undefined>;
}

/** `npm audit --omit=dev --json` against the lockfile; a reason instead when the registry cannot audit. */
function audit(): Promise<AuditReport | { unavailable: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      'npm',
      ['audit', '--omit=dev', '--json'],
      { cwd: repoRoot, timeout: 90_000, maxBuffer: 32 << 20 },
      (error, stdout) => {
        let report: AuditReport;
        try {
          report = JSON.parse(stdout) as AuditReport;
        } catch {
          reject(new Error(`npm audit printed no JSON: ${String(error)}`));
          return;
        }
        // npm exits non-zero when it finds anything; only an unreachable registry or audit API means "could not audit".
        const failure = JSON.stringify(report.error ?? '');
        if (report.statusCode !== undefined) resolve({ unavailable: httpFailure(report) });
        else if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|network/i.test(failure))
          resolve({ unavailable: failure });
        else resolve(report);
      },
    );
  });
}

/** What the registry answered the audit request, e.g. a 405 from a registry proxy that allows only GET. */
function httpFailure(report: AuditReport): string {
  const allowed = report.headers?.['allow']?.join(', ');
  return (
    `${report.method ?? 'POST'} ${report.uri ?? 'the audit endpoint'} answered HTTP ${report.statusCode}` +
    (allowed ? ` (the registry here allows only ${allowed}, so npm's audit API, a POST, is refused)` : '')
  );
}

describe('production dependencies', { timeout: 120_000 }, () => {
  it('have no high or critical advisories (npm audit --omit=dev, pinned by the lockfile)', async (context) => {
    const report = await audit();
    if ('unavailable' in report) {
      context.skip(
        `the registry cannot audit from here (${report.unavailable}); run \`npm audit --omit=dev\` where it can`,
      );
      return;
    }

    const serious = Object.entries(report.vulnerabilities ?? {})
      .filter(([, v]) => v.severity === 'high' || v.severity === 'critical')
      .map(([name, v]) => `${name} (${v.severity})`);
    expect(report.error, JSON.stringify(report.error)).toBeUndefined();
    expect(serious).toEqual([]);
  });
});
