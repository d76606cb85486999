import { ByteBackedMskRecord, headerValueText, mskHeaderText } from '../msk/byte-backed-record.js';
import type { MskRecord } from '../msk/msk-event-types.js';

interface LastValue {
  bytes: readonly number[];
  text: string;
}

/**
 * A record's header values as text by name, as mskHeaderText reads them, for the records of one batch: a value
 * whose bytes equal the last value seen under its name gets that value's text back. A batch's lineage headers
 * (source, search area, run id) repeat record after record, so comparing ~30 numbers replaces decoding them, and
 * the rows kept until their object is written share one string each instead of holding a copy per row.
 */
export class HeaderTexts {
  readonly #last = new Map<string, LastValue>();

  /** The header values of `record` as text by name (the last wins when a name repeats). */
  of(record: MskRecord): Map<string, string> {
    if (record instanceof ByteBackedMskRecord) return mskHeaderText(record);
    const out = new Map<string, string>();
    for (const header of record.headers) {
      for (const name in header) out.set(name, this.#text(name, header[name] as number[]));
    }
    return out;
  }

  #text(name: string, bytes: readonly number[]): string {
    const last = this.#last.get(name);
    if (last !== undefined && sameBytes(last.bytes, bytes)) return last.text;
    const text = headerValueText(bytes);
    this.#last.set(name, { bytes, text });
    return text;
  }
}

function sameBytes(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
