import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import streamValues from 'stream-json/streamers/stream-values.js';
import verifier from 'stream-json/utils/verifier.js';
import { splitJsonDocuments } from '../../src/domain/split-json-documents.js';
import { type BenchOptions, type Figure, figure, round } from './figure.js';
import { interleave } from './timing.js';

// Real API responses (read-only, made by others), pretty-printed and joined `}{` as scripts append them.
const FIXTURES = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'realtor-api');
const TARGET_BYTES = 20 * 2 ** 20;

/** The corpus: every fixture pretty-printed, back to back without separators, repeated up to TARGET_BYTES. */
function concatenatedDocuments(): string {
  const documents = readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.stringify(JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')), null, 2));
  const one = documents.join('');
  return one.repeat(Math.max(1, Math.ceil(TARGET_BYTES / one.length)));
}

/** stream-json's documented way to read concatenated JSON: parser({jsonStreaming}) + streamValues. */
async function streamJsonDocuments(text: string): Promise<unknown[]> {
  const values: unknown[] = [];
  await pipeline(
    Readable.from([text]),
    streamValues.withParserAsStream({ jsonStreaming: true }),
    async (items: AsyncIterable<{ value: unknown }>) => {
      for await (const item of items) values.push(item.value);
    },
  );
  return values;
}

/** Where stream-json's Verifier (its only part that names a position) puts the error, as "line L, column C". */
async function streamJsonErrorAt(text: string): Promise<string> {
  try {
    await pipeline(Readable.from([text]), verifier.asStream({ jsonStreaming: true }));
    return 'no error';
  } catch (error) {
    const { line, pos } = error as { line?: number; pos?: number };
    return line === undefined ? `no position (${String(error)})` : `line ${line}, column ${pos}`;
  }
}

function oursErrorAt(text: string): string {
  try {
    splitJsonDocuments(text);
    return 'no error';
  } catch (error) {
    return /line \d+, column \d+/.exec(String(error))?.[0] ?? `no position (${String(error)})`;
  }
}

/** `realty validate`'s splitter against stream-json on the same concatenated documents, interleaved. */
export async function benchJsonSplit(options: BenchOptions): Promise<Figure[]> {
  const text = concatenatedDocuments();
  const mb = Buffer.byteLength(text) / 1e6;
  const expected = splitJsonDocuments(text).length;
  const got = (await streamJsonDocuments(text)).length;
  if (got !== expected) throw new Error(`stream-json read ${got} documents, ours ${expected}`);
  options.log(`library-json-split: ${expected} documents, ${mb.toFixed(1)} MB, pretty-printed, joined }{`);
  // A comma missing between two members of the third document: both must name the same line and column.
  const third = text.indexOf('}{', text.indexOf('}{', text.indexOf('}{') + 2) + 2) + 2;
  const member = text.indexOf(',\n', third);
  const broken = text.slice(0, member) + text.slice(member + 1);
  options.log(
    `  malformed input: ours at ${oursErrorAt(broken)}; stream-json at ${await streamJsonErrorAt(broken)}`,
  );
  const timed = await interleave(
    { ours: () => splitJsonDocuments(text), library: () => streamJsonDocuments(text) },
    { rounds: 5, warmupRounds: 1 },
  );
  const rate = (ms: number) => round(mb / (ms / 1000), 1);
  const ours = rate(timed.ours.median.cpuMs);
  const library = rate(timed.library.median.cpuMs);
  const unit = 'MB/s of concatenated pretty-printed JSON (CPU time, median of 5)';
  return [
    figure({
      name: 'library-json-split[ours]',
      value: ours,
      unit,
      baseline: 'stream-json, same run',
      baselineValue: library,
    }),
    figure({
      name: 'library-json-split[stream-json]',
      value: library,
      unit,
      baseline: 'ours, same run',
      baselineValue: ours,
    }),
  ];
}
