import { describe, expect, it } from 'vitest';
import { totalUsd } from '../../../src/cost/cost-model.js';
import { MSK_SERVERLESS_US_EAST_1, mskCost } from '../../../src/cost/msk-cost.js';

// MSK Serverless dimensions and us-east-1 list prices: https://aws.amazon.com/msk/pricing/
const workload = {
  listings: 1_000_000,
  listingBytes: 1024 ** 3 / 1_000_000, // exactly 1 GiB in all
  listingsPerDay: 2_000_000,
  topicPartitions: 6,
  retentionDays: 30,
};

const line = (component: string) => mskCost(workload).find((l) => l.component === component)!;

describe('MSK cost', () => {
  it('charges the cluster for the hours the listings take to arrive, whatever their size', () => {
    expect(line('MSK Serverless cluster')).toMatchObject({ quantity: 12, usd: 12 * 0.75 });
  });

  it('charges every partition of the topic for those hours', () => {
    expect(line('MSK partitions').quantity).toBe(72);
    expect(line('MSK partitions').usd).toBeCloseTo(72 * 0.0015, 10);
  });

  it('charges the bytes in, the bytes the transform reads out, and their storage over the retention', () => {
    expect(line('MSK data in')).toMatchObject({ quantity: 1, usd: 0.1 });
    expect(line('MSK data out (transform reads)')).toMatchObject({ quantity: 1, usd: 0.05 });
    expect(line('MSK storage (retention)')).toMatchObject({ quantity: 1, usd: 0.1 });
  });

  it('halves the cluster share when the market sends twice as many listings a day', () => {
    const busier = mskCost({ ...workload, listingsPerDay: 4_000_000 });

    expect(busier[0]!.usd).toBeCloseTo(MSK_SERVERLESS_US_EAST_1.clusterHour * 6, 10);
    expect(totalUsd(busier)).toBeLessThan(totalUsd(mskCost(workload)));
  });
});
