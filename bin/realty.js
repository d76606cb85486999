#!/usr/bin/env node
// Launcher for the `realty` command: runs the esbuild bundle of the TypeScript CLI (bin/cli-bundle.js), rebuilt
// when src/ changes, so a fresh clone needs no build step and a start costs ~0.1 s, not tsx's ~1 s compile.
// REALTY_CLI_TSX=1 runs the sources through tsx instead (the way to debug with source files).
if (process.env.REALTY_CLI_TSX === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
} else {
  const { cliBundleEntry } = await import('./cli-bundle.js');
  await import(await cliBundleEntry());
}
