import { describe, expect, it } from 'vitest';
import { workerExecArgv } from '../../../src/local/transform-worker-pool.js';

describe('workerExecArgv', () => {
  it("keeps the parent's module loaders and CPU profiling flags, and drops process-wide ones a Worker refuses", () => {
    const parent = [
      '--max-old-space-size=4096',
      '--import',
      './preflight.mjs',
      '--cpu-prof',
      '--cpu-prof-dir',
      '/tmp/p',
      '--title=x',
    ];

    const kept = workerExecArgv(parent);

    expect(kept).toEqual(['--import', './preflight.mjs', '--cpu-prof', '--cpu-prof-dir', '/tmp/p']);
  });

  it("drops tsx's loader however it is named: the worker runs bundled or built JavaScript, never source", () => {
    const parent = [
      '--import',
      'tsx',
      '--import=tsx/esm',
      '--require',
      '/repo/node_modules/tsx/dist/preflight.cjs',
      '--loader',
      'file:///repo/node_modules/tsx/dist/loader.mjs',
      '--require=./preflight.cjs',
      '--import',
      './tsx-like-name.mjs',
    ];

    const kept = workerExecArgv(parent);

    expect(kept).toEqual(['--require=./preflight.cjs', '--import', './tsx-like-name.mjs']);
  });
});
