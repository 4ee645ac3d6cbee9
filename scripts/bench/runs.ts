// `npm run bench:runs`: the runs list and a run's page on a dataset of many
// big runs, on a fresh SQLite file (or the PostgreSQL of --pg <url>, in a
// database made and dropped here).
//
//   npm run bench:runs -- [--runs 50] [--items 5000] [--reps 10] [--pg postgresql://root@127.0.0.1:5432/postgres]
//
// Seeds R runs × N items: one trace per run item (latency and cost rollups
// set), two item scores per trace (numeric, boolean), a run-level score per run
// (no ANALYZE: the app never runs one, so the planner has no statistics);
// then times listRunRows (every run's figures aggregated in SQL: counts,
// average and p95 latency, cost, score averages), runHeader and a first and a
// deep page of runPageItems. p50/p95 over the repetitions.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { createDb, dbReady } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/migrate";
import { databaseTarget } from "../../lib/db/url";
import { listRunRows } from "../../lib/experiments/run-list";
import { runHeader, runPageItems } from "../../lib/experiments/run-page";

const { values: opts } = parseArgs({ options: { runs: { type: "string", default: "50" }, items: { type: "string", default: "5000" }, reps: { type: "string", default: "10" }, pg: { type: "string" }, keep: { type: "string" } } });
const R = Number(opts.runs);
const N = Number(opts.items);
const REPS = Number(opts.reps);
const CHUNK = 5000;

async function main() {
  let url: string;
  let cleanup: () => Promise<void>;
  if (opts.pg) {
    const name = `loupe_bench_runs_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: opts.pg });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(opts.pg);
    u.pathname = `/${name}`;
    url = u.toString();
    cleanup = async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), "loupe-bench-runs-"));
    url = `file:${path.join(dir, "bench.db")}`;
    cleanup = async () => (opts.keep ? console.log(`kept ${url}`) : rmSync(dir, { recursive: true, force: true }));
  }
  const target = databaseTarget(url);
  try {
    await applyMigrations(target);
    const db = createDb(target);
    await dbReady(db, target);
    const projectId = "bench";
    await db.project.create({ data: { id: projectId, name: "Bench" } });
    const ds = await db.dataset.create({ data: { projectId, name: "bench" } });
    const t0 = performance.now();
    const items = Array.from({ length: N }, (_, i) => ({ projectId, id: `item-${i}`, datasetId: ds.id, input: { q: `question ${i}` }, expectedOutput: `answer ${i}` }));
    for (let i = 0; i < N; i += CHUNK) await db.datasetItem.createMany({ data: items.slice(i, i + CHUNK) });
    const base = Date.parse("2026-01-01T00:00:00Z");
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const runIds: string[] = [];
    // Run 0 through the client; the others copied from it in SQL (same shape, latencies and costs
    // scaled per run), so seeding 250,000 run items takes seconds, not minutes.
    for (let r = 0; r < R; r++) {
      const at = new Date(base + r * 86_400_000);
      const run = await db.datasetRun.create({ data: { projectId, datasetId: ds.id, name: `release-${r}`, createdAt: at } });
      runIds.push(run.id);
      await db.score.create({ data: { projectId, id: `run-${r}`, datasetRunId: run.id, name: "pass_rate", value: rand(), dataType: "NUMERIC", source: "API", timestamp: at } });
      if (r > 0) {
        const p = `r${r}-`;
        const f = 1 + r / 100;
        await db.$executeRaw`INSERT INTO "Trace" ("projectId", "id", "timestamp", "output", "latencyMs", "totalCost", "totalTokens", "createdAt", "updatedAt")
          SELECT "projectId", ${p} || "id", "timestamp", "output", "latencyMs" * ${f}, "totalCost" * ${f}, "totalTokens", "createdAt", "updatedAt" FROM "Trace" WHERE "projectId" = ${projectId} AND "id" LIKE 't-%'`;
        await db.$executeRaw`INSERT INTO "DatasetRunItem" ("id", "projectId", "datasetRunId", "datasetItemId", "traceId", "createdAt", "updatedAt")
          SELECT ${p} || "id", "projectId", ${run.id}, "datasetItemId", ${p} || "traceId", "createdAt", "updatedAt" FROM "DatasetRunItem" WHERE "datasetRunId" = ${runIds[0]}`;
        await db.$executeRaw`INSERT INTO "Score" ("projectId", "id", "traceId", "name", "value", "dataType", "source", "environment", "timestamp", "createdAt", "updatedAt")
          SELECT "projectId", ${p} || "id", ${p} || "traceId", "name", CASE WHEN "dataType" = 'NUMERIC' THEN "value" / ${f} ELSE "value" END, "dataType", "source", "environment", "timestamp", "createdAt", "updatedAt"
          FROM "Score" WHERE "projectId" = ${projectId} AND "traceId" LIKE 't-%'`;
        continue;
      }
      for (let i = 0; i < N; i += CHUNK) {
        const ids = Array.from({ length: Math.min(CHUNK, N - i) }, (_, k) => i + k);
        await db.trace.createMany({ data: ids.map((k) => ({ projectId, id: `t-${r}-${k}`, timestamp: at, output: `out ${k}`, latencyMs: 200 + rand() * 2000, totalCost: 0.001 + rand() * 0.01, totalTokens: 300 })) });
        await db.datasetRunItem.createMany({ data: ids.map((k) => ({ projectId, datasetRunId: run.id, datasetItemId: `item-${k}`, traceId: `t-${r}-${k}`, createdAt: new Date(at.getTime() + k) })) });
        await db.score.createMany({
          data: ids.flatMap((k) => [
            { projectId, id: `s-${r}-${k}-acc`, traceId: `t-${r}-${k}`, name: "accuracy", value: rand(), dataType: "NUMERIC", source: "EVAL", timestamp: at },
            { projectId, id: `s-${r}-${k}-ok`, traceId: `t-${r}-${k}`, name: "exact", value: rand() < 0.7 ? 1 : 0, dataType: "BOOLEAN", source: "EVAL", timestamp: at },
          ]),
        });
      }
    }
    console.log(`${target.provider}: seeded ${R} runs × ${N} items (${(R * N).toLocaleString("en-US")} run items, ${(2 * R * N).toLocaleString("en-US")} item scores) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const time = async (label: string, fn: () => Promise<unknown>) => {
      await fn(); // warm
      const ms: number[] = [];
      for (let i = 0; i < REPS; i++) {
        const s = performance.now();
        await fn();
        ms.push(performance.now() - s);
      }
      ms.sort((a, b) => a - b);
      const pct = (p: number) => ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)];
      console.log(`  ${label.padEnd(44)} p50 ${pct(0.5).toFixed(0).padStart(6)} ms   p95 ${pct(0.95).toFixed(0).padStart(6)} ms`);
    };
    await time(`runs list (${R} runs, every figure)`, () => listRunRows(db, projectId, ds.id, { page: 1, limit: 50, sort: { id: "item:accuracy", desc: true } }));
    await time("run header (one run's figures)", () => runHeader(db, projectId, ds.id, runIds[R - 1]));
    await time("run items, first page of 50", () => runPageItems(db, projectId, runIds[R - 1], { page: 1, limit: 50 }));
    await time(`run items, page ${Math.floor(N / 50)} of 50`, () => runPageItems(db, projectId, runIds[R - 1], { page: Math.floor(N / 50), limit: 50 }));
    await db.$disconnect();
  } finally {
    await cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
