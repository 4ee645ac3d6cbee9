// Time ranges for every table, chart and comparison: one set of presets with
// one set of labels, or a custom [from, to]. Always UTC: presets count back
// from "now" in milliseconds, and custom bounds are ISO instants.
export const TIME_PRESETS = [
  { value: "1h", label: "Last hour", ms: 3_600_000 },
  { value: "24h", label: "Last 24 hours", ms: 86_400_000 },
  { value: "7d", label: "Last 7 days", ms: 7 * 86_400_000 },
  { value: "30d", label: "Last 30 days", ms: 30 * 86_400_000 },
  { value: "90d", label: "Last 90 days", ms: 90 * 86_400_000 },
] as const;
export type TimePreset = (typeof TIME_PRESETS)[number]["value"];

/** A preset, everything ("all"), or explicit bounds ("custom"). */
export type TimeRangeKind = TimePreset | "all" | "custom";
export const TIME_RANGE_VALUES = [...TIME_PRESETS.map((p) => p.value), "all"] as const;

/** Picker options, in order: the presets, all time, then a custom range. */
export const TIME_RANGE_OPTIONS: readonly { value: TimeRangeKind; label: string }[] = [
  ...TIME_PRESETS.map((p) => ({ value: p.value, label: p.label })),
  { value: "all", label: "All time" },
  { value: "custom", label: "Custom range…" },
];

/** The search param that holds a preset (`?range=24h`); custom bounds are `from` / `to`. */
export const RANGE_PARAM = "range";

export interface TimeRange {
  kind: TimeRangeKind;
  from?: Date;
  to?: Date;
}

/** The start of a preset counted back from `now`; null for anything else. */
export function presetStart(value: string, now: Date = new Date()): Date | null {
  const p = TIME_PRESETS.find((x) => x.value === value);
  return p ? new Date(now.getTime() - p.ms) : null;
}

/**
 * The range a view asks for: explicit bounds win (a custom range); else a
 * preset counted back from `now`; else all time. An unknown preset is an issue
 * and the range falls back to all time.
 */
export function resolveTimeRange(input: { range?: string | null; from?: Date; to?: Date }, now: Date = new Date()): { range: TimeRange; issue?: string } {
  if (input.from || input.to) return { range: { kind: "custom", from: input.from, to: input.to } };
  const v = input.range ?? "";
  if (!v || v === "all") return { range: { kind: "all" } };
  const from = presetStart(v, now);
  if (from) return { range: { kind: v as TimePreset, from } };
  return { range: { kind: "all" }, issue: `must be one of ${TIME_RANGE_VALUES.join(", ")}` };
}

/** A custom range's default start when the picker switches to "custom": 24 hours back, to the minute, UTC ISO. */
export function defaultCustomFrom(now: Date = new Date()): string {
  return new Date(now.getTime() - 86_400_000).toISOString().slice(0, 16) + ":00Z";
}
