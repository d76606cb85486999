import { afterEach, beforeEach } from 'vitest';
import type { RawSettings } from '../../../../src/config.js';
import { type Child, startChild } from './child-process.js';
import { createFaultWorld, type FaultWorld } from './fault-pipeline.js';

/** The fault world of the running test, and the children it starts there. */
export interface FaultTestWorld {
  /** The running test's data dir and configuration. */
  readonly world: FaultWorld;
  /** Starts a child process (see startChild); it is SIGKILLed after the test if it still runs. */
  start(script: string, args: readonly string[]): Child;
}

/**
 * Gives each test of the enclosing describe a fresh fault world; after the test, kills every child the test
 * started (a no-op for those that ended) and removes the world.
 */
export function useFaultWorld(settings?: RawSettings): FaultTestWorld {
  let current: FaultWorld | undefined;
  const children: Child[] = [];
  beforeEach(async () => {
    current = await createFaultWorld(settings);
  });
  afterEach(async () => {
    for (const child of children.splice(0)) await child.kill();
    await current?.cleanup();
    current = undefined;
  });
  return {
    get world() {
      if (!current) throw new Error('useFaultWorld: the world exists only while a test runs');
      return current;
    },
    start(script, args) {
      const child = startChild(script, args);
      children.push(child);
      return child;
    },
  };
}
