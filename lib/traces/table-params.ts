// The traces table's URL: search params → a validated filter, sort and page.
// Pure (no server imports): the page, the trace view's prev/next links and
// bulk actions ("all matching") all read the same query string the same way.
import { isScoreSortColumn, traceFilterSchema, TRACE_SORT_COLUMNS, type ScoreSortColumn, type TraceFilter, type TraceSortColumn } from "./schemas";

export const TIME_RANGES = ["1h", "24h", "7d", "30d", "all"] as const;
export type TimeRange = (typeof TIME_RANGES)[number];
const RANGE_MS: Record<Exclude<TimeRange, "all">, number> = { "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 };

/** Every search param the table's filters use (for "clear filters" and for carrying a view into the trace page). */
export const FILTER_PARAMS = [
  "range",
  "from",
  "to",
  "name",
  "userId",
  "sessionId",
  "tags",
  "environment",
  "release",
  "version",
  "level",
  "model",
  "minLatency",
  "maxLatency",
  "minCost",
  "maxCost",
  "score",
  "metadata",
  "bookmarked",
  "search",
] as const;
/** Params that repeat (`?score=a<1&score=b=true`). */
const REPEATED = new Set(["score", "metadata"]);

export const TABLE_PAGE_SIZES = [25, 50, 100, 200] as const;
export type SearchParamsRecord = Record<string, string | string[] | undefined>;

export interface TraceTableParams {
  filter: TraceFilter;
  range: TimeRange | "custom";
  sort: { column: TraceSortColumn | ScoreSortColumn; dir: "asc" | "desc" };
  page: number;
  limit: number;
  /** Params that did not parse, with why: shown above the table instead of failing the page. */
  issues: { param: string; message: string }[];
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
  const raw: Record<string, unknown> = {};
  for (const key of FILTER_PARAMS) {
    if (key === "range") continue;
    const v = params[key];
    if (v === undefined || v === "" || (Array.isArray(v) && !v.length)) continue;
    raw[key] = REPEATED.has(key) ? (Array.isArray(v) ? v.filter(Boolean) : [v]) : first(v);
  }
  const issues: TraceTableParams["issues"] = [];
  // Parse each param alone so one bad value drops only itself, not the whole view.
  const filter: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const r = traceFilterSchema.safeParse({ [key]: value });
    if (r.success) Object.assign(filter, r.data);
    else issues.push({ param: key, message: r.error.issues[0]?.message ?? "invalid" });
  }
  const f = filter as TraceFilter;
  const rangeRaw = first(params.range);
  let range: TraceTableParams["range"] = f.from || f.to ? "custom" : "all";
  if (rangeRaw && (TIME_RANGES as readonly string[]).includes(rangeRaw) && !(f.from || f.to)) {
    range = rangeRaw as TimeRange;
    if (range !== "all") f.from = new Date(now.getTime() - RANGE_MS[range]);
  } else if (rangeRaw && !(TIME_RANGES as readonly string[]).includes(rangeRaw)) {
    issues.push({ param: "range", message: `must be one of ${TIME_RANGES.join(", ")}` });
  }

  // "score:<name>.desc": a score name may hold dots, so the direction is after the last one.
  const sortRaw = first(params.sort) ?? "";
  const col = sortRaw.slice(0, Math.max(0, sortRaw.lastIndexOf(".")));
  const dir = sortRaw.slice(sortRaw.lastIndexOf(".") + 1);
  const sort: TraceTableParams["sort"] =
    (isSortColumn(col) || isScoreSortColumn(col)) && (dir === "asc" || dir === "desc") ? { column: col, dir } : { column: "timestamp", dir: "desc" };
  const pageN = Number(first(params.page));
  const limitN = Number(first(params.limit));
  return {
    filter: f,
    range,
    sort,
    page: Number.isInteger(pageN) && pageN >= 1 ? pageN : 1,
    limit: (TABLE_PAGE_SIZES as readonly number[]).includes(limitN) ? limitN : 50,
    issues,
    filtered: FILTER_PARAMS.some((p) => p !== "range" && params[p] !== undefined && params[p] !== "") || (range !== "all" && range !== "custom"),
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
