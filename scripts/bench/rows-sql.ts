// `tsx scripts/bench/rows-sql.ts '<metrics query JSON>' [sqlite|postgresql]`: prints the rows engine's SQL
// for a query (groups, percentiles, histograms) with its parameters inlined, to paste into
// EXPLAIN QUERY PLAN (sqlite3 -readonly) or EXPLAIN ANALYZE (psql). A tool for reading plans, no I/O.
import { dialectFor } from "../../lib/db/sql";
import { metricsQuerySchema } from "../../lib/analytics/query-schema";
import { groupsQuery, histogramQuery, PERCENTILES, percentilesQuery } from "../../lib/analytics/rows/sql";
import { validateMetricsQuery } from "../../lib/analytics/validate";
import type { Sql } from "../../lib/db/sql";

const [json, provider = "sqlite"] = process.argv.slice(2);
const d = dialectFor(provider === "postgresql" ? "postgresql" : "sqlite");
const plan = validateMetricsQuery(metricsQuerySchema.parse(JSON.parse(json)), d);
const project = process.env.PROJECT ?? "bench";

function inline(s: Sql): string {
  const lit = (v: unknown): string => {
    if (v instanceof Date) return provider === "postgresql" ? `'${v.toISOString()}'::timestamp` : String(v.getTime());
    if (typeof v === "number" || typeof v === "bigint") return String(v);
    if (v === null) return "NULL";
    if (Array.isArray(v)) return `ARRAY[${v.map(lit).join(",")}]`;
    return `'${String(v).replace(/'/g, "''")}'`;
  };
  let i = 0;
  return provider === "postgresql" ? s.text.replace(/\$(\d+)/g, (_, n) => lit(s.values[Number(n) - 1])) : s.sql.replace(/\?/g, () => lit(s.values[i++]));
}

console.log(`-- groups\n${inline(groupsQuery(d, plan, project))};`);
const measures = new Map<string, number[]>();
for (const m of plan.metrics) if (m.aggregation in PERCENTILES) measures.set(m.measure, [...(measures.get(m.measure) ?? []), PERCENTILES[m.aggregation]]);
for (const [m, f] of measures) console.log(`-- percentiles ${m}\n${inline(percentilesQuery(d, plan, project, m, f))};`);
for (const m of plan.metrics) if (m.aggregation === "histogram") console.log(`-- histogram ${m.measure}\n${inline(histogramQuery(d, plan, project, m.measure, plan.bins))};`);
