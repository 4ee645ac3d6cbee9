// Preset time ranges for the sessions filter (?range=24h), turned into `from` on the server.
export const RANGE_PARAM = "range";

export const RANGES = [
  { value: "1h", label: "Past hour", ms: 3_600_000 },
  { value: "24h", label: "Past 24 hours", ms: 86_400_000 },
  { value: "7d", label: "Past 7 days", ms: 7 * 86_400_000 },
  { value: "30d", label: "Past 30 days", ms: 30 * 86_400_000 },
] as const;

export function rangeStart(value: string, now = Date.now()): Date | null {
  const r = RANGES.find((x) => x.value === value);
  return r ? new Date(now - r.ms) : null;
}
