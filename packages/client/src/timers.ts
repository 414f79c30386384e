/**
 * The clock and timers the client waits with. Injected (`createClient({ timers })`) so tests
 * decide how long a retry "waits" and never depend on how fast the machine is.
 */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Epoch milliseconds (used for `retry-after` HTTP dates). */
  now(): number;
  /** A number in [0, 1) for retry jitter. */
  random(): number;
}

export const realTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  now: () => Date.now(),
  random: () => Math.random(),
};
