import { describe, expect, it } from 'vitest';
import { workerExecArgv } from '../../../src/local/transform-worker-pool.js';

describe('workerExecArgv', () => {
  it("keeps the parent's module loaders and CPU profiling flags, and drops process-wide ones a Worker refuses", () => {
    const parent = [
      '--max-old-space-size=4096',
      '--import',
      'tsx',
      '--cpu-prof',
      '--cpu-prof-dir',
      '/tmp/p',
      '--title=x',
    ];

    const kept = workerExecArgv(parent, true);

    expect(kept).toEqual(['--import', 'tsx', '--cpu-prof', '--cpu-prof-dir', '/tmp/p']);
  });

  it("adds tsx's loader when running source without it, and nothing when running built JavaScript", () => {
    expect(workerExecArgv(['--require=./preflight.cjs'], true)).toEqual([
      '--require=./preflight.cjs',
      '--import',
      'tsx',
    ]);
    expect(workerExecArgv([], false)).toEqual([]);
  });
});
