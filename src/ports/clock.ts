/** The current time as epoch milliseconds; injected so domain and pipeline stay deterministic in tests. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
