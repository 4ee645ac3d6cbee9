// Which matching traces a promotion rule promotes, or a live evaluator scores,
// at a sampling rate below 100 %: a stable hash of (rule or evaluator, trace),
// so looking at a trace again (it changed, a score arrived, a backfill ran)
// always gives the same answer. Pure: the forms share its field schema.
import { z } from "zod";
import { DomainError } from "../errors";

/**
 * FNV-1a over the text, then murmur3's finaliser: FNV alone leaves ids that
 * differ in their last characters (trace-1, trace-2, …) close together in the
 * high bits the rate compares, so the sample came out lopsided.
 */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** True when the trace falls inside the rule's sample (rate 0..1). */
export function sampled(ruleId: string, traceId: string, rate: number): boolean {
  if (rate >= 1) return true;
  if (rate <= 0) return false;
  return hash32(`${ruleId}\u0000${traceId}`) / 0x1_0000_0000 < rate;
}

/** The forms' sampling field, in percent. */
export const samplePercentSchema = z.coerce
  .number({ message: "must be a number from 0 to 100" })
  .finite("must be a number from 0 to 100")
  .min(0, "must be at least 0 %")
  .max(100, "must be at most 100 %");

/** A stored rate (0..1) refused at the form's field otherwise. */
export function checkSampleRate(rate: number): void {
  if (!(rate >= 0 && rate <= 1)) throw new DomainError("invalid", "must be from 0 to 100 %", { path: "samplePercent" });
}
