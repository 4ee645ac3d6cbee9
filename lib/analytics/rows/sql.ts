// The SQL of a planned metrics query on the rows. One inner select picks the
// view's rows in [from, to) (riding the (projectId, time) indexes) with each
// dimension, the bucket and the measures as plain columns; the queries over it:
//  - groups: GROUP BY the dimensions and bucket, with count/sum/avg/min/max/uniq;
//  - percentiles: the dialect's exact percentiles per group (one query per measure);
//  - histograms: equal-width bins between the group's min and max.
// Each group also answers a key "g": one text made of its dimension and bucket
// values (length-prefixed, so no two groups share one), by which the runner
// merges the percentile and histogram answers back onto the groups.
import { join, raw, sql, empty, type Dialect, type Sql } from "../../db/sql";
import { buildConditions } from "../../query/where";
import type { MetricsPlan, PlannedMetric } from "../validate";

export const PERCENTILES: Record<string, number> = { p50: 0.5, p75: 0.75, p90: 0.9, p95: 0.95, p99: 0.99 };
export const GROUPED_AGGREGATIONS = new Set(["count", "sum", "avg", "min", "max", "uniq"]);

const q = (name: string) => raw(`"${name}"`);
export const dimColumn = (i: number) => `d${i}`;
export const BUCKET_COLUMN = "tb";
export const measureColumn = (measure: string) => `m_${measure}`;
export const aggColumn = (i: number) => `a${i}`;

/** The joins the query's dimensions, measures and filters need, in the view's declaration order. */
function neededJoins(plan: MetricsPlan, measures: readonly string[], already: readonly string[] = []): Sql[] {
  const names = new Set<string>();
  for (const { def } of plan.dimensions) def.joins?.forEach((j) => names.add(j));
  for (const m of measures) plan.view.measures[m].joins?.forEach((j) => names.add(j));
  for (const f of plan.filters) plan.view.filterJoins[f.column]?.forEach((j) => names.add(j));
  return Object.entries(plan.view.joins).filter(([name]) => names.has(name) && !already.includes(name)).map(([, s]) => s);
}

/**
 * Whether a filter pins a trace column of the view's traceFirst list to given values (= or any of):
 * such a condition holds only where the trace exists, so the trace-first inner join answers the same
 * rows as the LEFT JOIN it replaces.
 */
function traceFirst(plan: MetricsPlan): boolean {
  const cols = plan.view.traceFirst?.columns;
  return !!cols && plan.filters.some((c) => cols.includes(c.column) && ((c.type === "string" && c.operator === "=") || (c.type === "stringOptions" && c.operator === "any of")));
}

/** The view's rows of the query, with the dimensions (d0..), the bucket (tb) and the named measures (m_<name>) as columns. */
export function innerSelect(d: Dialect, plan: MetricsPlan, projectId: string, measures: readonly string[]): Sql {
  const { view } = plan;
  const cols: Sql[] = plan.dimensions.map(({ def }, i) => sql`${def.expr} AS ${q(dimColumn(i))}`);
  if (plan.unit) cols.push(sql`${d.timeBucket(view.timeColumn, plan.unit)} AS ${q(BUCKET_COLUMN)}`);
  for (const m of measures) cols.push(sql`${view.measures[m].expr} AS ${q(measureColumn(m))}`);
  if (!cols.length) cols.push(sql`1 AS "one"`);
  const { where } = buildConditions(d, view.filters, plan.filters);
  const conditions = [sql`${view.projectColumn} = ${projectId}`, sql`${view.timeColumn} >= ${plan.from}`, sql`${view.timeColumn} < ${plan.to}`, ...view.segments, ...where];
  if (traceFirst(plan)) {
    const first = view.traceFirst!;
    const joins = neededJoins(plan, measures, ["trace"]);
    const all = [sql`"t"."projectId" = ${projectId}`, ...first.on, ...conditions];
    return sql`SELECT ${join(cols)} FROM ${first.from} ${joins.length ? join(joins, " ") : empty} WHERE ${join(all, " AND ")}`;
  }
  const joins = neededJoins(plan, measures);
  return sql`SELECT ${join(cols)} FROM ${view.from} ${joins.length ? join(joins, " ") : empty} WHERE ${join(conditions, " AND ")}`;
}

/** The group key over the inner columns: for each part, '0' for NULL, else '1', its length, ':' and its text. */
export function groupKey(plan: MetricsPlan): Sql {
  const parts = plan.dimensions.map((_, i) => dimColumn(i));
  if (plan.unit) parts.push(BUCKET_COLUMN);
  if (!parts.length) return sql`''`;
  return join(
    parts.map((p) => sql`(CASE WHEN ${q(p)} IS NULL THEN '0' ELSE '1' || LENGTH(CAST(${q(p)} AS TEXT)) || ':' || CAST(${q(p)} AS TEXT) END)`),
    " || '|' || ",
  );
}

// Counts are integers; every other aggregate is read as a double on both databases. The SQLite driver
// adapter types a result column by its first row, so a column must never mix integers and reals
// (COALESCE(SUM(x), 0) would: a first group summing to the integer 0 turns 0.5 into 0 further down).
function aggregate(m: PlannedMetric): Sql {
  const c = q(measureColumn(m.measure));
  if (m.def.distinctCount) return sql`COUNT(DISTINCT ${c})`;
  const real = (s: Sql) => sql`CAST(${s} AS DOUBLE PRECISION)`;
  switch (m.aggregation) {
    case "count":
      return sql`COUNT(${c})`;
    case "sum":
      return real(sql`SUM(${c})`);
    case "avg":
      return real(sql`AVG(${c})`);
    case "min":
      return real(sql`MIN(${c})`);
    case "max":
      return real(sql`MAX(${c})`);
    case "uniq":
      return sql`COUNT(DISTINCT ${c})`;
    default:
      throw new Error(`${m.aggregation} is not a grouped aggregation`);
  }
}

