import type { CostLine } from './cost-model.js';

/**
 * MSK Serverless list prices, us-east-1, USD (https://aws.amazon.com/msk/pricing/; check them before
 * quoting a customer). A cluster bills by the hour whatever flows through it.
 */
export const MSK_SERVERLESS_US_EAST_1 = {
  clusterHour: 0.75,
  partitionHour: 0.0015,
  dataInGb: 0.1,
  dataOutGb: 0.05,
  storageGbMonth: 0.1,
} as const;
export type MskPrices = typeof MSK_SERVERLESS_US_EAST_1;

export interface MskWorkload {
  listings: number;
  listingBytes: number;
  /** Listings the market sends a day: the listings' share of a cluster that runs all day. */
  listingsPerDay: number;
  topicPartitions: number;
  /** How long the topic keeps records (Kafka's default: 7 days). */
  retentionDays: number;
}

const GIB = 1024 ** 3;

/** MSK Serverless's share for the listings: cluster and partition hours for the time they take to arrive, bytes in and out, storage. */
export function mskCost(w: MskWorkload, p: MskPrices = MSK_SERVERLESS_US_EAST_1): CostLine[] {
  const hours = (w.listings / w.listingsPerDay) * 24;
  const partitionHours = hours * w.topicPartitions;
  const gb = (w.listings * w.listingBytes) / GIB;
  const storedGbMonths = gb * (w.retentionDays / 30);
  return [
    {
      component: 'MSK Serverless cluster',
      quantity: hours,
      unit: 'cluster-hours',
      usd: hours * p.clusterHour,
    },
    {
      component: 'MSK partitions',
      quantity: partitionHours,
      unit: 'partition-hours',
      usd: partitionHours * p.partitionHour,
    },
    { component: 'MSK data in', quantity: gb, unit: 'GB', usd: gb * p.dataInGb },
    { component: 'MSK data out (transform reads)', quantity: gb, unit: 'GB', usd: gb * p.dataOutGb },
    {
      component: 'MSK storage (retention)',
      quantity: storedGbMonths,
      unit: 'GB-month',
      usd: storedGbMonths * p.storageGbMonth,
    },
  ];
}
