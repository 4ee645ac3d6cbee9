// The traces table's URL: search params → a validated filter, sort and page.
// Pure (no server imports): the page, the trace view's prev/next links and
// bulk actions ("all matching") all read the same query string the same way.
import type { Filter } from "../query/filter";
import { parsePageSize } from "../query/page";
import { decodeFilter, filterParams, type FilterIssue, type SearchParamsRecord } from "../query/url";
import { RANGE_PARAM, resolveTimeRange, type TimeRangeKind } from "../time-range";
import { TRACE_URL_FIELDS } from "./filter";
import { isScoreSortColumn, TRACE_SORT_COLUMNS, type ScoreSortColumn, type TraceSortColumn } from "./schemas";

export type { SearchParamsRecord };

/** Every search param the table's filters use (for "clear filters" and for carrying a view into the trace page). */
export const FILTER_PARAMS: readonly string[] = [RANGE_PARAM, ...filterParams(TRACE_URL_FIELDS)];

export interface TraceTableParams {
  filter: Filter;
  range: TimeRangeKind;
  sort: { column: TraceSortColumn | ScoreSortColumn; dir: "asc" | "desc" };
  page: number;
  limit: number;
  /** Params that did not parse, with why: shown above the table instead of failing the page. */
  issues: FilterIssue[];
  /** True when any filter is set (empty state: "clear filters" rather than "send traces"). */
  filtered: boolean;
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export function isSortColumn(c: string): c is TraceSortColumn {
  return (TRACE_SORT_COLUMNS as readonly string[]).includes(c);
}

export function parseTraceTableParams(params: SearchParamsRecord, now: Date = new Date()): TraceTableParams {
  // One codec for every view: a bad value drops only its own condition.
  const { filter, issues } = decodeFilter(params, TRACE_URL_FIELDS);
  // Custom bounds (from/to) win over a preset; a bad preset is reported either way.
  const { range: preset, issue } = resolveTimeRange({ range: first(params[RANGE_PARAM]) }, now);
  if (issue) issues.push({ param: RANGE_PARAM, message: issue });
  const custom = filter.some((c) => c.type === "datetime" && c.column === "timestamp");
  const range: TimeRangeKind = custom ? "custom" : preset.kind;
  if (!custom && preset.from) filter.push({ type: "datetime", column: "timestamp", operator: ">=", value: preset.from });

  // "score:<name>.desc": a score name may hold dots, so the direction is after the last one.
  const sortRaw = first(params.sort) ?? "";
  const col = sortRaw.slice(0, Math.max(0, sortRaw.lastIndexOf(".")));
  const dir = sortRaw.slice(sortRaw.lastIndexOf(".") + 1);
  const sort: TraceTableParams["sort"] =
    (isSortColumn(col) || isScoreSortColumn(col)) && (dir === "asc" || dir === "desc") ? { column: col, dir } : { column: "timestamp", dir: "desc" };
  const pageN = Number(first(params.page));
  return {
    filter,
    range,
    sort,
    page: Number.isInteger(pageN) && pageN >= 1 ? pageN : 1,
    limit: parsePageSize(first(params.limit)),
    issues,
    filtered: FILTER_PARAMS.some((p) => p !== RANGE_PARAM && params[p] !== undefined && params[p] !== "") || (range !== "all" && range !== "custom"),
  };
}

/** The table view's params as a query string (no leading "?"), e.g. to carry into the trace page and back. */
export function viewQuery(params: SearchParamsRecord, extra: readonly string[] = ["sort", "page", "limit"]): string {
  const out = new URLSearchParams();
  for (const key of [...FILTER_PARAMS, ...extra]) {
    const v = params[key];
    for (const item of Array.isArray(v) ? v : v === undefined ? [] : [v]) if (item !== "") out.append(key, item);
  }
  return out.toString();
}
