// Child process of the store test: writes big objects through the local bucket store until killed,
// printing "wrote <key>" after each whole write. Each body ends with a marker naming its key.
// Usage: node --import tsx test/integration/faults/helpers/big-writer-child.ts <bucket dir>
import { createLocalDirStore } from '../../../../src/adapters/object-store/local-dir.js';
import { bigBody } from './big-body.js';

const root = process.argv[2];
if (root === undefined) throw new Error('usage: big-writer-child.ts <bucket dir>');
const store = createLocalDirStore({ root });
process.stdout.write('ready\n');
for (let i = 0; ; i += 1) {
  // Every object rewritten in turn: a kill can land while a key is being replaced, not only created.
  const key = `raw/listings/dt=2026-11-20/state=CA/big-${i % 5}.bin`;
  await store.put(key, bigBody(key));
  process.stdout.write(`wrote ${key}\n`);
}
