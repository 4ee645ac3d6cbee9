// The signature on "Run experiment" requests (lib/experiments/trigger.ts):
// HMAC-SHA256 of `${timestamp}.${rawBody}` with the project's experiment
// secret, sent as `x-loupe-signature: sha256=<hex>` beside
// `x-loupe-timestamp: <unix seconds>`. Signing the timestamp with the body lets
// a receiver refuse a captured request replayed later (verifySignature's
// tolerance). Pure (node:crypto only) and free of server-only imports, so a
// receiver (scripts/experiment-receiver.ts) can use verifySignature as it is.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-loupe-signature";
/** Unix seconds when the request was signed; part of what is signed. */
export const TIMESTAMP_HEADER = "x-loupe-timestamp";
/** The trigger's id: a receiver can use it to drop a repeated delivery. */
export const DELIVERY_HEADER = "x-loupe-delivery";
/** How far (seconds) a request's timestamp may be from the receiver's clock, either way. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

const PREFIX = "sha256=";

function mac(secret: string, timestamp: string, rawBody: string | Uint8Array) {
  return createHmac("sha256", secret).update(`${timestamp}.`).update(rawBody);
}

/** The header value for a body signed at `timestamp` (unix seconds): `sha256=<hex>`. Sign the exact bytes that are sent. */
export function signBody(secret: string, rawBody: string | Uint8Array, timestamp: number | string): string {
  return PREFIX + mac(secret, String(timestamp), rawBody).digest("hex");
}

/** The two headers for a request signed now (or at `now`). */
export function signatureHeaders(secret: string, rawBody: string | Uint8Array, now: Date = new Date()): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return { [SIGNATURE_HEADER]: signBody(secret, rawBody, timestamp), [TIMESTAMP_HEADER]: timestamp };
}

export interface VerifyOptions {
  /** Seconds a timestamp may be off the receiver's clock, in the past or the future (default 300). */
  toleranceSeconds?: number;
  /** The receiver's clock (tests). */
  now?: Date;
}

/**
 * True when `signatureHeader` is the signature of `${timestampHeader}.${rawBody}`
 * under `secret` and the timestamp is within the tolerance of now, so a request
 * replayed later (or dated ahead) is refused. Compare the raw bytes as received
 * (not a re-serialised parse). The comparison takes the same time wherever the
 * first wrong byte is, so the answer leaks nothing.
 */
export function verifySignature(
  secret: string,
  rawBody: string | Uint8Array,
  signatureHeader: string | null | undefined,
  timestampHeader: string | null | undefined,
  { toleranceSeconds = DEFAULT_TOLERANCE_SECONDS, now = new Date() }: VerifyOptions = {},
): boolean {
  if (!secret || typeof signatureHeader !== "string" || !signatureHeader.startsWith(PREFIX)) return false;
  if (typeof timestampHeader !== "string" || !/^\d{1,12}$/.test(timestampHeader.trim())) return false;
  const timestamp = timestampHeader.trim();
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const hex = signatureHeader.slice(PREFIX.length).trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) return false;
  const given = Buffer.from(hex, "hex");
  const expected = mac(secret, timestamp, rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}
