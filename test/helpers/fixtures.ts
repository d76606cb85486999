import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, resolved from this file so tests run from any working directory. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** ../shared/fixtures: real material written by others, read-only. Absent outside the workplace. */
export const sharedFixturesDir = path.resolve(repoRoot, '..', 'shared', 'fixtures');

/** True when the shared fixtures are there; suites use it with `describe.skipIf(!hasSharedFixtures)`. */
export const hasSharedFixtures = existsSync(sharedFixturesDir);

/** True in CI (`CI=true`), where a missing tool or fixture fails the suite instead of skipping it. */
export const inCi = process.env['CI'] === 'true';

if (!hasSharedFixtures) {
  if (inCi) {
    throw new Error(
      `shared fixtures not found at ${sharedFixturesDir}: in CI the suites that need them fail instead of skipping`,
    );
  }
  console.warn(
    `shared fixtures not found at ${sharedFixturesDir}: tests that need real fixtures are skipped`,
  );
}

/** Path of a file under ../shared/fixtures, e.g. sharedFixturePath('aws-events', 'x.json'). */
export function sharedFixturePath(...parts: string[]): string {
  return path.join(sharedFixturesDir, ...parts);
}

/** Reads a real fixture as text. */
export function loadFixtureText(...parts: string[]): string {
  return readFileSync(sharedFixturePath(...parts), 'utf8');
}

/** Loads a real JSON fixture and returns a deep copy the test may change (never the shared original). */
export function loadFixture<T = unknown>(...parts: string[]): T {
  return structuredClone(JSON.parse(loadFixtureText(...parts)) as T);
}
