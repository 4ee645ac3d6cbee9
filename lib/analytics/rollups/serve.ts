// Answers a planned metrics query from the rollups when they can (null when
// not: the caller runs it on the rows). The range's whole hours come from the
// rollup tables (summed over shards and hours into the query's buckets); the
// parts of an hour at either end come from the rows (the rows engine's own
// inner select), aggregated the same way in JS; both are merged per group.
// When the buckets are days or longer (or there are none), the range's whole
// UTC days come from the day rows (24× fewer rows to read) and only the whole
// hours before the first and after the last whole day from the hour rows.
// Counts and sums are exact; percentiles come from the merged log-bucket
// sketches (within 1 % of the exact figure, sketch.ts), read per row and
// merged in JS; so do histograms (counts exact in total, edges within 2 %:
// sketchHistogram). The answer is then shaped as the rows engine shapes its own
// (empty buckets, order, limit).
import { dialectOf, type Db, type Tx } from "../../db/client";
import { empty, join, raw, sql, type Dialect, type Sql } from "../../db/sql";
import { buildConditions } from "../../query/where";
import type { MetricsRow } from "../query-schema";
import { decodeDimension, shapeSpec } from "../rows/run";
import { emptyValue, fillBuckets, orderAndLimit, TIME_DIMENSION } from "../rows/shape";
import { BUCKET_COLUMN, dimColumn, innerSelect, measureColumn, PERCENTILES } from "../rows/sql";
import { addToSketch, sketchHistogram, sketchPercentiles } from "../sketch";
import { decodeSketch } from "./sketch-text";
import type { MetricsPlan } from "../validate";
import { rollupsEnabled } from "./maintain";
import { servedView, type ServedView } from "./served";
import { serveSubjectsFromRollups, subjectOf } from "./serve-subjects";
import { DAY_MS, HOUR_MS, ROLLUP_TABLES, sketchColumn, type Grain } from "./tables";

type Raw = Record<string, unknown>;
type Value = MetricsRow[string];

const SERVED_AGGREGATIONS = new Set(["count", "sum", "avg", "histogram", ...Object.keys(PERCENTILES)]);
/** Aggregations read from a measure's sketch. */
const fromSketch = (aggregation: string) => aggregation in PERCENTILES || aggregation === "histogram";

interface Group {
  dims: Value[];
  bucket: number | null;
  count: number;
  sums: Map<string, [number, number]>;
  sketches: Map<string, Map<number, number>>;
}

/** The view's rollup when it holds every field, filter and aggregation of the plan; else null. */
function servable(plan: MetricsPlan): ServedView | null {
  if (plan.unit === "minute") return null;
  const served = servedView(plan.view.name);
  const sketched = ROLLUP_TABLES[served.kind].sketched;
  if (!plan.dimensions.every((x) => Object.hasOwn(served.dims, x.field))) return null;
  if (!plan.filters.every((f) => Object.hasOwn(served.filters, f.column))) return null;
  for (const m of plan.metrics) {
    if (!SERVED_AGGREGATIONS.has(m.aggregation) || !served.measures.has(m.measure)) return null;
    if (fromSketch(m.aggregation) && !sketched.includes(m.measure)) return null;
  }
  return served;
}

/** Whether the project's rollups are complete (no backfill pending). */
export async function rollupsReady(client: Db | Tx, projectId: string): Promise<boolean> {
  const rows = await client.$queryRaw<Raw[]>(sql`SELECT 1 AS "x" FROM "RollupBackfill" WHERE "projectId" = ${projectId}`);
  return rows.length === 0;
}

export const ceilTo = (d: Date, ms: number) => new Date(Math.ceil(d.getTime() / ms) * ms);
export const floorTo = (d: Date, ms: number) => new Date(Math.floor(d.getTime() / ms) * ms);

export interface Segment {
  grain: Grain;
  from: Date;
  to: Date;
}

/** The rollup rows covering [start, end) (whole hours): whole days from the day rows when the buckets allow it. */
export function segments(unit: MetricsPlan["unit"], start: Date, end: Date): Segment[] {
  const dayBuckets = unit === null || unit === "day" || unit === "week" || unit === "month";
  const days = { from: ceilTo(start, DAY_MS), to: floorTo(end, DAY_MS) };
  if (!dayBuckets || days.from.getTime() >= days.to.getTime()) return [{ grain: "hour", from: start, to: end }];
  const out: Segment[] = [{ grain: "day", ...days }];
  if (start.getTime() < days.from.getTime()) out.push({ grain: "hour", from: start, to: days.from });
  if (days.to.getTime() < end.getTime()) out.push({ grain: "hour", from: days.to, to: end });
  return out;
}

