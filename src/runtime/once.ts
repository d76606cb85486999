/** Runs `make` on the first call and returns the same promise afterwards (one init per Lambda container). A failed init is retried on the next call. */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= make().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
