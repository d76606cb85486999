import { existsSync } from 'node:fs';
import path from 'node:path';
import { openEmbeddedLog } from '../adapters/event-bus/embedded-log.js';
import type { RealtyConfig } from '../config.js';
import {
  type ReconcileDeps,
  type ReconcileReport,
  type ReconcileSelection,
  reconcile,
} from '../pipeline/reconcile.js';
import type { EventConsumer } from '../ports/event-bus.js';
import type { GroupPosition } from '../reconciliation/reconcile-facts.js';
import { catalogFor, storeFor } from './assemble.js';
import { openBus } from './bus.js';
import { localPaths } from './local.js';
import { openQueryEngine } from './query-engine.js';

/** Reconciles the selection against the configured store, catalog, engine and bus; `realty reconcile` and `realty run` call it. */
export async function reconcileWithConfig(
  config: RealtyConfig,
  selection: ReconcileSelection,
): Promise<ReconcileReport> {
  const engine = await openQueryEngine(config);
  try {
    const deps: ReconcileDeps = {
      store: storeFor(config),
      catalog: catalogFor(config),
      engine,
      database: config.database,
      groupPosition: () => groupPositionOf(config),
    };
    return await reconcile(selection, deps);
  } finally {
    await engine.close();
  }
}

/**
 * The transform group's committed offsets and the log-end offsets. The embedded log is opened read-only, so a
 * pipeline running beside it is not disturbed; on Kafka the reader joins the group for a moment (run it when
 * the transform is idle, or it causes a rebalance). null when the bus or topic is not there yet.
 */
export async function groupPositionOf(config: RealtyConfig): Promise<GroupPosition | null> {
  if (config.bus === 'embedded') {
    const dir = localPaths(config).log;
    // Nothing was ever produced: there is no position to compare with.
    if (!existsSync(path.join(dir, 'topics', config.topic))) return null;
    const log = await openEmbeddedLog({ dir, readOnly: true });
    try {
      return await positionOf(() => log.consumer({ topic: config.topic, groupId: config.consumerGroup }));
    } finally {
      await log.close();
    }
  }
  const bus = await openBus(config);
  try {
    return await positionOf(() => bus.consumer({ topic: config.topic, groupId: config.consumerGroup }));
  } finally {
    await bus.close();
  }
}

async function positionOf(open: () => Promise<EventConsumer>): Promise<GroupPosition> {
  const consumer = await open();
  try {
    const [committed, ends] = await Promise.all([consumer.committed(), consumer.endOffsets()]);
    return { committed, ends };
  } finally {
    await consumer.close();
  }
}
