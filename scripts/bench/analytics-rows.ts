// `npx tsx scripts/bench/analytics-rows.ts [--traces 20000] [--runs 20] [--pg postgresql://...] [--keep]`:
// how fast the analytics engine answers dashboard-style queries on the rows
// (no rollups): a fresh database, N demo traces written through the ingestion
// path (the last 14 days), then each query over the last 30 days, p50/p95.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { runOnRows } from "../../lib/analytics/rows/run";
import { metricsQuerySchema, type MetricsQueryInput } from "../../lib/analytics/query-schema";
import { validateMetricsQuery } from "../../lib/analytics/validate";
import { createDb, dbReady, dialectOf } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/migrate";
import { databaseTarget } from "../../lib/db/url";
import { writeDemoTraces } from "../../lib/setup/demo";

const { values: opts } = parseArgs({ options: { traces: { type: "string", default: "20000" }, runs: { type: "string", default: "20" }, pg: { type: "string" }, keep: { type: "boolean", default: false } } });
const N = Number(opts.traces);
const RUNS = Number(opts.runs);
const PROJECT = "bench";
const dir = mkdtempSync(path.join(tmpdir(), "loupe-bench-analytics-"));
const target = databaseTarget(opts.pg ?? `file:${path.join(dir, "bench.db")}`);

// The range ends after the ingest (scores are stamped when written).
let to = new Date();
let from = new Date();
const day = { granularity: "day" as const };
const model = { type: "string" as const, column: "providedModelName", operator: "=" as const, value: "gpt-4o-mini" };
const CASES: [string, Omit<MetricsQueryInput, "fromTimestamp" | "toTimestamp">][] = [
  ["traces per day", { view: "traces", metrics: [{ measure: "count", aggregation: "count" }], timeDimension: day }],
  ["cost per day by model", { view: "observations", dimensions: [{ field: "providedModelName" }], metrics: [{ measure: "totalCost", aggregation: "sum" }], timeDimension: day }],
  ["cost by trace name", { view: "observations", dimensions: [{ field: "traceName" }], metrics: [{ measure: "totalCost", aggregation: "sum" }] }],
  ["cost by user, top 10", { view: "traces", dimensions: [{ field: "userId" }], metrics: [{ measure: "totalCost", aggregation: "sum" }], config: { row_limit: 10 } }],
  ["tokens per day by model", { view: "observations", dimensions: [{ field: "providedModelName" }], metrics: [{ measure: "inputTokens", aggregation: "sum" }, { measure: "outputTokens", aggregation: "sum" }], timeDimension: day }],
  ["trace latency p50-p99 per day", { view: "traces", metrics: (["p50", "p90", "p95", "p99"] as const).map((aggregation) => ({ measure: "latency", aggregation })), timeDimension: day }],
  ["latency by trace name", { view: "traces", dimensions: [{ field: "name" }], metrics: [{ measure: "count", aggregation: "count" }, { measure: "latency", aggregation: "p50" }, { measure: "latency", aggregation: "p95" }, { measure: "latency", aggregation: "p99" }] }],
  ["ttft p50/p95 by model", { view: "observations", dimensions: [{ field: "providedModelName" }], metrics: [{ measure: "timeToFirstToken", aggregation: "p50" }, { measure: "timeToFirstToken", aggregation: "p95" }], filters: [{ type: "string", column: "type", operator: "=", value: "GENERATION" }] }],
  ["observations per day", { view: "observations", metrics: [{ measure: "count", aggregation: "count" }], timeDimension: day }],
  ["score avg per day by name", { view: "scores-numeric", dimensions: [{ field: "name" }], metrics: [{ measure: "value", aggregation: "avg" }], timeDimension: day }],
  ["score histogram", { view: "scores-numeric", dimensions: [{ field: "name" }], metrics: [{ measure: "value", aggregation: "histogram" }] }],
  ["steps by name and type", { view: "observations", dimensions: [{ field: "name" }, { field: "type" }], metrics: [{ measure: "totalCost", aggregation: "sum" }, { measure: "latency", aggregation: "p50" }, { measure: "latency", aggregation: "p95" }] }],
  ["cost per day, one model", { view: "observations", metrics: [{ measure: "totalCost", aggregation: "sum" }], filters: [model], timeDimension: day }],
  ["one user: cost per day by model", { view: "observations", dimensions: [{ field: "providedModelName" }], metrics: [{ measure: "totalCost", aggregation: "sum" }], filters: [{ type: "string", column: "userId", operator: "=", value: "alice@acme.io" }], timeDimension: day }],
  ["one session: cost per day by model", { view: "observations", dimensions: [{ field: "providedModelName" }], metrics: [{ measure: "totalCost", aggregation: "sum" }], filters: [{ type: "string", column: "sessionId", operator: "=", value: "SESSION" }], timeDimension: day }],
  ["traces per day, metadata filter", { view: "traces", metrics: [{ measure: "count", aggregation: "count" }], filters: [{ type: "stringObject", column: "metadata", key: "plan", operator: "=", value: "pro" }], timeDimension: day }],
];

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

async function main() {
  await applyMigrations(target);
  const db = createDb(target);
  await dbReady(db, target);
  await db.project.create({ data: { id: PROJECT, name: "Bench" } });
  let t0 = Date.now();
  await writeDemoTraces(db, PROJECT, { traces: N, seed: 3, idPrefix: `b${Date.now().toString(36)}` });
  const [{ o }] = await db.$queryRawUnsafe<{ o: unknown }[]>(`SELECT COUNT(*) AS "o" FROM "Observation" WHERE "projectId" = '${PROJECT}'`);
  to = new Date(Date.now() + 60_000);
  from = new Date(to.getTime() - 30 * 86_400_000);
  console.log(`${target.provider}: ingested ${N.toLocaleString()} demo traces (${Number(o).toLocaleString()} observations) in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  console.log(`\n${"query (30 days)".padEnd(34)} ${"rows".padStart(5)}  ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}`);
  const [{ sid }] = await db.$queryRawUnsafe<{ sid: string }[]>(`SELECT "sessionId" AS "sid" FROM "Trace" WHERE "projectId" = '${PROJECT}' AND "sessionId" IS NOT NULL ORDER BY "timestamp" DESC LIMIT 1`);
  for (const [label, q0] of CASES) {
    const q = JSON.parse(JSON.stringify(q0).replace('"SESSION"', JSON.stringify(sid))) as typeof q0;
    const plan = validateMetricsQuery(metricsQuerySchema.parse({ ...q, fromTimestamp: from.toISOString(), toTimestamp: to.toISOString() }), dialectOf(db));
    let rows = (await runOnRows(db, PROJECT, plan)).length;
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      t0 = performance.now();
      rows = (await runOnRows(db, PROJECT, plan)).length;
      ms.push(performance.now() - t0);
    }
    console.log(`${label.padEnd(34)} ${String(rows).padStart(5)}  ${pct(ms, 50).toFixed(1).padStart(8)} ${pct(ms, 95).toFixed(1).padStart(8)}`);
  }
  await db.$disconnect();
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => (opts.keep && !opts.pg ? console.log(`kept ${path.join(dir, "bench.db")}`) : rmSync(dir, { recursive: true, force: true })));
