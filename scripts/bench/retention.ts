// `npm run bench:retention`: a retention sweep on a big SQLite file, and what it does to the file's size.
//
//   npm run bench:retention -- [--traces 100000] [--target-ms 100] [--keep]
//
// Builds a fresh temp database (migrated like production), writes ~10k demo
// traces through the real ingestion path, multiplies the Trace, Observation
// and Score rows with INSERT ... SELECT (as bench:traces does: new ids, 14
// days older per copy) up to N, recomputes the rollups so the copies are in
// them, then sets the retention so about half the traces expire and runs the
// RETENTION job's handler to its end while a writer ingests one small trace
// every 20 ms (latency counted from when each write was due). Prints: traces
// deleted per second, the longest delete transaction (the longest the write
// lock was held), the ingestion writes' latency during the sweep against
// before it, and the file size before the sweep, after it and after VACUUM.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { rebuildProject } from "../../lib/analytics/rollups/rebuild";
import { createDb, dbReady, type Db } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/migrate";
import { databaseTarget } from "../../lib/db/url";
import { ingestEvents } from "../../lib/ingest/service";
import type { JobContext } from "../../lib/jobs/runner";
import { queueRetentionSweep } from "../../lib/retention/schedule";
import { runRetentionSweep, type RetentionParams } from "../../lib/retention/sweep";
import { writeDemoTraces } from "../../lib/setup/demo";

const { values: opts } = parseArgs({
  options: { traces: { type: "string", default: "100000" }, "target-ms": { type: "string" }, keep: { type: "boolean", default: false } },
});
const N = Number(opts.traces);
const BASE = Math.min(N, 10_000);
const PROJECT = "bench";
const DAY = 86_400_000;

const dir = mkdtempSync(path.join(tmpdir(), "loupe-bench-retention-"));
const file = path.join(dir, "bench.db");
const target = databaseTarget(`file:${file}`);

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const count = async (db: Db, table: string) => Number((await db.$queryRawUnsafe<{ n: number }[]>(`SELECT COUNT(*) AS n FROM "${table}"`))[0].n);

/** The file's size with the WAL folded in (what stays on disk once the server is idle). */
async function fileSize(db: Db): Promise<number> {
  await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  return statSync(file).size;
}

