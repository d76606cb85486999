import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// The JVM-bound files (PySpark, the Python model): a lane of their own, run beside the other integration
// files, so that one lane's JVM start-ups overlap the other's waits on brokers and subprocesses.
const JVM_LANE = [
  'test/integration/compaction/*.test.ts',
  'test/integration/aws/spark-reads-transform-output.test.ts',
  'test/integration/model.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      // Pure and in-process tests: every core (vitest's default leaves one idle), and a worker's module cache
      // shared by its files (no per-file isolation): 115 s -> 62 s on 2 cores.
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          isolate: false,
          maxWorkers: Math.max(2, availableParallelism()),
        },
      },
      // Each integration lane runs one file at a time: its files start servers on loopback ports.
      { extends: true, test: { name: 'jvm', include: JVM_LANE, fileParallelism: false } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: JVM_LANE,
          fileParallelism: false,
        },
      },
    ],
  },
});
