import { type FileHandle, mkdir, open } from 'node:fs/promises';
import { BusError, LogCorruptError } from '../../../errors.js';
import { encodeFrame, type FrameRecord } from './frame-codec.js';
import { syncDir } from './log-files.js';
import { listSegmentFiles, type Segment, segmentFile } from './segment.js';
import { type ReadBudget, type ReadResult, readSegments } from './segment-reader.js';
import { scanSegment } from './segment-scan.js';
import { SparseIndex } from './sparse-index.js';

export interface PartitionLogOptions {
  readOnly: boolean;
  segmentBytes: number;
  indexIntervalBytes: number;
}

export type AppendRecord = Omit<FrameRecord, 'offset'>;

/** The segments of one partition: checked (and, for the writer, repaired) on open, appended to with fsync. */
export class PartitionLog {
  private active: { segment: Segment; handle: FileHandle } | undefined;

  private constructor(
    private readonly dir: string,
    private readonly options: PartitionLogOptions,
    private readonly segments: Segment[],
  ) {}

  /** Opens a partition directory, rebuilding the sparse indexes; the writer truncates a torn last frame. */
  static async open(dir: string, options: PartitionLogOptions): Promise<PartitionLog> {
    if (!options.readOnly) await mkdir(dir, { recursive: true });
    const log = new PartitionLog(dir, options, []);
    await log.scanNewBytes();
    return log;
  }

  /** The offset the next appended record gets (Kafka's log-end offset). */
  get endOffset(): number {
    return this.segments.at(-1)?.nextOffset ?? 0;
  }

  /** Records from offset `from` on, within `budget`. */
  read(from: number, budget: ReadBudget): Promise<ReadResult> {
    return readSegments(this.segments, from, budget);
  }

  /** Picks up what another process appended since the last look (read-only opens). */
  async refresh(): Promise<void> {
    await this.scanNewBytes();
  }

  /** Appends records durably (fsync before resolving), rolling segments at segmentBytes; returns the first offset. */
  async append(records: readonly AppendRecord[]): Promise<number> {
    if (this.options.readOnly)
      throw new BusError(
        'this event log was opened for reading (by reconcile or replay); only `realty run` writes to it',
      );
    const baseOffset = this.endOffset;
    let group: Buffer[] = [];
    let groupBytes = 0;
    for (const [i, record] of records.entries()) {
      const frame = encodeFrame({ ...record, offset: baseOffset + i });
      const active = await this.activeSegment();
      const used = active.segment.sizeBytes + groupBytes;
      if (used > 0 && used + frame.length > this.options.segmentBytes) {
        await this.write(active, group, groupBytes);
        await this.roll();
        group = [];
        groupBytes = 0;
      }
      group.push(frame);
      groupBytes += frame.length;
    }
    if (group.length > 0) await this.write(await this.activeSegment(), group, groupBytes);
    return baseOffset;
  }

  async close(): Promise<void> {
    await this.active?.handle.close();
    this.active = undefined;
  }

  private async write(
    active: { segment: Segment; handle: FileHandle },
    frames: Buffer[],
    bytes: number,
  ): Promise<void> {
    if (frames.length === 0) return;
    const { segment, handle } = active;
    const position = segment.sizeBytes;
    try {
      const { bytesWritten } = await handle.writev(frames, position);
      if (bytesWritten !== bytes) throw new Error(`wrote ${bytesWritten} of ${bytes} bytes`);
      await handle.datasync();
    } catch (error) {
      // Nothing of a failed write may stay visible to the next open: cut the file back.
      await handle.truncate(position).catch(() => undefined);
      throw new BusError(`could not append to ${segment.file}: check free disk space and permissions`, {
        cause: error,
      });
    }
    let at = position;
    for (const frame of frames) {
      segment.index.observe(segment.nextOffset, at, frame.length);
      segment.nextOffset += 1;
      at += frame.length;
    }
    segment.sizeBytes = at;
  }

  private async activeSegment(): Promise<{ segment: Segment; handle: FileHandle }> {
    if (this.active !== undefined) return this.active;
    const last = this.segments.at(-1);
    if (last === undefined) return this.roll();
    this.active = { segment: last, handle: await open(last.file, 'r+') };
    return this.active;
  }

  private async roll(): Promise<{ segment: Segment; handle: FileHandle }> {
    await this.close();
    const baseOffset = this.endOffset;
    const file = segmentFile(this.dir, baseOffset);
    const handle = await open(file, 'wx');
    // The new file's directory entry must be durable before records in it are acknowledged.
    await syncDir(this.dir);
    const segment = { baseOffset, file, sizeBytes: 0, nextOffset: baseOffset, index: this.newIndex() };
    this.segments.push(segment);
    this.active = { segment, handle };
    return this.active;
  }

  private newIndex(): SparseIndex {
    return new SparseIndex(this.options.indexIntervalBytes);
  }

  /** Checks the bytes after the last known frame, then any newer segment files; files are listed first. */
  private async scanNewBytes(): Promise<void> {
    const files = await listSegmentFiles(this.dir);
    const known = this.segments.at(-1);
    if (known !== undefined) {
      await this.scanInto(known, !files.some((f) => f.baseOffset > known.baseOffset));
    }
    for (const [i, { baseOffset, file }] of files.entries()) {
      if (known !== undefined && baseOffset <= known.baseOffset) continue;
      if (baseOffset !== this.endOffset && this.segments.length > 0) {
        throw new LogCorruptError(
          `${file} starts at offset ${baseOffset} but the segment before it ends at offset ${this.endOffset}: ` +
            'a segment file is missing or misnamed; restore it or move the log directory aside',
        );
      }
      const segment = { baseOffset, file, sizeBytes: 0, nextOffset: baseOffset, index: this.newIndex() };
      this.segments.push(segment);
      await this.scanInto(segment, i === files.length - 1);
    }
  }

  private async scanInto(segment: Segment, isLast: boolean): Promise<void> {
    const from = { position: segment.sizeBytes, expectedOffset: segment.nextOffset };
    const result = await scanSegment(segment.file, from, segment.index);
    segment.sizeBytes = result.validBytes;
    segment.nextOffset = result.nextOffset;
    const { damage } = result;
    if (damage === undefined) return;
    if (!isLast || !damage.tornTail) {
      throw new LogCorruptError(
        `${segment.file} is corrupt at byte ${damage.position}: ${damage.reason}. Records before that byte are intact; ` +
          'restore the file from a copy, or move the log directory aside and re-ingest',
      );
    }
    // A write cut short by a crash: its records were never acknowledged, so the writer drops them.
    if (!this.options.readOnly) await truncateFile(segment.file, damage.position);
  }
}

async function truncateFile(file: string, bytes: number): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.truncate(bytes);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
