import { describe, expect, it } from 'vitest';
import { ensureRawTable } from '../../../src/pipeline/raw-table.js';
import { catalogFor } from '../../../src/runtime/assemble.js';
import { lastJson, runCli } from '../../helpers/cli.js';
import { useFaultWorld } from './helpers/fault-test-world.js';

const INGEST = 'test/integration/faults/helpers/ingest-child.ts';

interface Report {
  ok: boolean;
  runs: string[];
  incomplete: { runId: string; fetched: number; produced: number; savedAt: number }[];
}

describe('an ingest SIGKILLed mid-run', { timeout: 120_000 }, () => {
  const t = useFaultWorld();

  it('leaves a started run log, so reconcile --run names the run as not completed and what it had fetched', async () => {
    // As in `realty run`, whose ingest starts once the raw table is in the catalog.
    await ensureRawTable(catalogFor(t.world.config), t.world.config.database);
    const child = t.start(INGEST, [t.world.dir]);
    await child.until((lines) => lines.filter((l) => l.startsWith('acked ')).length >= 120);
    await child.kill();
    const acked = child.lines.filter((l) => l.startsWith('acked ')).length;
    const runId = `killed-${child.pid}`;

    const text = await runCli(['reconcile', '--run', runId, '--data-dir', t.world.dir]);
    const json = await runCli(['reconcile', '--run', runId, '--json', '--data-dir', t.world.dir]);

    expect(text.stderr).toBe('');
    expect(text.code, 'an incomplete run fails the command').toBe(1);
    expect(text.stdout).toMatch(
      new RegExp(
        `run ${runId}-d0 DID NOT COMPLETE: its ingest was killed or is still running; .* records \\d+ fetched`,
      ),
    );
    const report = lastJson<Report>(json.stdout);
    expect(report.ok).toBe(false);
    expect(report.runs).toEqual([`${runId}-d0`]);
    const [killed] = report.incomplete;
    expect(killed?.runId).toBe(`${runId}-d0`);
    expect(killed?.fetched, 'the log was saved after the first areas').toBeGreaterThan(0);
    expect(killed?.produced).toBeLessThanOrEqual(acked);
  });
});
