// Node's base64 decoder is lenient: it skips characters outside the alphabet, accepts base64url's - and _, and
// stops at padding in the wrong place. Each of those either drops characters, which the decoded length shows,
// or is one of - and _, which indexOf finds: together, RFC 4648 §4 base64 with padding, checked at native speed
// instead of a regular expression that walks a 3.9 KB value character by character (docs/performance.md).
let scratch: Buffer = Buffer.alloc(0);
// Larger values (rare: listings are about 2.5 KB) decode into a buffer of their own, so the one kept stays small.
const KEPT_SCRATCH_BYTES = 64 * 1024;

/** Whether `text` is RFC 4648 base64 with padding (the form AWS gives MSK record keys and values in). */
export function isBase64(text: string): boolean {
  const length = text.length;
  if (length % 4 !== 0) return false;
  if (length === 0) return true;
  const padding = text.charCodeAt(length - 1) === 61 ? (text.charCodeAt(length - 2) === 61 ? 2 : 1) : 0;
  const bytes = (length / 4) * 3 - padding;
  // One reused buffer to decode into: the check keeps nothing of the bytes, so it need not allocate them.
  const target = bytes + 3 <= KEPT_SCRATCH_BYTES ? kept() : Buffer.allocUnsafe(bytes + 3);
  const written = target.write(text, 0, 'base64');
  return written === bytes && text.indexOf('-') === -1 && text.indexOf('_') === -1;
}

function kept(): Buffer {
  if (scratch.length === 0) scratch = Buffer.allocUnsafeSlow(KEPT_SCRATCH_BYTES);
  return scratch;
}
