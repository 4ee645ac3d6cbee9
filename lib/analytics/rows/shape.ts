// The answer's shape, in JS after the SQL: empty time buckets filled in (every
// bucket of the range, per combination of the other dimensions present), then
// the order and the row limit. Pure.
import { DomainError } from "../../errors";
import { bucketStarts, type BucketUnit } from "../granularity";
import type { MetricAggregation, MetricsRow } from "../query-schema";

type Value = MetricsRow[string];

/** What a metric answers for a group with no rows: counts and sums 0, a histogram [], anything else null. */
export function emptyValue(aggregation: MetricAggregation, distinctCount = false): Value {
  if (distinctCount || aggregation === "count" || aggregation === "sum" || aggregation === "uniq") return 0;
  if (aggregation === "histogram") return [];
  return null;
}

export interface ShapeSpec {
  dimensions: readonly string[];
  metrics: readonly { key: string; aggregation: MetricAggregation; distinctCount?: boolean }[];
  unit: BucketUnit | null;
  from: Date;
  to: Date;
  orderBy: readonly { field: string; direction: "asc" | "desc" }[];
  rowLimit: number | null;
}

export const TIME_DIMENSION = "time_dimension";
/** Past this many rows a filled answer is no chart (a time series per trace id): refused, not built. */
export const MAX_FILLED_ROWS = 200_000;

/** Adds a row for every bucket of [from, to) that a series (a combination of the dimension values) lacks. */
export function fillBuckets(rows: MetricsRow[], spec: ShapeSpec): MetricsRow[] {
  if (!spec.unit) return rows;
  const starts = bucketStarts(spec.from, spec.to, spec.unit).map((b) => b.toISOString());
  const seriesKey = (r: MetricsRow) => JSON.stringify(spec.dimensions.map((f) => r[f] ?? null));
  const series = new Map<string, { dims: MetricsRow; seen: Set<string> }>();
  // Without dimensions there is one series, whether or not any row exists.
  if (!spec.dimensions.length) series.set("[]", { dims: {}, seen: new Set() });
  for (const r of rows) {
    const k = seriesKey(r);
    let s = series.get(k);
    if (!s) series.set(k, (s = { dims: Object.fromEntries(spec.dimensions.map((f) => [f, r[f] ?? null])), seen: new Set() }));
    s.seen.add(String(r[TIME_DIMENSION]));
  }
  if (series.size * starts.length > MAX_FILLED_ROWS)
    throw new DomainError("invalid", `${series.size} series × ${starts.length} ${spec.unit} buckets is more than ${MAX_FILLED_ROWS} rows: filter, group by fewer fields or pick a coarser granularity`, { path: "timeDimension.granularity" });
  const out = [...rows];
  for (const { dims, seen } of series.values()) {
    for (const b of starts) {
      if (seen.has(b)) continue;
      const row: MetricsRow = { ...dims, [TIME_DIMENSION]: b };
      for (const m of spec.metrics) row[m.key] = emptyValue(m.aggregation, m.distinctCount);
      out.push(row);
    }
  }
  return out;
}

// Nulls (and histograms, which have no order) sort last in either direction, as ClickHouse does.
function sortable(v: Value | undefined): string | number | null {
  if (v === null || v === undefined) return null;
  // A tag list sorts by its tags in order ([] first, ["a"] before ["a", "b"] before ["b"]).
  if (Array.isArray(v)) return v.every((x) => typeof x === "string") ? v.join("\u0000") : null;
  return typeof v === "boolean" ? Number(v) : v;
}

function compare(x: string | number, y: string | number): number {
  if (typeof x === "number" && typeof y === "number") return x - y;
  const sx = String(x);
  const sy = String(y);
  return sx < sy ? -1 : sx > sy ? 1 : 0;
}

/** Sorts by the order (then time and the dimensions ascending, so the answer is deterministic) and applies the row limit. */
export function orderAndLimit(rows: MetricsRow[], spec: ShapeSpec): MetricsRow[] {
  const keys = [...spec.orderBy];
  for (const f of [...(spec.unit ? [TIME_DIMENSION] : []), ...spec.dimensions]) if (!keys.some((k) => k.field === f)) keys.push({ field: f, direction: "asc" });
  const sorted = [...rows].sort((ra, rb) => {
    for (const { field, direction } of keys) {
      const x = sortable(ra[field]);
      const y = sortable(rb[field]);
      if (x === null || y === null) {
        if (x !== y) return x === null ? 1 : -1;
        continue;
      }
      const c = compare(x, y);
      if (c !== 0) return direction === "asc" ? c : -c;
    }
    return 0;
  });
  return spec.rowLimit ? sorted.slice(0, spec.rowLimit) : sorted;
}
