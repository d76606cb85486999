import {
  type CompactionManifest,
  LATEST_MANIFEST_KEY,
  manifestKey,
  parseCompactionManifest,
  serializeCompactionManifest,
} from '../../compaction/compaction-manifest.js';
import { CompactionError } from '../../errors.js';
import type { ObjectStore } from '../../ports/object-store.js';

/** Writes the run's manifest, then latest.json: only a finished run moves the next run's watermark. */
export async function putManifest(store: ObjectStore, manifest: CompactionManifest): Promise<void> {
  const body = new TextEncoder().encode(serializeCompactionManifest(manifest));
  await store.put(manifestKey(manifest.runId), body, { contentType: 'application/json' });
  await store.put(LATEST_MANIFEST_KEY, body, { contentType: 'application/json' });
}

/** The manifest a run wrote; CompactionError when the run left none. */
export async function getManifest(store: ObjectStore, runId: string): Promise<CompactionManifest> {
  const key = manifestKey(runId);
  const body = await store.get(key);
  if (!body) {
    throw new CompactionError(
      `compaction run ${runId} finished without writing ${store.uri(key)}; see the job's log`,
    );
  }
  return parseCompactionManifest(new TextDecoder().decode(body), store.uri(key));
}
