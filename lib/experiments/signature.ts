// The signature on "Run experiment" requests (lib/experiments/trigger.ts):
// HMAC-SHA256 of the raw body with the project's experiment secret, sent as
// `x-loupe-signature: sha256=<hex>`. Pure (node:crypto only) and free of
// server-only imports, so a receiver (scripts/experiment-receiver.ts) can use
// verifySignature as it is.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-loupe-signature";
/** The trigger's id: a receiver can use it to drop a repeated delivery. */
export const DELIVERY_HEADER = "x-loupe-delivery";

const PREFIX = "sha256=";

/** The header value for a body: `sha256=<hex>`. Sign the exact bytes that are sent. */
export function signBody(secret: string, rawBody: string | Uint8Array): string {
  return PREFIX + createHmac("sha256", secret).update(rawBody).digest("hex");
}

/**
 * True when `header` is the signature of `rawBody` under `secret`. Compare the
 * raw bytes as received (not a re-serialised parse). The comparison takes the
 * same time wherever the first wrong byte is, so the answer leaks nothing.
 */
export function verifySignature(secret: string, rawBody: string | Uint8Array, header: string | null | undefined): boolean {
  if (!secret || typeof header !== "string" || !header.startsWith(PREFIX)) return false;
  const hex = header.slice(PREFIX.length).trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) return false;
  const given = Buffer.from(hex, "hex");
  const expected = createHmac("sha256", secret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}
