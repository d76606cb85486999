/** Size of each object the big writer writes: large enough that a write takes a while. */
export const BIG_BYTES = 6 * 1024 * 1024;

/** A body of BIG_BYTES whose last bytes name the key: a torn write cannot end with them. */
export function bigBody(key: string): Uint8Array {
  const body = new Uint8Array(BIG_BYTES).fill(0x61);
  const marker = new TextEncoder().encode(`|end:${key}`);
  body.set(marker, BIG_BYTES - marker.length);
  return body;
}
