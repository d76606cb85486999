#!/usr/bin/env node
// Launcher for the `realty` command: runs the TypeScript CLI through tsx's loader, so a fresh
// clone needs no build step. Works on the Node that npm scripts put first (Node 22 from devDependencies).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
