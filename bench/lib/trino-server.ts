import { startScriptTrino } from '../../test/helpers/trino-script.js';

/** A Trino 476 the benchmark started over its own data dir (scripts/trino.sh, the script behind npm run trino:start). */
export interface BenchTrino {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts Trino over `dataDir`, its `local:///` rooted at `<dataDir>/<bucket>` (the bucket directory the embedded
 * pipeline writes), on a free port, with a 2 GB heap.
 */
export function startBenchTrino(dataDir: string, bucket: string): Promise<BenchTrino> {
  return startScriptTrino({ dataDir, bucket, heap: '2G' });
}
