// The dashboard's one filter (the traces table's conditions) as each engine
// view's filters. Pure.
//
// Decisions (tested in tests/unit/dashboard-filter.test.ts):
// - traces view: as is for the columns it declares (name, userId, sessionId,
//   environment, release, version, id, tags, level, model, metadata).
// - observations view: the trace's fields through its trace (name → traceName,
//   release → traceRelease, version → traceVersion, id → traceId; userId,
//   sessionId, tags, metadata are the trace's already). environment is the
//   row's own (Langfuse's reading; an SDK stamps every event of a trace with
//   one environment). model → providedModelName with the same operator: on an
//   observation chart "model gpt-4o" means that model's observations (its
//   cost, its tokens), not every observation of a trace that used it.
// - scores views: as observations, model → observationModelName would miss
//   trace scores, so it is not applicable there.
// - Anything else (level on a child view: "has errors" is a trace's state;
//   latency, cost, score, search, bookmarked, experiment, missing ...) cannot
//   be expressed on that view. It is never dropped silently: the mapping
//   answers it as not applicable, and the chart says so instead of showing
//   figures that ignore part of the filter.
import type { Filter, FilterCondition } from "../../query/filter";
import { describeFilterCondition } from "../../query/url";
import type { MetricView } from "../query-schema";

export type DashboardView = MetricView;

export interface NotApplicable {
  condition: FilterCondition;
  reason: string;
}

export type ViewFilter = { ok: true; filters: Filter } | { ok: false; notApplicable: NotApplicable[] };

const TRACES_AS_IS = new Set(["id", "name", "userId", "sessionId", "environment", "release", "version", "tags", "level", "model", "metadata"]);
const TEXT_TYPES = new Set(["string", "stringOptions"]);

type Mapper = (c: FilterCondition) => FilterCondition | string;

const rename = (column: string): Mapper => (c) => ({ ...c, column });
const text = (column: string): Mapper => (c) => (TEXT_TYPES.has(c.type) ? { ...c, column } : `${c.column} takes text here`);
const keep: Mapper = (c) => c;

const CHILD_COMMON: Record<string, Mapper> = {
  id: text("traceId"),
  name: text("traceName"),
  userId: keep,
  sessionId: keep,
  release: text("traceRelease"),
  version: text("traceVersion"),
  environment: keep,
  tags: keep,
  metadata: keep,
};

const OBSERVATIONS: Record<string, Mapper> = {
  ...CHILD_COMMON,
  model: (c) => (c.type === "string" && ["=", "starts with", "contains"].includes(c.operator) ? rename("providedModelName")(c) : "model takes =, starts with or contains"),
};

const counts = (view: DashboardView) => (view === "observations" ? "observations" : "scores");
const WHY: Record<string, (view: DashboardView) => string> = {
  level: (view) => `level (has errors / warnings) is a trace's state; this chart counts ${counts(view)}`,
  model: () => "a score's model is only known for observation scores",
};

function mapOne(view: DashboardView, c: FilterCondition): FilterCondition | string {
  if (view === "traces") return TRACES_AS_IS.has(c.column) ? c : `the traces charts cannot filter by ${c.column}`;
  const table = view === "observations" ? OBSERVATIONS : CHILD_COMMON;
  const m = Object.hasOwn(table, c.column) ? table[c.column] : undefined;
  if (!m) return Object.hasOwn(WHY, c.column) ? WHY[c.column](view) : `${c.column} cannot be applied to ${view}`;
  return m(c);
}

/** The traces-table filter as a view's filters, or every condition that view cannot express, with why. */
export function viewFilter(filter: Filter, view: DashboardView): ViewFilter {
  const filters: FilterCondition[] = [];
  const notApplicable: NotApplicable[] = [];
  for (const c of filter) {
    // The range is the time; a timestamp condition never reaches a view (params.ts strips it).
    if (c.type === "datetime" && c.column === "timestamp") continue;
    const r = mapOne(view, c);
    if (typeof r === "string") notApplicable.push({ condition: c, reason: r });
    else filters.push(r);
  }
  return notApplicable.length ? { ok: false, notApplicable } : { ok: true, filters };
}

/** A condition as a short label for the "filter not applicable" note: "level = error". */
export const describeCondition = describeFilterCondition;
