/** What an event source mapping run did; one object can be handed in to accumulate over runs. */
export interface EsmStats {
  /** Batches assembled from the log (retries and bisected halves not counted). */
  batches: number;
  /** Calls of the function. */
  invocations: number;
  /** Records handed to the function, retries included. */
  recordsDelivered: number;
  /** Records the function processed successfully (committed as such). */
  recordsSucceeded: number;
  /** Invocations that re-delivered records already delivered (bisected halves included). */
  retries: number;
  /** Failed batches split in two. */
  bisections: number;
  /** Records written to the on-failure destination (and committed past). */
  recordsToOnFailure: number;
  /** Records given up on with no on-failure destination configured (and committed past), as Lambda does. */
  recordsDiscarded: number;
}

/** Stats with every count at zero. */
export function emptyEsmStats(): EsmStats {
  return {
    batches: 0,
    invocations: 0,
    recordsDelivered: 0,
    recordsSucceeded: 0,
    retries: 0,
    bisections: 0,
    recordsToOnFailure: 0,
    recordsDiscarded: 0,
  };
}
