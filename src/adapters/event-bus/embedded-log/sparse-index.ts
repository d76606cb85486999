/**
 * Offset → byte position of some frames of one segment, about one per `intervalBytes` of log
 * (Kafka's index.interval.bytes idea), so a fetch seeks close to its offset instead of scanning from 0.
 * Two number arrays rather than objects: a large log keeps millions of entries.
 */
export class SparseIndex {
  private readonly offsets: number[] = [];
  private readonly positions: number[] = [];
  private bytesSinceEntry = 0;

  constructor(private readonly intervalBytes: number) {}

  get size(): number {
    return this.offsets.length;
  }

  /** Notes a frame appended at `position`; indexes it when enough bytes passed since the last entry. */
  observe(offset: number, position: number, frameBytes: number): void {
    // The segment start is an implicit entry, so counting starts at byte 0.
    if (this.bytesSinceEntry >= this.intervalBytes) {
      this.offsets.push(offset);
      this.positions.push(position);
      this.bytesSinceEntry = 0;
    }
    this.bytesSinceEntry += frameBytes;
  }

  /** Byte position of the last indexed frame at or before `offset`; 0 (the segment start) when none. */
  lookup(offset: number): number {
    let low = 0;
    let high = this.offsets.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      if (this.offsets[mid]! <= offset) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found === -1 ? 0 : this.positions[found]!;
  }
}