export async function serveFromRollups(client: Db | Tx, projectId: string, plan: MetricsPlan): Promise<MetricsRow[] | null> {
  if (!rollupsEnabled()) return null;
  // Grouped by user or session: the subject rollup's (serve-subjects.ts).
  if (subjectOf(plan)) return serveSubjectsFromRollups(client, projectId, plan);
  const served = servable(plan);
  if (!served) return null;
  const start = ceilTo(plan.from, HOUR_MS);
  const end = floorTo(plan.to, HOUR_MS);
  // Less than a whole hour: the rows are few and fast.
  if (start.getTime() >= end.getTime()) return null;
  if (!(await rollupsReady(client, projectId))) return null;

  const d = dialectOf(client);
  const groups = new Map<string, Group>();
  const group = (dims: Value[], bucket: number | null): Group => {
    const k = JSON.stringify([dims, bucket]);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { dims, bucket, count: 0, sums: new Map(), sketches: new Map() }));
    return g;
  };
  const measures = [...new Set(plan.metrics.map((m) => m.measure))].filter((m) => m !== "count");
  const sketched = [...new Set(plan.metrics.filter((m) => fromSketch(m.aggregation)).map((m) => m.measure))];

  const [rollupRows, edges] = await Promise.all([
    Promise.all(segments(plan.unit, start, end).map((seg) => client.$queryRaw<Raw[]>(rollupQuery(d, plan, served, projectId, seg, measures, sketched)))),
    Promise.all(
      [
        [plan.from, start],
        [end, plan.to],
      ]
        .filter(([a, b]) => a.getTime() < b.getTime())
        .map(([from, to]) => client.$queryRaw<Raw[]>(innerSelect(d, { ...plan, from, to }, projectId, ["count", ...measures]))),
    ),
  ]);

  const dimsOf = (r: Raw) => plan.dimensions.map(({ def }, i) => decodeDimension(d, def, r[dimColumn(i)]));
  const bucketOf = (r: Raw) => (plan.unit ? d.decode.date(r[BUCKET_COLUMN]).getTime() : null);
  for (const r of rollupRows.flat()) {
    const g = group(dimsOf(r), bucketOf(r));
    g.count += d.decode.number(r.n);
    for (const m of measures) addSum(g, m, d.decode.number(r[`s_${m}`]), d.decode.number(r[`n_${m}`]));
    for (const m of sketched) for (const [bin, c] of decodeSketch(r[`k_${m}`])) addToBin(g, m, bin, c);
  }
  for (const rows of edges) {
    for (const r of rows) {
      const g = group(dimsOf(r), bucketOf(r));
      g.count += 1;
      for (const m of measures) {
        const v = d.decode.numberOrNull(r[measureColumn(m)]);
        if (v === null) continue;
        addSum(g, m, v, 1);
        if (sketched.includes(m)) {
          const s = g.sketches.get(m) ?? new Map<number, number>();
          addToSketch(s, v);
          g.sketches.set(m, s);
        }
      }
    }
  }

  const rows: MetricsRow[] = [];
  for (const g of groups.values()) {
    // A rollup row whose rows were all deleted or moved away answers nothing (as no rows would).
    if (g.count <= 0) continue;
    rows.push(finish(plan, g));
  }
  // No dimension and no bucket: one row even with no rows at all, as an aggregate without GROUP BY answers.
  if (!rows.length && !plan.dimensions.length && !plan.unit) {
    rows.push(Object.fromEntries(plan.metrics.map((m) => [m.key, emptyValue(m.aggregation, m.def.distinctCount)])));
  }
  const spec = shapeSpec(plan);
  return orderAndLimit(fillBuckets(rows, spec), spec);
}

function addSum(g: Group, m: string, sum: number, n: number) {
  const s = g.sums.get(m) ?? [0, 0];
  s[0] += sum;
  s[1] += n;
  g.sums.set(m, s);
}

function addToBin(g: Group, m: string, bin: number, c: number) {
  const s = g.sketches.get(m) ?? new Map<number, number>();
  s.set(bin, (s.get(bin) ?? 0) + c);
  g.sketches.set(m, s);
}

