import { describe, expect, it } from 'vitest';
import { lineageHeaders, readLineage } from '../../../src/domain/lineage.js';

describe('lineage headers', () => {
  it('round-trips through record headers', () => {
    const lineage = {
      source: 'realty-in-us/v3',
      searchArea: 'postal:90004',
      observedAt: 1764000000123,
      runId: 'r1',
      pageOffset: 200,
    };

    const back = readLineage(new Map(Object.entries(lineageHeaders(lineage))), 1);

    expect(back).toEqual(lineage);
  });

  it('falls back to the Kafka timestamp when a record carries no lineage', () => {
    const back = readLineage(new Map(), 1764000000999);

    expect(back).toEqual({
      source: 'unknown',
      searchArea: 'unknown',
      observedAt: 1764000000999,
      runId: 'unknown',
      pageOffset: -1,
    });
  });
});
