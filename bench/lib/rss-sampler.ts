/** Samples this process's RSS every `intervalMs` until stopped; peak() is the largest seen, in MB. */
export function startRssSampler(intervalMs = 100): { peakMb(): number; stop(): void } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, intervalMs);
  // A sampler must never keep the process alive on its own.
  timer.unref();
  return {
    peakMb: () => Math.max(peak, process.memoryUsage.rss()) / 1_048_576,
    stop: () => clearInterval(timer),
  };
}
