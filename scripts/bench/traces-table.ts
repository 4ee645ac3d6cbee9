// `npm run bench:traces`: how fast the traces table answers on a big SQLite file or PostgreSQL database.
//
//   npm run bench:traces -- [--traces 1000000] [--runs 40] [--keep] [--pg postgresql://…/db]
//
// Builds a fresh database (a temp SQLite file, or with --pg the named PostgreSQL
// database, which this run creates and must not exist yet), migrated like
// production, writes ~10k demo traces through the real ingestion path,
// multiplies the Trace and Score rows with INSERT ... SELECT (new ids, older
// timestamps, more users and sessions) up to N and gives the copies their
// search rows (traces-fill.ts, per database), then runs the table's own query
// functions (page + capped count + the page's scores, as the page does) per
// case and prints p50/p95. The database is removed at the end unless --keep;
// --reuse <dir | postgresql://…/db> re-runs the cases on a kept one.
import { mkdtempSync, rmSync } from "node:fs";
import pg from "pg";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb, dbReady, type Db } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/migrate";
import { databaseTarget } from "../../lib/db/url";
import { writeDemoTraces } from "../../lib/setup/demo";
import { countCapFor, countTraces, countTracesCapped, listTraces, pageScores, type TraceListQuery } from "../../lib/traces/list";
import { traceNames, scoreNames } from "../../lib/traces/options";
import { parseTraceTableParams, type SearchParamsRecord } from "../../lib/traces/table-params";
import { ingestEvents } from "../../lib/ingest/service";
import { multiplyRows, settle } from "./traces-fill";

const { values: opts } = parseArgs({
  options: {
    traces: { type: "string", default: "1000000" },
    runs: { type: "string", default: "40" },
    keep: { type: "boolean", default: false },
    // PostgreSQL instead of SQLite: a database this run creates (on that server) and drops unless --keep.
    pg: { type: "string" },
    // Re-run the cases on a database kept by an earlier --keep run (its path or PostgreSQL URL), without building a new one.
    reuse: { type: "string" },
    // Only the cases whose label contains one of these (comma-separated) texts.
    only: { type: "string" },
  },
});
const N = Number(opts.traces);
const RUNS = Number(opts.runs);
const BASE = Math.min(N, 10_000);
const PROJECT = "bench";

const reusePg = opts.reuse !== undefined && /^postgres(ql)?:\/\//.test(opts.reuse);
const pgUrl = opts.pg ?? (reusePg ? opts.reuse : undefined);
const dir = pgUrl ? "" : (opts.reuse ?? mkdtempSync(path.join(tmpdir(), "loupe-bench-traces-")));
const target = databaseTarget(pgUrl ?? `file:${path.join(dir, "bench.db")}`);

let createdPg = false;

