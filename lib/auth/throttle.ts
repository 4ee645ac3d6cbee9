// Slows down repeated failed sign-ins, per account and per client address.
//
// - Account keys ("email:…"): each failure past the third doubles a delay
//   (capped), and ten in fifteen minutes lock that account until the window
//   passes. Failures against one account count only against that account.
// - Address keys ("ip:…", only when the address can be trusted: see
//   lib/http/client-address.ts): the same curve with a higher bar (20 free, 50
//   to lock), against one address spraying many accounts. Failures against one
//   account stop at its own lock (10), so they alone never lock an address.
//
// An attempt is counted before its password is checked (beginAttempt), in one
// synchronous step: JavaScript runs it without interleaving, so twelve
// concurrent attempts against a limit of ten get ten checks and two refusals.
// In memory: Loupe is one process (two instances would each count on their own).
const WINDOW_MS = 15 * 60_000;
const MAX_DELAY_MS = 8_000;
// Bounded so a stream of made-up emails cannot grow memory without end.
const MAX_KEYS = 100_000;

const LIMITS = {
  email: { free: 3, lock: 10 },
  ip: { free: 20, lock: 50 },
} as const;

function limitsFor(key: string) {
  return key.startsWith("ip:") ? LIMITS.ip : LIMITS.email;
}

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

/** The worst state over the keys: the longest lock, else the longest delay. */
export function throttleState(keys: string[], now = Date.now()): ThrottleState {
  let delayMs = 0;
  let lockedForMs = 0;
  for (const k of keys) {
    const e = entry(k, now);
    if (!e) continue;
    const { free, lock } = limitsFor(k);
    if (e.failures >= lock) lockedForMs = Math.max(lockedForMs, e.first + WINDOW_MS - now);
    else if (e.failures >= free) delayMs = Math.max(delayMs, Math.min(250 * 2 ** (e.failures - free), MAX_DELAY_MS));
  }
  return lockedForMs > 0 ? { delayMs: 0, lockedForMs } : { delayMs, lockedForMs: 0 };
}

export function recordFailure(keys: string[], now = Date.now()) {
  const s = store();
  for (const k of keys) {
    const e = entry(k, now);
    s.delete(k); // re-insert: the map's order is least recently failed first
    s.set(k, e ? { ...e, failures: e.failures + 1 } : { failures: 1, first: now });
  }
  for (const oldest of s.keys()) {
    if (s.size <= MAX_KEYS) break;
    s.delete(oldest);
  }
}

export function recordSuccess(keys: string[]) {
  for (const k of keys) store().delete(k);
}

/**
 * Counts an attempt as a failure before its password is checked, unless the
 * keys are locked (then nothing is counted and the caller refuses). A success
 * afterwards is settled with attemptSucceeded.
 */
export function beginAttempt(keys: string[], now = Date.now()): ThrottleState {
  const state = throttleState(keys, now);
  if (state.lockedForMs === 0) recordFailure(keys, now);
  return state;
}

/**
 * The password was right: the account starts afresh, and the address only
 * takes back this attempt (signing in to an account of one's own must not wipe
 * an address's record of failures against others).
 */
export function attemptSucceeded(accountKey: string, addressKeys: string[]) {
  store().delete(accountKey);
  for (const k of addressKeys) {
    const e = store().get(k);
    if (!e) continue;
    if (e.failures <= 1) store().delete(k);
    else e.failures -= 1;
  }
}
