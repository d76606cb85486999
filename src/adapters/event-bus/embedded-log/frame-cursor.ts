import type { FileHandle } from 'node:fs/promises';
import { checkFrame, FRAME_HEADER_BYTES, type FrameCheck } from './frame-codec.js';

/** A frame found at `position`; `buffer[at, at + frameBytes)` holds it when `check.kind` is 'ok'. */
export interface FrameAt {
  position: number;
  check: FrameCheck;
  buffer: Buffer;
  at: number;
}

/**
 * Walks the frames of one segment file from `position` up to `end`, reading `chunkBytes` at a time,
 * so a scan or a fetch holds one chunk (or one large frame) in memory, never the whole segment.
 * A short frame is reported only when the bytes really end at `end`.
 */
export class FrameCursor {
  private window: Buffer = Buffer.alloc(0);
  private windowStart = 0;

  constructor(
    private readonly file: FileHandle,
    public position: number,
    private readonly end: number,
    private readonly chunkBytes: number,
  ) {}

  /** The next frame and moves past it when it is whole; undefined at `end`. */
  async next(): Promise<FrameAt | undefined> {
    if (this.position >= this.end) return undefined;
    let check = this.checkHere();
    if (check.kind === 'short-header' && this.windowEnd() < this.end) {
      await this.fill(FRAME_HEADER_BYTES);
      check = this.checkHere();
    }
    if (check.kind === 'short-body' && this.windowEnd() < this.end) {
      await this.fill(check.frameBytes);
      check = this.checkHere();
    }
    const frame = {
      position: this.position,
      check,
      buffer: this.window,
      at: this.position - this.windowStart,
    };
    if (check.kind === 'ok') this.position += check.frameBytes;
    return frame;
  }

  /** True when every byte from the cursor to `end` is zero: a tail a crash left allocated but unwritten. */
  async restIsZero(): Promise<boolean> {
    for (let at = this.position; at < this.end; at += this.chunkBytes) {
      const length = Math.min(this.chunkBytes, this.end - at);
      const chunk = Buffer.alloc(length);
      await this.file.read(chunk, 0, length, at);
      if (chunk.some((byte) => byte !== 0)) return false;
    }
    return true;
  }

  private windowEnd(): number {
    return this.windowStart + this.window.length;
  }

  private checkHere(): FrameCheck {
    const at = this.position - this.windowStart;
    if (at < 0 || at >= this.window.length) return { kind: 'short-header' };
    return checkFrame(this.window, at, this.window.length);
  }

  private async fill(needBytes: number): Promise<void> {
    const length = Math.min(Math.max(this.chunkBytes, needBytes), this.end - this.position);
    const buffer = Buffer.allocUnsafe(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await this.file.read(buffer, filled, length - filled, this.position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    this.window = buffer.subarray(0, filled);
    this.windowStart = this.position;
  }
}
