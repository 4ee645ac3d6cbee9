// Runs a planned metrics query on the rows: the groups query, then one
// percentile query per measure and one histogram query per histogram metric,
// merged onto the groups by their key; then empty buckets, order and limit.
import { dialectOf, type Db, type Tx } from "../../db/client";
import { percentileColumn, type Dialect } from "../../db/sql";
import type { MetricsRow } from "../query-schema";
import type { MetricsPlan } from "../validate";
import type { DimensionDef } from "../views/types";
import { fillBuckets, orderAndLimit, TIME_DIMENSION, type ShapeSpec } from "./shape";
import { aggColumn, BUCKET_COLUMN, binColumn, dimColumn, GROUPED_AGGREGATIONS, groupsQuery, histogramQuery, PERCENTILES, percentilesQuery } from "./sql";

type Raw = Record<string, unknown>;

export function decodeDimension(d: Dialect, def: DimensionDef, v: unknown): MetricsRow[string] {
  if (def.decode) return def.decode(v);
  if (v === null || v === undefined) return null;
  if (def.type === "number") return d.decode.number(v);
  if (def.type === "boolean") return d.decode.boolean(v);
  return String(v);
}

/** A histogram's bins from the query's cumulative counts: [[lower, upper, count], ...]. */
function bins(d: Dialect, r: Raw, n: number): [number, number, number][] {
  const lo = d.decode.number(r.lo);
  const hi = d.decode.number(r.hi);
  const total = d.decode.number(r.n);
  if (hi === lo) return [[lo, hi, total]];
  const edge = (i: number) => (i === n ? hi : lo + ((hi - lo) * i) / n);
  const out: [number, number, number][] = [];
  let before = 0;
  for (let i = 0; i < n; i++) {
    const below = i === n - 1 ? total : d.decode.number(r[binColumn(i)]);
    out.push([edge(i), edge(i + 1), below - before]);
    before = below;
  }
  return out;
}

export function shapeSpec(plan: MetricsPlan): ShapeSpec {
  return {
    dimensions: plan.dimensions.map((x) => x.field),
    metrics: plan.metrics.map((m) => ({ key: m.key, aggregation: m.aggregation, distinctCount: m.def.distinctCount })),
    unit: plan.unit,
    from: plan.from,
    to: plan.to,
    orderBy: plan.orderBy,
    rowLimit: plan.rowLimit,
  };
}

export async function runOnRows(client: Db | Tx, projectId: string, plan: MetricsPlan): Promise<MetricsRow[]> {
  const d = dialectOf(client);
  // Percentiles: one query per measure with every fraction asked of it; a histogram: one per metric.
  const fractionsByMeasure = new Map<string, Set<number>>();
  for (const m of plan.metrics) {
    if (!(m.aggregation in PERCENTILES)) continue;
    const set = fractionsByMeasure.get(m.measure) ?? new Set<number>();
    set.add(PERCENTILES[m.aggregation]);
    fractionsByMeasure.set(m.measure, set);
  }
  const byKey = (rows: Raw[]) => new Map(rows.map((r) => [String(r.g), r]));
  // Independent reads: PostgreSQL runs them side by side; SQLite's one connection takes them in turn.
  const [groups, percentileRows, histogramRows] = await Promise.all([
    client.$queryRaw<Raw[]>(groupsQuery(d, plan, projectId)),
    Promise.all([...fractionsByMeasure].map(async ([measure, fractions]) => [measure, byKey(await client.$queryRaw<Raw[]>(percentilesQuery(d, plan, projectId, measure, [...fractions])))] as const)),
    Promise.all(
      [...plan.metrics.entries()].filter(([, m]) => m.aggregation === "histogram").map(async ([i, m]) => [i, byKey(await client.$queryRaw<Raw[]>(histogramQuery(d, plan, projectId, m.measure, plan.bins)))] as const),
    ),
  ]);
  const percentiles = new Map(percentileRows);
  const histograms = new Map(histogramRows);

  const rows = groups.map((g) => {
    const key = String(g.g);
    const row: MetricsRow = {};
    plan.dimensions.forEach(({ field, def }, i) => (row[field] = decodeDimension(d, def, g[dimColumn(i)])));
    if (plan.unit) row[TIME_DIMENSION] = d.decode.date(g[BUCKET_COLUMN]).toISOString();
    plan.metrics.forEach((m, i) => {
      if (GROUPED_AGGREGATIONS.has(m.aggregation)) {
        const v = g[aggColumn(i)];
        const counts = m.def.distinctCount || m.aggregation === "count" || m.aggregation === "sum" || m.aggregation === "uniq";
        row[m.key] = counts ? d.decode.number(v) : d.decode.numberOrNull(v);
      } else if (m.aggregation === "histogram") {
        const h = histograms.get(i)?.get(key);
        row[m.key] = h ? bins(d, h, plan.bins) : [];
      } else {
        const p = percentiles.get(m.measure)?.get(key);
        row[m.key] = p ? d.decode.numberOrNull(p[percentileColumn(PERCENTILES[m.aggregation])]) : null;
      }
    });
    return row;
  });
  const spec = shapeSpec(plan);
  return orderAndLimit(fillBuckets(rows, spec), spec);
}
