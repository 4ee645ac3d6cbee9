// The dashboard's URL: a time range (a preset or custom from/to), a
// granularity, and the traces table's own filter params (TRACE_URL_FIELDS, less
// its from/to, which the range owns), so a dashboard URL and a traces URL share
// their params. Pure: the page, the filter bar and the links read it alike.
import type { Filter, FilterCondition } from "../../query/filter";
import { decodeFilter, encodeFilter, filterParams, type FilterIssue, type SearchParamsRecord } from "../../query/url";
import { TRACE_URL_FIELDS } from "../../traces/filter";
import { RANGE_PARAM, TIME_PRESETS, type TimePreset } from "../../time-range";
import { bucketCount, nextBucket, resolveGranularity, type BucketUnit } from "../granularity";

export const DASHBOARD_GRANULARITIES = ["auto", "hour", "day", "week"] as const;
export type DashboardGranularity = (typeof DASHBOARD_GRANULARITIES)[number];
export type DashboardRangeKind = TimePreset | "custom";

export const DEFAULT_RANGE: TimePreset = "7d";
export const GRANULARITY_PARAM = "granularity";
/** More buckets than this is no chart (an hour granularity over 90 days): auto is used instead, with an issue. */
export const MAX_CHART_BUCKETS = 750;

/** The traces table's filter fields without from/to (the range owns the time). */
export const DASHBOARD_FILTER_FIELDS = TRACE_URL_FIELDS.filter((f) => f.param !== "from" && f.param !== "to");
/** The filter's params (for "clear filters"). */
export const DASHBOARD_FILTER_PARAMS: readonly string[] = filterParams(DASHBOARD_FILTER_FIELDS);

