// Pure display formatters. Deterministic (no implicit "now", UTC by default) so a
// server render and the client hydration produce the same text.

const DASH = "—";

type Num = number | null | undefined;

function isNum(n: Num): n is number {
  return typeof n === "number" && Number.isFinite(n);
}

/** 0.4ms · 850ms · 1.25s · 2m 05s · 1h 02m */
export function formatDuration(ms: Num): string {
  if (!isNum(ms)) return DASH;
  const sign = ms < 0 ? "-" : "";
  const a = Math.abs(ms);
  if (a < 1) return `${sign}${a === 0 ? "0" : a.toFixed(2).replace(/0$/, "")}ms`;
  if (a < 1000) return `${sign}${Math.round(a)}ms`;
  if (a < 60_000) {
    const s = a / 1000;
    return `${sign}${s < 10 ? s.toFixed(2) : s.toFixed(1)}s`;
  }
  if (a < 3_600_000) {
    const m = Math.floor(a / 60_000);
    const s = Math.floor((a % 60_000) / 1000);
    return `${sign}${m}m ${String(s).padStart(2, "0")}s`;
  }
  const h = Math.floor(a / 3_600_000);
  const m = Math.floor((a % 3_600_000) / 60_000);
  return `${sign}${h}h ${String(m).padStart(2, "0")}m`;
}

/** Significant digits of a cost under $1 (from $1 on, cents). */
export const COST_SIGNIFICANT_DIGITS = 3;

/**
 * One rule for every cost: from $1, dollars and cents ($12.35, $1,234.50); under
 * $1, always three significant digits, trailing zeros kept so a column of costs
 * reads alike ($0.0123, $0.00207, $0.00154, $0.0000200); under a millionth of a
 * dollar, "<$0.000001". LLM costs are often fractions of a cent.
 */
export function formatCost(usd: Num): string {
  if (!isNum(usd)) return DASH;
  if (usd === 0) return "$0";
  const sign = usd < 0 ? "-" : "";
  const a = Math.abs(usd);
  if (a < 0.000001) return `${sign}<$0.000001`;
  const sig = a < 1 ? a.toPrecision(COST_SIGNIFICANT_DIGITS) : "";
  // 0.9996 rounds up to "1.00": from there on, cents.
  if (a < 1 && Number(sig) < 1) return `${sign}$${sig}`;
  return `${sign}$${a.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function trimZeros(s: string): string {
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

/** 1,234 — exact counts; tokens are integers but tolerate fractions. */
export function formatTokens(n: Num): string {
  if (!isNum(n)) return DASH;
  return n.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

/** 950 · 12.3k · 4.5M — for tight cells and chart axes. */
export function formatCompact(n: Num): string {
  if (!isNum(n)) return DASH;
  const a = Math.abs(n);
  const units: Array<[number, string]> = [[1e9, "B"], [1e6, "M"], [1e3, "k"]];
  for (const [size, unit] of units) {
    if (a >= size) return `${trimZeros((n / size).toFixed(a / size >= 100 ? 0 : 1))}${unit}`;
  }
  return trimZeros(n.toFixed(a >= 100 || Number.isInteger(n) ? 0 : 2));
}

/** 0.1234 → "12.3%" */
export function formatPercent(ratio: Num, digits = 1): string {
  if (!isNum(ratio)) return DASH;
  return `${trimZeros((ratio * 100).toFixed(digits))}%`;
}

/** 512 B · 1.5 KB · 5.2 MB (1024-based, as editors show file sizes). */
export function formatBytes(bytes: Num): string {
  if (!isNum(bytes)) return DASH;
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB"];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${trimZeros(v.toFixed(1))} ${units[i]}`;
}

export type DateInput = string | number | Date | null | undefined;

function toDate(value: DateInput): Date | null {
  if (value === null || value === undefined || value === "") return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

export interface FormatDateOptions {
  /** IANA zone; UTC by default so server and client agree. */
  timeZone?: string;
  /** Show seconds (default true). */
  seconds?: boolean;
  /** Show milliseconds (for timings). */
  ms?: boolean;
  /** Date only, no time. */
  dateOnly?: boolean;
}

/** "2026-11-21 05:16:09" (24h, sortable, unambiguous). */
export function formatDate(value: DateInput, opts: FormatDateOptions = {}): string {
  const d = toDate(value);
  if (!d) return DASH;
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: opts.timeZone ?? "UTC",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(d);
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? "";
  const date = `${get("year")}-${get("month")}-${get("day")}`;
  if (opts.dateOnly) return date;
  let time = `${get("hour")}:${get("minute")}`;
  if (opts.seconds !== false || opts.ms) time += `:${get("second")}`;
  if (opts.ms) time += `.${String(d.getUTCMilliseconds()).padStart(3, "0")}`;
  return `${date} ${time}`;
}

/**
 * A UTC date or date-time typed as text, the way the app prints times:
 * "2026-01-31", "2026-01-31 14:05", "2026-01-31 14:05:09", also with a "T" and a
 * trailing "Z". Null when it is not one (or not a real calendar date).
 */
export function parseUtcDateTime(text: string): Date | null {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?\s*(?:Z|UTC)?\s*$/i.exec(text);
  if (!m) return null;
  const [y, mo, d, h = "0", mi = "0", sec = "0"] = m.slice(1);
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec)));
  // Date.UTC rolls 2026-02-30 over to March: refuse instead.
  const same = date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d) && date.getUTCHours() === Number(h) && date.getUTCMinutes() === Number(mi);
  return same && Number(sec) < 60 ? date : null;
}

/** "just now" · "42s ago" · "5m ago" · "3h ago" · "6d ago" · then the date. `now` is explicit for determinism. */
export function formatRelative(value: DateInput, now: DateInput = Date.now()): string {
  const d = toDate(value);
  const n = toDate(now);
  if (!d || !n) return DASH;
  const diff = n.getTime() - d.getTime();
  const future = diff < 0;
  const s = Math.abs(diff) / 1000;
  const fmt = (v: number, unit: string) => (future ? `in ${Math.floor(v)}${unit}` : `${Math.floor(v)}${unit} ago`);
  if (s < 5) return "just now";
  if (s < 60) return fmt(s, "s");
  if (s < 3600) return fmt(s / 60, "m");
  if (s < 86_400) return fmt(s / 3600, "h");
  if (s < 30 * 86_400) return fmt(s / 86_400, "d");
  return formatDate(d, { dateOnly: true });
}

/** Cuts to at most `max` characters (ellipsis included) without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (max <= 0) return "";
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1; // high surrogate left dangling
  return `${text.slice(0, Math.max(0, end))}…`;
}
