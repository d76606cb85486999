/** The verdict on one request: go ahead, or wait until `resetAtMs`. */
export type RateVerdict = { allowed: true } | { allowed: false; resetAtMs: number };

/**
 * A per-second request limit as RapidAPI plans state it ("rate limit per second"): a fixed one-second
 * window. `perSecond` 0 means no limit.
 */
export function createRateLimiter(perSecond: number, now: () => number) {
  let windowStart = Number.NEGATIVE_INFINITY;
  let used = 0;
  return (): RateVerdict => {
    if (perSecond <= 0) return { allowed: true };
    const at = now();
    const second = Math.floor(at / 1_000) * 1_000;
    if (second !== windowStart) {
      windowStart = second;
      used = 0;
    }
    if (used >= perSecond) return { allowed: false, resetAtMs: windowStart + 1_000 };
    used += 1;
    return { allowed: true };
  };
}