/** One row per group: the dimension columns, the bucket, the key "g" and a<i> for each grouped metric (by its index in plan.metrics). */
export function groupsQuery(d: Dialect, plan: MetricsPlan, projectId: string): Sql {
  const grouped = plan.metrics.map((m, i) => ({ m, i })).filter(({ m }) => GROUPED_AGGREGATIONS.has(m.aggregation));
  const measures = [...new Set(grouped.map(({ m }) => m.measure))];
  const keys = plan.dimensions.map((_, i) => q(dimColumn(i)));
  if (plan.unit) keys.push(q(BUCKET_COLUMN));
  const cols = [...keys, sql`${groupKey(plan)} AS "g"`, ...grouped.map(({ m, i }) => sql`${aggregate(m)} AS ${q(aggColumn(i))}`)];
  // No key and only percentiles or histograms: an aggregate keeps it one group (one row), not one row per source row.
  if (!keys.length && !grouped.length) cols.push(sql`COUNT(*) AS "n"`);
  const groups = sql`SELECT ${join(cols)} FROM (${innerSelect(d, plan, projectId, measures)}) AS "q" ${keys.length ? sql`GROUP BY ${join(keys)}` : empty}`;
  const top = topCut(plan);
  if (!top) return groups;
  // Only the groups that can make the row limit reach JS: those at or past the limit-th value of the first order key
  // (ties included, so the JS order, which breaks ties by the other keys and the dimensions, answers the same rows).
  // Top sessions by cost on 2M traces: ~220k groups of 30 days, ~3.7 s of decoding saved. Nulls sort last, as in JS:
  // a null limit-th value (or fewer groups than the limit) keeps every group.
  // As JS reads it: a NULL sum (of NULLs only) is 0 there (run.ts), not a null sorted last.
  const m = plan.metrics[top.index];
  const zeroed = m.def.distinctCount || m.aggregation === "count" || m.aggregation === "sum" || m.aggregation === "uniq";
  const a = zeroed ? sql`COALESCE(${q(aggColumn(top.index))}, 0)` : q(aggColumn(top.index));
  const dir = top.direction === "desc" ? raw("DESC") : raw("ASC");
  const cmp = top.direction === "desc" ? raw(">=") : raw("<=");
  return sql`WITH "grp" AS (${groups}), "cut" AS (SELECT ${a} AS "v" FROM "grp" ORDER BY ${a} ${dir} NULLS LAST LIMIT 1 OFFSET ${raw(String(top.n - 1))})
    SELECT "grp".* FROM "grp" LEFT JOIN "cut" ON 1 = 1 WHERE "cut"."v" IS NULL OR ${a} ${cmp} "cut"."v"`;
}

/**
 * A row limit the groups query can apply itself: no time buckets (the empty buckets JS adds take part in the
 * order), and the first order key a grouped metric (percentiles and histograms are merged after the groups).
 */
function topCut(plan: MetricsPlan): { index: number; direction: "asc" | "desc"; n: number } | null {
  if (!plan.rowLimit || plan.unit || !plan.orderBy.length || !plan.dimensions.length) return null;
  const { field, direction } = plan.orderBy[0];
  const index = plan.metrics.findIndex((m) => m.key === field);
  if (index < 0 || !GROUPED_AGGREGATIONS.has(plan.metrics[index].aggregation)) return null;
  return { index, direction, n: plan.rowLimit };
}

/** Exact percentiles of one measure per group: "g" and one column per fraction (percentileColumn). */
export function percentilesQuery(d: Dialect, plan: MetricsPlan, projectId: string, measure: string, fractions: readonly number[]): Sql {
  const source = sql`SELECT ${groupKey(plan)} AS "g", ${q(measureColumn(measure))} AS "v" FROM (${innerSelect(d, plan, projectId, [measure])}) AS "q"`;
  return d.percentiles(source, fractions);
}

export const binColumn = (i: number) => `c${i}`;

/**
 * Equal-width histogram of one measure per group: "g", "lo", "hi", "n" and c<i>, the count of values below
 * the upper edge of bin i (lo + (hi − lo)·(i+1)/bins) for i < bins − 1; the last bin holds the rest, max included.
 */
export function histogramQuery(d: Dialect, plan: MetricsPlan, projectId: string, measure: string, bins: number): Sql {
  const src = sql`SELECT ${groupKey(plan)} AS "g", CAST(${q(measureColumn(measure))} AS DOUBLE PRECISION) AS "v" FROM (${innerSelect(d, plan, projectId, [measure])}) AS "q" WHERE ${q(measureColumn(measure))} IS NOT NULL`;
  const below = Array.from({ length: bins - 1 }, (_, i) =>
    sql`SUM(CASE WHEN "src"."v" < "mm"."lo" + ("mm"."hi" - "mm"."lo") * ${raw(String(i + 1))} / ${raw(String(bins))} THEN 1 ELSE 0 END) AS ${q(binColumn(i))}`,
  );
  return sql`WITH "src" AS (${src}), "mm" AS (SELECT "g", MIN("v") AS "lo", MAX("v") AS "hi" FROM "src" GROUP BY "g")
    SELECT "src"."g" AS "g", MIN("mm"."lo") AS "lo", MIN("mm"."hi") AS "hi", COUNT(*) AS "n"${below.length ? sql`, ${join(below)}` : empty}
    FROM "src" JOIN "mm" ON "mm"."g" = "src"."g" GROUP BY "src"."g"`;
}
