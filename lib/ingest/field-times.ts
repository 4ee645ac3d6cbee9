// The stored form of a row's field stamps (merge.ts): `[stamp, mask, stamp,
// mask, ...]`, one pair per distinct stamp, the mask's bits naming the fields
// set at that stamp. A row written by one create and one update is about
// 40 bytes instead of ~210 for a name → stamp map: this column is written with
// every trace and observation, on the hottest path.

/**
 * Per field, the stamp of the event that set it (merge-rule.ts: 2 × event time in
 * ms, +1 for an update). A field not listed was never stated (a default or an
 * inferred value) and takes any stated one. Null on rows written before stamps.
 */
export type FieldTimes = Record<string, number>;

/** Bit i of a mask is STAMPED_FIELDS[i]. Append only: stored masks refer to these positions. */
export const STAMPED_FIELDS = [
  "name", "userId", "sessionId", "release", "version", "environment", "metadata", "input", "output", "public",
  "parentObservationId", "type", "startTime", "endTime", "completionStartTime", "level", "statusMessage", "model",
  "modelParameters", "promptName", "promptVersion", "inputTokens", "outputTokens", "totalTokens", "usageDetails",
  "inputCost", "outputCost", "totalCost", "costDetails",
] as const;

const BIT = new Map<string, number>(STAMPED_FIELDS.map((f, i) => [f, 2 ** i]));

export type StoredFieldTimes = number[];

export function encodeFieldTimes(times: FieldTimes | null): StoredFieldTimes | null {
  if (!times) return null;
  const masks = new Map<number, number>();
  for (const k in times) {
    const bit = BIT.get(k);
    if (bit === undefined) continue;
    masks.set(times[k], (masks.get(times[k]) ?? 0) + bit);
  }
  if (!masks.size) return null;
  const out: number[] = [];
  for (const [stamp, mask] of masks) out.push(stamp, mask);
  return out;
}

export function decodeFieldTimes(stored: unknown): FieldTimes | null {
  if (!Array.isArray(stored) || !stored.length) return null;
  const times: FieldTimes = {};
  for (let i = 0; i + 1 < stored.length; i += 2) {
    const stamp = Number(stored[i]);
    let mask = Number(stored[i + 1]);
    for (let bit = 0; mask > 0 && bit < STAMPED_FIELDS.length; bit++, mask = Math.floor(mask / 2)) {
      if (mask % 2 === 1) times[STAMPED_FIELDS[bit]] = stamp;
    }
  }
  return times;
}
