// Ids and timestamps as OTLP clients really send them: ids as raw bytes
// (protobuf), hex (OTLP/JSON) or base64 (proto3 JSON defaults, some clients);
// times as unix nanoseconds in a string, a number or a Long.

export const TRACE_ID_BYTES = 16;
export const SPAN_ID_BYTES = 8;

const HEX = /^[0-9a-fA-F]*$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

export function bytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

export function bytesToBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/**
 * An id as lowercase hex. Hex of the expected length wins over base64 (a hex
 * id is also valid base64 text, never the other way round at these lengths).
 * Something undecodable comes back as given so the mapper can name it.
 */
export function idToHex(value: unknown, byteLength: number): string {
  if (value === undefined || value === null) return "";
  if (value instanceof Uint8Array) return bytesToHex(value);
  if (Array.isArray(value) && value.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) {
    return bytesToHex(Uint8Array.from(value as number[]));
  }
  if (typeof value !== "string") return "";
  const s = value.trim();
  if (s === "") return "";
  if (HEX.test(s) && s.length === byteLength * 2) return s.toLowerCase();
  if (BASE64.test(s)) {
    const bytes = Buffer.from(s.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (bytes.length === byteLength) return bytes.toString("hex");
  }
  if (HEX.test(s) && s.length % 2 === 0) return s.toLowerCase();
  return s;
}

export function isValidId(hex: string, byteLength: number): boolean {
  return hex.length === byteLength * 2 && /^[0-9a-f]+$/.test(hex) && !/^0+$/.test(hex);
}

interface LongLike {
  low: number;
  high: number;
  unsigned?: boolean;
}

function isLongLike(v: unknown): v is LongLike {
  return typeof v === "object" && v !== null && typeof (v as LongLike).low === "number" && typeof (v as LongLike).high === "number";
}

/** An int64 from any of its wire forms as a bigint, or undefined if it is not one. */
export function toBigInt(value: unknown): bigint | undefined {
  if (typeof value === "bigint") return value;
  if (typeof value === "number") return Number.isFinite(value) ? BigInt(Math.trunc(value)) : undefined;
  if (typeof value === "string") return /^-?\d+$/.test(value.trim()) ? BigInt(value.trim()) : undefined;
  if (isLongLike(value)) {
    const low = BigInt(value.low >>> 0);
    const high = BigInt(value.unsigned ? value.high >>> 0 : value.high);
    return (high << 32n) | low;
  }
  return undefined;
}

/** An int64 as a number; beyond 2^53 as its exact decimal string rather than a silently rounded number. */
export function int64ToJs(value: unknown): number | string | undefined {
  const n = toBigInt(value);
  if (n === undefined) return undefined;
  const asNumber = Number(n);
  return Number.isSafeInteger(asNumber) ? asNumber : n.toString();
}

/** Unix nanoseconds → Date (millisecond precision); 0 or unparsable → undefined. */
export function nanosToDate(value: unknown): Date | undefined {
  const nanos = toBigInt(value);
  if (nanos === undefined || nanos <= 0n) return undefined;
  const date = new Date(Number(nanos / 1_000_000n));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

// The largest instant a Date holds (±8.64e15 ms); beyond it Date is invalid.
const MAX_DATE_MS = 8_640_000_000_000_000n;

/**
 * A span's start or end: undefined when absent (missing or 0, proto3's
 * default), an Invalid Date when the value is not a time at all ("NaN",
 * "abc", beyond what a Date holds), else the Date, however implausible — the
 * mapper judges the range and refuses the span rather than guessing a time.
 */
export function nanosToSpanTime(value: unknown): Date | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const nanos = toBigInt(value);
  if (nanos === undefined) return new Date(Number.NaN);
  if (nanos === 0n) return undefined;
  const ms = nanos / 1_000_000n;
  if (ms > MAX_DATE_MS || ms < -MAX_DATE_MS) return new Date(Number.NaN);
  return new Date(Number(ms));
}
