// `npm run bench:promote`: bulk promotion of every trace a filter matches.
//
//   npm run bench:promote -- [--traces 10000] [--keep]
//
// Builds a fresh temp SQLite database (migrated like production), writes N
// demo traces through the real ingestion path, then starts "Add to dataset"
// for the traces-table view "all traces" exactly as the bulk bar does
// (promoteTraceSelection → a PROMOTE job) and runs the job to its end,
// printing its progress, the time and the rate. A second run over the same
// filter measures the idempotent pass (everything skipped).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDataset } from "../../lib/datasets/datasets";
import { DEFAULT_MAPPING } from "../../lib/datasets/mapping";
import "../../lib/datasets/promote-job";
import { promoteTraceSelection } from "../../lib/datasets/promote-run";
import { createDb, dbReady, type Db } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/migrate";
import { databaseTarget } from "../../lib/db/url";
import { jobView, runQueuedJobs } from "../../lib/jobs/runner";
import { isFinished, type JobView } from "../../lib/jobs/schemas";
import { writeDemoTraces } from "../../lib/setup/demo";

const { values: opts } = parseArgs({ options: { traces: { type: "string", default: "10000" }, keep: { type: "boolean", default: false } } });
const N = Number(opts.traces);
const PROJECT = "bench";

const dir = mkdtempSync(path.join(tmpdir(), "loupe-bench-promote-"));
const target = databaseTarget(`file:${path.join(dir, "bench.db")}`);

async function runJob(db: Db, label: string, datasetId: string): Promise<JobView> {
  const t0 = performance.now();
  const start = await promoteTraceSelection(db, PROJECT, null, { ids: [], allMatching: true, view: "range=all" }, { datasetIds: [datasetId], mapping: DEFAULT_MAPPING, onExisting: "skip" });
  if (start.kind !== "job") throw new Error("expected a background job");
  let job = start.job;
  let shown = -1;
  while (!isFinished(job)) {
    await runQueuedJobs(db); // the enqueue also kicked a drain in this process; either runs it
    job = jobView(await db.job.findUniqueOrThrow({ where: { id: job.id } }));
    if (job.done !== shown && process.stdout.isTTY) {
      process.stdout.write(`\r${label}: ${job.done.toLocaleString()} / ${(job.total ?? 0).toLocaleString()}`);
      shown = job.done;
    }
    if (!isFinished(job)) await new Promise((r) => setTimeout(r, 20));
  }
  const s = (performance.now() - t0) / 1000;
  const r = job.result as { added: number; updated: number; skipped: number };
  console.log(
    `${process.stdout.isTTY ? "\r" : ""}${label}: ${job.status} ${job.done.toLocaleString()} traces in ${s.toFixed(2)} s (${Math.round(job.done / s).toLocaleString()} traces/s) — ${r.added} added, ${r.updated} updated, ${r.skipped} skipped, ${job.failed} failed`,
  );
  return job;
}

async function main() {
  console.log(`database: ${target.provider === "sqlite" ? target.file : ""}`);
  await applyMigrations(target);
  const db = createDb(target);
  await dbReady(db, target);
  await db.project.create({ data: { id: PROJECT, name: "Bench" } });
  const t0 = Date.now();
  await writeDemoTraces(db, PROJECT, { traces: N, seed: 5, idPrefix: "p" });
  const traces = await db.trace.count({ where: { projectId: PROJECT } });
  console.log(`ingested ${traces.toLocaleString()} demo traces in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const ds = await createDataset(db, PROJECT, { name: "regressions" });
  await runJob(db, "first run (all new)", ds.id);
  await runJob(db, "second run (idempotent)", ds.id);
  console.log(`items in the dataset: ${(await db.datasetItem.count({ where: { datasetId: ds.id } })).toLocaleString()}`);
  // The enqueue also started a drain in this process (lib/jobs/runner.ts kickJobs): let it see the empty queue before the file goes.
  const drain = (globalThis as { loupeJobs?: { running: boolean } }).loupeJobs;
  while (drain?.running) await new Promise((r) => setTimeout(r, 20));
  await db.$disconnect();
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  });