/** CREATE or DROP DATABASE of the --pg database, from the server's "postgres" database. */
async function pgAdmin(verb: "CREATE" | "DROP") {
  const url = new URL(opts.pg!);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`--pg: a database name of letters, digits and _ please (got "${name}")`);
  url.pathname = "/postgres";
  const c = new pg.Client({ connectionString: url.toString() });
  await c.connect();
  try {
    await c.query(verb === "CREATE" ? `CREATE DATABASE "${name}"` : `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await c.end();
  }
}

async function fill(db: Db) {
  let t0 = Date.now();
  await db.project.create({ data: { id: PROJECT, name: "Bench" } });
  await writeDemoTraces(db, PROJECT, { traces: BASE, seed: 3, idPrefix: "b" }); // the last 14 days
  console.log(`ingested ${BASE.toLocaleString()} demo traces in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  if (N <= BASE) return;
  t0 = Date.now();
  await multiplyRows(db, target, PROJECT, BASE, N);
  const [{ n }] = await db.$queryRawUnsafe<{ n: unknown }[]>(`SELECT COUNT(*) AS "n" FROM "Trace"`);
  const [{ s }] = await db.$queryRawUnsafe<{ s: unknown }[]>(`SELECT COUNT(*) AS "s" FROM "Score"`);
  console.log(`multiplied to ${Number(n).toLocaleString()} traces, ${Number(s).toLocaleString()} scores in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

/** A handful of traces, through the real ingestion path, holding a word no demo trace has, spread over the whole range. */
async function addRareTraces(db: Db) {
  const oldest = await db.trace.findFirst({ where: { projectId: PROJECT }, orderBy: { timestamp: "asc" }, select: { timestamp: true } });
  const span = Date.now() - (oldest?.timestamp.getTime() ?? Date.now());
  const events = Array.from({ length: RARE }, (_, i) => ({
    kind: "trace" as const,
    id: `rare-${i}`,
    name: "support-agent",
    timestamp: new Date(Date.now() - Math.floor((span * i) / RARE)),
    input: { messages: [{ role: "user", content: `Is my xylophone covered by the warranty? (${i})` }] },
  }));
  await ingestEvents(PROJECT, events, db);
}

const RARE = 8;

const CASES: [string, SearchParamsRecord][] = [
  ["default view", {}],
  ["range=24h", { range: "24h" }],
  ["name=research-agent", { name: "research-agent" }],
  ["userId", { userId: "alice@acme.io~7" }],
  ["sessionId", { sessionId: "b-session-40~3" }],
  ["level=error", { level: "error" }],
  ["tag=error", { tags: "error" }],
  ["score helpfulness<0.5", { score: "helpfulness<0.5" }],
  ["sort score helpfulness", { sort: "score:helpfulness.desc" }],
  ["sort latency desc", { sort: "latency.desc" }],
  ["search 'refund'", { search: "refund" }],
  ["level=error, page 20", { level: "error", page: "20" }],
  ["bookmarked", { bookmarked: "true" }],
  ["sort cost desc", { sort: "cost.desc" }],
  // The worst case, on purpose: a term no trace contains reads every row's payload.
  ["search, no match", { search: "zqxjv" }],
  // The search index (lib/traces/search.ts): common, very common, rare, no match (rare and common trigrams).
  ["search 'the' (very common)", { search: "the" }],
  ["search 'refund', page 5", { search: "refund", page: "5" }],
  ["search rare 'xylophone'", { search: "xylophone" }],
  ["search, no match 'refund xylo'", { search: "refund xylo" }],
  ["search 'refund' + name", { search: "refund", name: "research-agent" }],
  ["search 'xylophone' + name", { search: "xylophone", name: "support-agent" }],
  ["search 'refund', sort cost", { search: "refund", sort: "cost.desc" }],
  ["search 'xylophone', sort cost", { search: "xylophone", sort: "cost.desc" }],
  ["search 'zq' (short: scan)", { search: "zq" }],
];

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** What the traces page runs for one view (see lib/traces/queries.ts tracesTable). */
async function tableQuery(db: Db, params: SearchParamsRecord) {
  const p = parseTraceTableParams(params);
  const q: TraceListQuery = { filter: p.filter, sort: p.sort, page: p.page, limit: p.limit };
  const t0 = performance.now();
  const rows = await listTraces(db, PROJECT, q);
  const t1 = performance.now();
  const total = await countTracesCapped(db, PROJECT, p.filter, countCapFor(p.filter));
  const t2 = performance.now();
  await pageScores(db, PROJECT, rows.map((r) => r.id));
  const parts = [t1 - t0, t2 - t1, performance.now() - t2];
  return { rows: rows.length, total: total.count, capped: total.capped, parts };
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const out = await fn();
  return [performance.now() - t0, out];
}

async function main() {
  console.log(`database: ${target.provider === "sqlite" ? target.file : `${target.url} (PostgreSQL)`}`);
  if (opts.pg && !opts.reuse) {
    await pgAdmin("CREATE"); // fails if it exists: this run drops only a database it created
    createdPg = true;
  }
  if (!opts.reuse) await applyMigrations(target);
  const db = createDb(target);
  await dbReady(db, target);
  if (!opts.reuse) {
    await fill(db);
    await addRareTraces(db);
    // Bookmark a sprinkle so the bookmarked case has something to find.
    await db.$executeRawUnsafe(`UPDATE "Trace" SET "bookmarked" = TRUE WHERE "projectId" = '${PROJECT}' AND "id" LIKE '%7~1_'`);
    await settle(db, target);
  }

  // The machine may be shared: the load says how far the figures are from an idle one's.
  console.log(`\nload average (1 min) on ${os.cpus().length} cores: ${os.loadavg()[0].toFixed(1)}`);
  // p50/p95 of the whole view, then p95 of its parts: the page (listTraces), the capped count, the page's scores.
  console.log(`\n${"case".padEnd(32)} ${"rows".padStart(5)} ${"total".padStart(8)}  ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}   p95 page / count / scores`);
  for (const [label, params] of CASES.filter(([l]) => !opts.only || opts.only.split(",").some((o) => l.includes(o)))) {
    await tableQuery(db, params); // warm the page cache like a second visitor would
    const ms: number[] = [];
    const parts: number[][] = [[], [], []];
    let last = { rows: 0, total: 0, capped: false };
    for (let i = 0; i < RUNS; i++) {
      const [t, r] = await time(() => tableQuery(db, params));
      ms.push(t);
      r.parts.forEach((x, j) => parts[j].push(x));
      last = r;
    }
    const total = `${last.total.toLocaleString()}${last.capped ? "+" : ""}`;
    const split = parts.map((xs) => pct(xs, 95).toFixed(1)).join(" / ");
    console.log(`${label.padEnd(32)} ${String(last.rows).padStart(5)} ${total.padStart(8)}  ${pct(ms, 50).toFixed(1).padStart(8)} ${pct(ms, 95).toFixed(1).padStart(8)}   ${split}`);
  }
  console.log(`load average (1 min) after the cases: ${os.loadavg()[0].toFixed(1)}`);
  const [optMs] = await time(async () => Promise.all([traceNames(db, PROJECT), scoreNames(db, PROJECT)]));
  console.log(`\nfilter options (names, score names): ${optMs.toFixed(1)} ms`);
  const [exactMs, exact] = await time(() => countTraces(db, PROJECT, {}));
  console.log(`for comparison, an exact COUNT(*) of the default view: ${exact.toLocaleString()} rows in ${exactMs.toFixed(0)} ms`);
  await db.$disconnect();
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    if (opts.keep || opts.reuse) console.log(`kept ${pgUrl ?? dir}`);
    else if (createdPg) await pgAdmin("DROP");
    else if (!opts.pg) rmSync(dir, { recursive: true, force: true });
  });