async function fill(db: Db) {
  let t0 = Date.now();
  await db.project.create({ data: { id: PROJECT, name: "Bench" } });
  await writeDemoTraces(db, PROJECT, { traces: BASE, seed: 3, idPrefix: "b" }); // the last 14 days
  console.log(`ingested ${BASE.toLocaleString()} demo traces in ${secs(Date.now() - t0)}`);
  if (N <= BASE) return;
  t0 = Date.now();
  const copies = Math.ceil(N / BASE) - 1;
  const shift = (col: string) => `CASE WHEN "${col}" IS NULL THEN NULL ELSE "${col}" - "k"."k" * ${14 * DAY} END`;
  const suffix = (col: string) => `CASE WHEN "${col}" IS NULL THEN NULL ELSE "${col}" || '~' || "k"."k" END`;
  const exprs: Record<string, Record<string, string>> = {
    Trace: { id: suffix("id"), timestamp: shift("timestamp"), startTime: shift("startTime"), endTime: shift("endTime"), userId: suffix("userId"), sessionId: suffix("sessionId") },
    Observation: { id: suffix("id"), traceId: suffix("traceId"), parentObservationId: suffix("parentObservationId"), startTime: shift("startTime"), endTime: shift("endTime"), completionStartTime: shift("completionStartTime") },
    Score: { id: suffix("id"), traceId: suffix("traceId"), observationId: suffix("observationId"), timestamp: shift("timestamp") },
  };
  const kTable = (from: number, to: number) => `WITH RECURSIVE "k"("k") AS (SELECT ${from} UNION ALL SELECT "k" + 1 FROM "k" WHERE "k" < ${to})`;
  for (const [table, expr] of Object.entries(exprs)) {
    const cols = (await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info('${table}')`)).map((c) => `"${c.name}"`);
    const select = cols.map((c) => expr[c.slice(1, -1)] ?? c).join(", ");
    for (let from = 1; from <= copies; from += 3) {
      const to = Math.min(copies, from + 2);
      await db.$executeRawUnsafe(
        `INSERT INTO "${table}" (${cols.join(", ")}) ${kTable(from, to)} SELECT ${select} FROM "${table}", "k" WHERE "projectId" = '${PROJECT}' AND "id" NOT LIKE '%~%'`,
      );
    }
  }
  // The last copy may overshoot N: drop its newest extra traces (their observations and scores too).
  const extra = (await count(db, "Trace")) - N;
  if (extra > 0) {
    const cut = `SELECT "id" FROM "Trace" WHERE "id" LIKE '%~${copies}' ORDER BY "timestamp" DESC LIMIT ${extra}`;
    for (const [table, col] of [["Observation", "traceId"], ["Score", "traceId"], ["Trace", "id"]]) await db.$executeRawUnsafe(`DELETE FROM "${table}" WHERE "${col}" IN (${cut})`);
  }
  console.log(`multiplied to ${(await count(db, "Trace")).toLocaleString()} traces, ${(await count(db, "Observation")).toLocaleString()} observations, ${(await count(db, "Score")).toLocaleString()} scores in ${secs(Date.now() - t0)}`);
  t0 = Date.now();
  const hours = await rebuildProject(db, PROJECT);
  console.log(`rollups recomputed (${hours.toLocaleString()} hours) in ${secs(Date.now() - t0)}`);
}

/**
 * One small trace every `everyMs` through the real ingestion path until stopped. Each write's latency is
 * counted from when it was due, not from when its timer fired: on SQLite a delete batch holds the event
 * loop too (synchronous statements), and a request arriving meanwhile waits for it as this timer does.
 */
function ingestLoop(db: Db, everyMs = 20) {
  const ms: number[] = [];
  let stop = false;
  let i = 0;
  const done = (async () => {
    while (!stop) {
      const due = performance.now() + everyMs;
      await new Promise((r) => setTimeout(r, everyMs));
      await ingestEvents(PROJECT, [{ kind: "trace", id: `live-${i++}`, name: "live", timestamp: new Date() }], db);
      ms.push(performance.now() - due);
    }
  })();
  return { ms, stop: async () => ((stop = true), await done) };
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : 0;
}
const latency = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms, max ${Math.max(0, ...xs).toFixed(1)} ms (${xs.length} writes)`;

async function main() {
  console.log(`database: ${file}`);
  await applyMigrations(target);
  const db = createDb(target);
  await dbReady(db, target);
  await fill(db);

  // About half the traces expire: the retention is the median trace's age.
  const total = await count(db, "Trace");
  const [median] = await db.trace.findMany({ where: { projectId: PROJECT }, orderBy: { timestamp: "asc" }, skip: Math.floor(total / 2), take: 1, select: { timestamp: true } });
  const days = Math.max(1, Math.round((Date.now() - median.timestamp.getTime()) / DAY));
  await db.project.update({ where: { id: PROJECT }, data: { retentionDays: days } });
  const before = await fileSize(db);

  const idle = ingestLoop(db);
  await new Promise((r) => setTimeout(r, 3000));
  await idle.stop();

  const job = await queueRetentionSweep(db, PROJECT, { start: false });
  if (!job) throw new Error("no sweep queued");
  await db.job.update({ where: { id: job.id }, data: { status: "RUNNING", startedAt: new Date(), heartbeatAt: new Date() } });
  let expected = 0;
  // The runner's context, with the batches timed (the runner itself would run the same handler).
  const ctx: JobContext<RetentionParams> = {
    client: db,
    // --target-ms: what a delete transaction should take (the sweep's default, 100 ms, without it).
    job: { id: job.id, projectId: PROJECT, params: opts["target-ms"] ? { targetMs: Number(opts["target-ms"]) } : {}, cursor: null, createdByUserId: null },
    progress: async (p) => {
      await db.job.update({ where: { id: job.id }, data: { done: p.done, ...(p.total !== undefined ? { total: p.total } : {}), ...(p.cursor !== undefined ? { cursor: p.cursor } : {}), heartbeatAt: new Date() } });
      if (p.total) expected = p.total;
      process.stdout.write(`\rsweep: ${p.done.toLocaleString()} / ${expected.toLocaleString()}`);
    },
  };
  const batches: { traces: number; ms: number }[] = [];
  const live = ingestLoop(db);
  const t0 = performance.now();
  const result = await runRetentionSweep(ctx, { onBatch: (b) => batches.push(b) });
  const sweepMs = performance.now() - t0;
  await live.stop();
  const after = await fileSize(db);
  const freePages = Number((await db.$queryRawUnsafe<{ freelist_count: number }[]>("PRAGMA freelist_count"))[0].freelist_count);
  const pageSize = Number((await db.$queryRawUnsafe<{ page_size: number }[]>("PRAGMA page_size"))[0].page_size);
  const tv = performance.now();
  await db.$executeRawUnsafe("VACUUM");
  const vacuumMs = performance.now() - tv;
  const vacuumed = await fileSize(db);

  const longest = batches.reduce((m, b) => Math.max(m, b.ms), 0);
  console.log(`\n\nretention ${days} days: deleted ${result.deleted.toLocaleString()} of ${total.toLocaleString()} traces (with their observations and scores) in ${secs(sweepMs)}`);
  console.log(`traces deleted per second:          ${Math.round(result.deleted / (sweepMs / 1000)).toLocaleString()}`);
  console.log(`delete transactions:                ${batches.length} (${Math.round(result.deleted / Math.max(1, batches.length))} traces each on average); longest write-lock hold ${longest.toFixed(0)} ms, p50 ${pct(batches.map((b) => b.ms), 50).toFixed(0)} ms`);
  console.log(`ingestion before the sweep:         ${latency(idle.ms)}`);
  console.log(`ingestion during the sweep:         ${latency(live.ms)}`);
  console.log(`file before the sweep:              ${mb(before)}`);
  console.log(`file after the sweep:               ${mb(after)} (${mb(freePages * pageSize)} of it free pages, reused by new writes)`);
  console.log(`file after VACUUM:                  ${mb(vacuumed)} (VACUUM took ${secs(vacuumMs)}, holding the write lock throughout)`);
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
