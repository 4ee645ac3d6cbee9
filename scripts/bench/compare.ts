// `npm run bench:compare`: the compare view on big runs.
//
//   npm run bench:compare -- [--items 5000] [--runs 2] [--rounds 30] [--keep]
//
// Builds a fresh temp SQLite database (migrated like production), writes a
// dataset of N items, then R runs over it through the real write paths (each
// item's trace, a generation with latency and cost and two scores through
// ingestion, linked by linkRunItem as POST /api/public/dataset-run-items
// does), about 1 in 10 items regressing per run. Then times compareRuns —
// every item classified, one page of outputs loaded — and prints p50/p95 for
// the first page, a page filtered to regressions and sorted by a score
// delta, and a deep page.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDataset } from "../../lib/datasets/datasets";
import { writeItems } from "../../lib/datasets/items";
import { createDb, dbReady } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/migrate";
import { databaseTarget } from "../../lib/db/url";
import { compareRuns, type CompareQuery } from "../../lib/experiments/compare";
import { linkRunItem } from "../../lib/experiments/link";
import type { IngestEvent } from "../../lib/ingest/events";
import { ingestEvents } from "../../lib/ingest/service";

const { values: opts } = parseArgs({
  options: { items: { type: "string", default: "5000" }, runs: { type: "string", default: "2" }, rounds: { type: "string", default: "30" }, keep: { type: "boolean", default: false } },
});
const N = Number(opts.items);
const RUNS = Number(opts.runs);
const ROUNDS = Number(opts.rounds);
const PROJECT = "bench";

const dir = mkdtempSync(path.join(tmpdir(), "loupe-bench-compare-"));
const target = databaseTarget(`file:${path.join(dir, "bench.db")}`);

// A small deterministic generator, so two machines bench the same data.
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))]!;
};

async function time(label: string, run: () => Promise<unknown>) {
  await run(); // warm: statements prepared, pages cached
  const ms: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await run();
    ms.push(performance.now() - t0);
  }
  console.log(`${label.padEnd(48)} p50 ${pct(ms, 0.5).toFixed(1).padStart(7)} ms   p95 ${pct(ms, 0.95).toFixed(1).padStart(7)} ms`);
}

async function main() {
  console.log(`database: ${target.provider === "sqlite" ? target.file : ""}`);
  await applyMigrations(target);
  const db = createDb(target);
  await dbReady(db, target);
  await db.project.create({ data: { id: PROJECT, name: "Bench" } });
  const ds = await createDataset(db, PROJECT, { name: "regressions" });
  let t0 = Date.now();
  for (let i = 0; i < N; i += 1000) {
    const writes = Array.from({ length: Math.min(1000, N - i) }, (_, k) => ({ id: `item-${String(i + k).padStart(6, "0")}`, input: { question: `What is ${i + k} + 1?` }, expectedOutput: String(i + k + 1) }));
    await writeItems(db, ds, writes, null);
  }
  console.log(`wrote ${N.toLocaleString()} items in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const runIds: string[] = [];
  const at = new Date("2026-05-01T00:00:00Z");
  for (let r = 0; r < RUNS; r++) {
    t0 = Date.now();
    const runName = `release-${r + 1}`;
    for (let i = 0; i < N; i += 250) {
      const events: IngestEvent[] = [];
      for (let k = i; k < Math.min(N, i + 250); k++) {
        const tr = `${runName}-${k}`;
        const wrong = rand() < 0.1;
        const ms = 200 + Math.round(rand() * 2000);
        events.push(
          { kind: "trace", id: tr, timestamp: at, input: { question: `What is ${k} + 1?` } },
          { kind: "observation", id: `${tr}-gen`, traceId: tr, type: "GENERATION", startTime: at, endTime: new Date(at.getTime() + ms), output: wrong ? `It is ${k + 2}` : String(k + 1), cost: { total: 0.0001 + rand() * 0.001 } },
          { kind: "score", id: `${tr}-exact`, traceId: tr, name: "exact", value: wrong ? 0 : 1, dataType: "NUMERIC" },
          { kind: "score", id: `${tr}-sim`, traceId: tr, name: "similarity", value: wrong ? rand() * 0.5 : 0.8 + rand() * 0.2, dataType: "NUMERIC" },
        );
      }
      await ingestEvents(PROJECT, events, db);
    }
    let runId = "";
    for (let k = 0; k < N; k++) {
      const tr = `${runName}-${k}`;
      runId = (await linkRunItem(db, PROJECT, { runName, datasetItemId: `item-${String(k).padStart(6, "0")}`, traceId: tr, observationId: `${tr}-gen` })).datasetRunId;
    }
    runIds.push(runId);
    console.log(`run ${runName}: ${N.toLocaleString()} traces ingested and linked in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const base: CompareQuery = { runIds, baselineId: runIds[0]!, page: 1, limit: 20 };
  const first = await compareRuns(db, PROJECT, ds.id, base);
  console.log(`compare: ${first.totalItems.toLocaleString()} items × ${runIds.length} runs; regressions per run ${first.aggregates.map((a) => a.regressions).join(", ")}; improvements ${first.aggregates.map((a) => a.improvements).join(", ")}`);
  await time("first page (20 rows)", () => compareRuns(db, PROJECT, ds.id, base));
  await time("regressions only, sorted by similarity delta", () => compareRuns(db, PROJECT, ds.id, { ...base, filter: "regressions", sort: { by: "score", name: "similarity", dir: "asc" } }));
  await time("page 100 of 100 rows, sorted by latency delta", () => compareRuns(db, PROJECT, ds.id, { ...base, page: Math.max(1, Math.floor(N / 100)), limit: 100, sort: { by: "latency", dir: "desc" } }));
  await db.$disconnect();
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    if (opts.keep) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  });
