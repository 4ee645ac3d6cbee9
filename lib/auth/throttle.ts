// Slows down repeated failed sign-ins per email and per client address: each
// failure past the third doubles a delay (capped), and ten in fifteen minutes
// lock the key out until the window passes. In memory: Loupe is one process.
const WINDOW_MS = 15 * 60_000;
const FREE_FAILURES = 3;
const LOCK_AFTER = 10;
const MAX_DELAY_MS = 8_000;

type Entry = { failures: number; first: number };
function store(): Map<string, Entry> {
  const g = globalThis as unknown as { loupeLoginThrottle?: Map<string, Entry> };
  return (g.loupeLoginThrottle ??= new Map());
}

function entry(key: string, now: number): Entry | undefined {
  const e = store().get(key);
  if (e && now - e.first > WINDOW_MS) {
    store().delete(key);
    return undefined;
  }
  return e;
}

export interface ThrottleState {
  /** Wait this long before answering. */
  delayMs: number;
  /** Refuse outright until this many ms have passed. */
  lockedForMs: number;
}

export function throttleState(keys: string[], now = Date.now()): ThrottleState {
  let failures = 0;
  let first = now;
  for (const k of keys) {
    const e = entry(k, now);
    if (e && e.failures > failures) {
      failures = e.failures;
      first = e.first;
    }
  }
  if (failures >= LOCK_AFTER) return { delayMs: 0, lockedForMs: first + WINDOW_MS - now };
  const over = failures - FREE_FAILURES;
  return { delayMs: over >= 0 ? Math.min(250 * 2 ** over, MAX_DELAY_MS) : 0, lockedForMs: 0 };
}

export function recordFailure(keys: string[], now = Date.now()) {
  for (const k of keys) {
    const e = entry(k, now);
    store().set(k, e ? { ...e, failures: e.failures + 1 } : { failures: 1, first: now });
  }
}

export function recordSuccess(keys: string[]) {
  for (const k of keys) store().delete(k);
}
