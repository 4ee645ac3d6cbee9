// The instrumentation health figures as plain data, and the link from each
// figure to the traces it counts. Pure: the health section (components/health)
// renders it; lib/analytics/health.ts computes it.
import type { Filter } from "../query/filter";
import { encodeFilter } from "../query/url";
import { TRACE_URL_FIELDS } from "../traces/filter";
import type { MissingKind } from "../traces/missing-kinds";
import { RANGE_PARAM, type TimeRange } from "../time-range";

/** Counts for one trace name (traceName null: unnamed traces, or the total row). */
export interface HealthFigures {
  traceName: string | null;
  traces: number;
  missingInput: number;
  missingOutput: number;
  generations: number;
  missingModel: number;
  missingUsage: number;
  missingCost: number;
  /** Observations that can end (events are points in time and are left out). */
  observations: number;
  neverEnded: number;
}

export interface HealthReport {
  rows: HealthFigures[];
  total: HealthFigures;
}

/** One figure of a row: which gap, the count, what it is a share of. */
export interface HealthCell {
  kind: MissingKind;
  count: number;
  of: number;
}

export const HEALTH_COLUMNS: readonly { kind: MissingKind; label: string; count: keyof HealthFigures; of: keyof HealthFigures; ofLabel: string }[] = [
  { kind: "input", label: "No input", count: "missingInput", of: "traces", ofLabel: "traces" },
  { kind: "output", label: "No output", count: "missingOutput", of: "traces", ofLabel: "traces" },
  { kind: "model", label: "No model", count: "missingModel", of: "generations", ofLabel: "generations" },
  { kind: "usage", label: "No usage", count: "missingUsage", of: "generations", ofLabel: "generations" },
  { kind: "cost", label: "No cost", count: "missingCost", of: "generations", ofLabel: "generations" },
  { kind: "end", label: "Never ended", count: "neverEnded", of: "observations", ofLabel: "observations" },
];

export function healthCells(r: HealthFigures): HealthCell[] {
  return HEALTH_COLUMNS.map((c) => ({ kind: c.kind, count: Number(r[c.count]), of: Number(r[c.of]) }));
}

/** The share as a ratio, null when there is nothing to be a share of. */
export const share = (c: HealthCell): number | null => (c.of > 0 ? c.count / c.of : null);

/**
 * The traces table showing the traces a figure counts: the same filter and
 * range, the row's trace name (none for the total row), and ?missing=kind.
 * The range travels as the preset (`range=7d`) or as from/to; time conditions
 * inside `filter` are dropped so the range is stated once.
 */
export function healthTracesHref(projectId: string, range: TimeRange, filter: Filter, kind: MissingKind, traceName?: string): string {
  const conditions: Filter = filter.filter((c) => !(c.type === "datetime" && c.column === "timestamp") && c.column !== "missing" && !(traceName !== undefined && c.column === "name"));
  // ?name= is comma-separated: a name holding a comma travels as a JSON condition instead.
  if (traceName !== undefined)
    conditions.push(traceName.includes(",") ? { type: "string", column: "name", operator: "=", value: traceName } : { type: "stringOptions", column: "name", operator: "any of", value: [traceName] });
  conditions.push({ type: "string", column: "missing", operator: "=", value: kind });
  const q = new URLSearchParams();
  if (range.kind === "custom") {
    if (range.from) q.set("from", range.from.toISOString());
    if (range.to) q.set("to", range.to.toISOString());
  } else if (range.kind !== "all") q.set(RANGE_PARAM, range.kind);
  for (const [param, values] of Object.entries(encodeFilter(conditions, TRACE_URL_FIELDS))) for (const v of values) q.append(param, v);
  return `/${encodeURIComponent(projectId)}/traces?${q.toString()}`;
}
