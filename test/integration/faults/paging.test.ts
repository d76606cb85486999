import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectNothingLost } from './helpers/expect-reconciled.js';
import {
  compactAndReconcile,
  createFaultWorld,
  type FaultWorld,
  runWithFaults,
} from './helpers/fault-pipeline.js';
import { realPage, startScriptedApi } from './helpers/scripted-api.js';

const AREA = { kind: 'postal_code' as const, postalCode: '90004', statuses: ['for_sale' as const] };

describe('a page that never ends', { timeout: 120_000 }, () => {
  let world: FaultWorld;
  beforeEach(async () => {
    world = await createFaultWorld();
  });
  afterEach(async () => {
    await world.cleanup();
  });

  it('stops paging an API that ignores the offset, and reconciles what it did fetch', async () => {
    const api = await startScriptedApi(() => realPage());
    try {
      const run = await runWithFaults(world.config, {
        api: { url: api.url, apiKey: 'scripted-key-1234', areas: [AREA] },
        client: { pageSize: 10 },
      });

      const report = await compactAndReconcile(world.config, run.runId);

      expect(run.ingest.failedAreas).toEqual([expect.objectContaining({ code: 'REALTY_API_RESPONSE' })]);
      expect(run.ingest.failedAreas[0]!.message).toMatch(/ignores the offset/);
      expect(api.requests()).toBe(2);
      expect(report.fetched).toBe(20);
      expectNothingLost(report);
    } finally {
      await api.close();
    }
  });

  it('stops an API whose total keeps running ahead of the offset, and reconciles what it fetched', async () => {
    const api = await startScriptedApi((offset) => {
      const page = realPage();
      // Fresh listings on every page, so only the page count can tell that paging never ends.
      page.data.home_search.results = page.data.home_search.results.map((r, i) => ({
        ...r,
        property_id: String(9_000_000_000 + offset + i),
      }));
      page.data.home_search.total = offset + 25;
      return page;
    });
    try {
      const run = await runWithFaults(world.config, {
        api: { url: api.url, apiKey: 'scripted-key-1234', areas: [AREA] },
        client: { pageSize: 10 },
      });

      const report = await compactAndReconcile(world.config, run.runId);

      expect(run.ingest.failedAreas).toEqual([expect.objectContaining({ code: 'REALTY_API_RESPONSE' })]);
      expect(run.ingest.failedAreas[0]!.message).toMatch(
        /did not end after 4 pages \(first total 25, limit 10\)/,
      );
      expect(api.requests()).toBe(4);
      expect(report.fetched).toBe(40);
      expectNothingLost(report);
    } finally {
      await api.close();
    }
  });
});