function finish(plan: MetricsPlan, g: Group): MetricsRow {
  const row: MetricsRow = {};
  plan.dimensions.forEach(({ field }, i) => (row[field] = g.dims[i]));
  if (plan.unit && g.bucket !== null) row[TIME_DIMENSION] = new Date(g.bucket).toISOString();
  const percentiles = new Map<string, (number | null)[]>();
  for (const m of plan.metrics) {
    const [sum, n] = m.measure === "count" ? [g.count, g.count] : (g.sums.get(m.measure) ?? [0, 0]);
    switch (m.aggregation) {
      case "count":
        row[m.key] = n;
        break;
      case "sum":
        row[m.key] = n > 0 ? sum : 0;
        break;
      case "avg":
        row[m.key] = n > 0 ? sum / n : null;
        break;
      case "histogram":
        row[m.key] = sketchHistogram(g.sketches.get(m.measure) ?? new Map(), plan.bins);
        break;
      default: {
        let ps = percentiles.get(m.measure);
        if (!ps) {
          const fractions = Object.values(PERCENTILES);
          ps = sketchPercentiles(g.sketches.get(m.measure) ?? new Map(), fractions);
          percentiles.set(m.measure, ps);
        }
        row[m.key] = ps[Object.keys(PERCENTILES).indexOf(m.aggregation)];
      }
    }
  }
  return row;
}

/** WHERE over a rollup table: the project, the segment's grain and buckets, the view's segment and the filters. */
function where(d: Dialect, plan: MetricsPlan, served: ServedView, projectId: string, seg: Segment): Sql {
  const a = ROLLUP_TABLES[served.kind].alias;
  const col = (c: string) => raw(`"${a}"."${c}"`);
  const { where: conditions } = buildConditions(d, served.filters, plan.filters);
  return join(
    [
      sql`${col("projectId")} = ${projectId}`,
      sql`${col("grain")} = ${seg.grain}`,
      sql`${col("start")} >= ${seg.from}`,
      sql`${col("start")} < ${seg.to}`,
      ...(served.segment ? [served.segment] : []),
      ...conditions,
    ],
    " AND ",
  );
}

function keyColumns(d: Dialect, plan: MetricsPlan, served: ServedView): Sql[] {
  const a = ROLLUP_TABLES[served.kind].alias;
  const cols = plan.dimensions.map((x, i) => sql`${raw(`"${a}"."${served.dims[x.field]}"`)} AS ${raw(`"${dimColumn(i)}"`)}`);
  if (plan.unit) cols.push(sql`${d.timeBucket(raw(`"${a}"."start"`), plan.unit)} AS ${raw(`"${BUCKET_COLUMN}"`)}`);
  return cols;
}

function groupBy(plan: MetricsPlan): Sql {
  const keys = [...plan.dimensions.map((_, i) => raw(`"${dimColumn(i)}"`)), ...(plan.unit ? [raw(`"${BUCKET_COLUMN}"`)] : [])];
  return keys.length ? sql`GROUP BY ${join(keys)}` : empty;
}

/**
 * The segment's rows: summed per group in SQL, or, when percentiles are asked for, row by row with their
 * sketch columns (JSON, merged per group in JS; SQL cannot add them up).
 */
function rollupQuery(d: Dialect, plan: MetricsPlan, served: ServedView, projectId: string, seg: Segment, measures: string[], sketched: string[]): Sql {
  const t = ROLLUP_TABLES[served.kind];
  const c = (name: string) => raw(`"${t.alias}"."${name}"`);
  const real = (s: Sql) => sql`CAST(${s} AS DOUBLE PRECISION)`;
  const from = sql`FROM ${raw(`"${t.table}" AS "${t.alias}"`)} WHERE ${where(d, plan, served, projectId, seg)}`;
  if (!sketched.length) {
    const sums = measures.flatMap((m) => [sql`${real(sql`SUM(${c(`${m}Sum`)})`)} AS ${raw(`"s_${m}"`)}`, sql`SUM(${c(`${m}N`)}) AS ${raw(`"n_${m}"`)}`]);
    return sql`SELECT ${join([...keyColumns(d, plan, served), sql`SUM(${c("count")}) AS "n"`, ...sums])} ${from} ${groupBy(plan)}`;
  }
  const figures = measures.flatMap((m) => [sql`${real(c(`${m}Sum`))} AS ${raw(`"s_${m}"`)}`, sql`${c(`${m}N`)} AS ${raw(`"n_${m}"`)}`]);
  const sketches = sketched.map((m) => sql`${c(sketchColumn(m))} AS ${raw(`"k_${m}"`)}`);
  return sql`SELECT ${join([...keyColumns(d, plan, served), sql`${c("count")} AS "n"`, ...figures, ...sketches])} ${from}`;
}