export interface DashboardParams {
  range: DashboardRangeKind;
  /** [from, to): the engine's bounds. */
  from: Date;
  to: Date;
  granularity: DashboardGranularity;
  /** The bucket the charts use: the granularity, or auto resolved over [from, to). */
  unit: BucketUnit;
  /** The traces-table conditions (no timestamp conditions: the range is the time). */
  filter: Filter;
  /** Params that did not parse, with why (shown above the charts). */
  issues: FilterIssue[];
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const isTimestamp = (c: FilterCondition) => c.type === "datetime" && c.column === "timestamp";

function parseInstant(raw: string | undefined): Date | null {
  if (!raw) return null;
  const d = new Date(raw);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * Search params → the dashboard's params. Custom `from`/`to` (the traces table's inclusive bounds) win over
 * `range`; a custom `to` is inclusive there, so the engine's exclusive bound is a millisecond later. Without
 * `to`, a custom range runs to now. Bad values drop with an issue, the default range being 7 days.
 */
export function parseDashboardParams(sp: SearchParamsRecord, now: Date = new Date()): DashboardParams {
  const issues: FilterIssue[] = [];
  const { filter: decoded, issues: filterIssues } = decodeFilter(sp, DASHBOARD_FILTER_FIELDS);
  issues.push(...filterIssues);
  if (decoded.some(isTimestamp)) issues.push({ param: "filter", message: "a timestamp condition is the range's job: use from/to" });
  const filter = decoded.filter((c) => !isTimestamp(c));

  let range: DashboardRangeKind = DEFAULT_RANGE;
  let from: Date;
  let to: Date;
  const rawFrom = first(sp.from);
  const rawTo = first(sp.to);
  const cFrom = parseInstant(rawFrom);
  const cTo = parseInstant(rawTo);
  if (rawFrom && !cFrom) issues.push({ param: "from", message: "must be an ISO 8601 date-time" });
  if (rawTo && !cTo) issues.push({ param: "to", message: "must be an ISO 8601 date-time" });
  const presetValue = first(sp[RANGE_PARAM]);
  const preset = TIME_PRESETS.find((p) => p.value === presetValue);
  if (presetValue && !preset) issues.push({ param: RANGE_PARAM, message: `must be one of ${TIME_PRESETS.map((p) => p.value).join(", ")}` });
  if (cFrom) {
    range = "custom";
    from = cFrom;
    to = cTo ? new Date(cTo.getTime() + 1) : now;
    if (from.getTime() >= to.getTime()) {
      issues.push({ param: "from", message: "must be before to; showing the last 7 days" });
      range = DEFAULT_RANGE;
    }
  }
  if (range !== "custom") {
    const p = preset ?? TIME_PRESETS.find((x) => x.value === DEFAULT_RANGE)!;
    range = p.value;
    to = now;
    from = new Date(now.getTime() - p.ms);
  }

  const g = first(sp[GRANULARITY_PARAM]);
  let granularity: DashboardGranularity = "auto";
  if (g && (DASHBOARD_GRANULARITIES as readonly string[]).includes(g)) granularity = g as DashboardGranularity;
  else if (g) issues.push({ param: GRANULARITY_PARAM, message: `must be one of ${DASHBOARD_GRANULARITIES.join(", ")}` });
  let unit = resolveGranularity(granularity, from!, to!);
  if (bucketCount(from!, to!, unit) > MAX_CHART_BUCKETS) {
    issues.push({ param: GRANULARITY_PARAM, message: `${granularity} gives ${bucketCount(from!, to!, unit)} buckets over this range; at most ${MAX_CHART_BUCKETS}: auto used` });
    granularity = "auto";
    unit = resolveGranularity("auto", from!, to!);
  }
  return { range, from: from!, to: to!, granularity, unit, filter, issues };
}

/** The params as a query string record (range, granularity, filter); what a link or the filter bar writes. */
export function dashboardSearch(p: Pick<DashboardParams, "range" | "from" | "to" | "granularity" | "filter">): URLSearchParams {
  const q = new URLSearchParams();
  if (p.range === "custom") {
    q.set("from", p.from.toISOString());
    q.set("to", new Date(p.to.getTime() - 1).toISOString());
  } else if (p.range !== DEFAULT_RANGE) q.set(RANGE_PARAM, p.range);
  if (p.granularity !== "auto") q.set(GRANULARITY_PARAM, p.granularity);
  for (const [param, values] of Object.entries(encodeFilter(p.filter, DASHBOARD_FILTER_FIELDS))) for (const v of values) q.append(param, v);
  return q;
}

export function dashboardHref(projectId: string, p: Pick<DashboardParams, "range" | "from" | "to" | "granularity" | "filter">): string {
  const q = dashboardSearch(p).toString();
  return `/${encodeURIComponent(projectId)}/dashboard${q ? `?${q}` : ""}`;
}

export interface TracesLinkExtra {
  /** A bucket (or any sub-range): [from, to), clipped to the dashboard's range. */
  from?: Date;
  to?: Date;
  /** The figure's own conditions (a series: name, model, userId), added to the dashboard's filter. */
  conditions?: readonly FilterCondition[];
}

/**
 * The traces table showing the traces behind the dashboard (or one figure of it): the same filter, the range as a
 * preset (`range=7d`, still live) or, for a bucket or a custom range, as the table's inclusive from/to.
 */
export function tracesHref(projectId: string, p: Pick<DashboardParams, "range" | "from" | "to" | "filter">, extra: TracesLinkExtra = {}): string {
  const q = new URLSearchParams();
  const sub = extra.from !== undefined || extra.to !== undefined;
  if (sub || p.range === "custom") {
    const from = new Date(Math.max(p.from.getTime(), (extra.from ?? p.from).getTime()));
    const to = new Date(Math.min(p.to.getTime(), (extra.to ?? p.to).getTime()));
    q.set("from", from.toISOString());
    // The table's `to` is inclusive; the dashboard's is not.
    q.set("to", new Date(to.getTime() - 1).toISOString());
  } else q.set(RANGE_PARAM, p.range);
  const conditions = [...p.filter, ...(extra.conditions ?? [])];
  for (const [param, values] of Object.entries(encodeFilter(conditions, DASHBOARD_FILTER_FIELDS))) for (const v of values) q.append(param, v);
  return `/${encodeURIComponent(projectId)}/traces?${q.toString()}`;
}

/** The end of the bucket starting at `start` (for a bucket's click-through). */
export function bucketEnd(start: Date, unit: BucketUnit): Date {
  return nextBucket(start, unit);
}

/** The condition selecting one series' traces: a trace name, a model (exact), a user. */
export function seriesCondition(column: "name" | "model" | "userId" | "sessionId" | "environment" | "release", value: string): FilterCondition {
  if (column === "name" || column === "environment")
    // ?name= is comma-separated: a value holding a comma travels as a plain (JSON) condition.
    return value.includes(",") ? { type: "string", column, operator: "=", value } : { type: "stringOptions", column, operator: "any of", value: [value] };
  if (column === "model") return { type: "string", column: "model", operator: "=", value };
  return { type: "string", column, operator: "=", value };
}
