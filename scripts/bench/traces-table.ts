// `npm run bench:traces`: how fast the traces table answers on a big SQLite file.
//
//   npm run bench:traces -- [--traces 1000000] [--runs 40] [--keep]
//
// Builds a fresh temp database (migrated like production), writes ~10k demo
// traces through the real ingestion path, multiplies the Trace and Score rows
// with INSERT ... SELECT (new ids, older timestamps, more users and sessions)
// up to N, then runs the table's own query functions (page + capped count +
// the page's scores, as the page does) per case and prints p50/p95.
import { mkdtempSync, rmSync } from "node:fs";
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
import { KEY_SLOTS } from "../../lib/traces/search-index";
import { traceSearchText } from "../../lib/traces/search-text";

const { values: opts } = parseArgs({
  options: {
    traces: { type: "string", default: "1000000" },
    runs: { type: "string", default: "40" },
    keep: { type: "boolean", default: false },
    // Re-run the cases on a database kept by an earlier --keep run (its path), without building a new one.
    reuse: { type: "string" },
    // Only the cases whose label contains one of these (comma-separated) texts.
    only: { type: "string" },
  },
});
const N = Number(opts.traces);
const RUNS = Number(opts.runs);
const BASE = Math.min(N, 10_000);
const PROJECT = "bench";
const DAY = 86_400_000;

const dir = opts.reuse ?? mkdtempSync(path.join(tmpdir(), "loupe-bench-traces-"));
const target = databaseTarget(`file:${path.join(dir, "bench.db")}`);

async function fill(db: Db) {
  let t0 = Date.now();
  await db.project.create({ data: { id: PROJECT, name: "Bench" } });
  await writeDemoTraces(db, PROJECT, { traces: BASE, seed: 3, idPrefix: "b" }); // the last 14 days
  console.log(`ingested ${BASE.toLocaleString()} demo traces in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  if (N <= BASE) return;

  t0 = Date.now();
  const copies = Math.ceil(N / BASE) - 1;
  // Copy k of every base row: id~k, 14 days older per copy, users spread over
  // 8×50 ids, sessions unique per copy. Columns not named keep their value.
  const shift = (col: string) => `CASE WHEN "${col}" IS NULL THEN NULL ELSE "${col}" - "k"."k" * ${14 * DAY} END`;
  const traceCols = (await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info('Trace')`)).map((c) => c.name);
  const traceExpr: Record<string, string> = {
    id: `"id" || '~' || "k"."k"`,
    timestamp: `"timestamp" - "k"."k" * ${14 * DAY}`,
    startTime: shift("startTime"),
    endTime: shift("endTime"),
    userId: `CASE WHEN "userId" IS NULL THEN NULL ELSE "userId" || '~' || ("k"."k" % 50) END`,
    sessionId: `CASE WHEN "sessionId" IS NULL THEN NULL ELSE "sessionId" || '~' || "k"."k" END`,
  };
  const scoreCols = (await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info('Score')`)).map((c) => c.name);
  const scoreExpr: Record<string, string> = {
    id: `"id" || '~' || "k"."k"`,
    traceId: `"traceId" || '~' || "k"."k"`,
    timestamp: `"timestamp" - "k"."k" * ${14 * DAY}`,
  };
  const q = (c: string) => `"${c}"`;
  const select = (cols: string[], expr: Record<string, string>) => cols.map((c) => expr[c] ?? q(c)).join(", ");
  const kTable = (from: number, to: number) => `WITH RECURSIVE "k"("k") AS (SELECT ${from} UNION ALL SELECT "k" + 1 FROM "k" WHERE "k" < ${to})`;
  // Batches of copies so progress shows and each transaction stays moderate.
  for (let from = 1; from <= copies; from += 10) {
    const to = Math.min(copies, from + 9);
    const remaining = N - BASE - (from - 1) * BASE;
    await db.$executeRawUnsafe(
      `INSERT INTO "Trace" (${traceCols.map(q).join(", ")}) ${kTable(from, to)}
       SELECT ${select(traceCols, traceExpr)} FROM "Trace", "k" WHERE "projectId" = '${PROJECT}' AND "id" NOT LIKE '%~%' LIMIT ${remaining}`,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "Score" (${scoreCols.map(q).join(", ")}) ${kTable(from, to)}
       SELECT ${select(scoreCols, scoreExpr)} FROM "Score", "k" WHERE "projectId" = '${PROJECT}' AND "id" NOT LIKE '%~%'`,
    );
    process.stdout.write(`\rmultiplied: copy ${to}/${copies}`);
  }
  await multiplySearchIndex(db);
  const [{ n }] = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT COUNT(*) AS n FROM "Trace"`);
  const [{ s }] = await db.$queryRawUnsafe<{ s: number }[]>(`SELECT COUNT(*) AS s FROM "Score"`);
  console.log(`\nmultiplied to ${Number(n).toLocaleString()} traces, ${Number(s).toLocaleString()} scores in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

/**
 * The copies' search rows, as the writer would make them: each copy's key from its own timestamp (search-index.ts),
 * its text the base trace's (search-text.ts, computed here once per base trace; the FTS table holds no text to copy).
 */
async function multiplySearchIndex(db: Db) {
  const t0 = Date.now();
  const base = await db.trace.findMany({ where: { projectId: PROJECT, id: { not: { contains: "~" } } }, select: { id: true, name: true, input: true, output: true } });
  await db.$executeRawUnsafe(`CREATE TEMP TABLE "bench_text" ("id" TEXT PRIMARY KEY, "text" TEXT NOT NULL)`);
  for (let i = 0; i < base.length; i += 500) {
    const rows = base.slice(i, i + 500).flatMap((t) => {
      const text = traceSearchText(t.name, t.input, t.output);
      return text === null ? [] : [[t.id, text]];
    });
    if (rows.length) await db.$executeRawUnsafe(`INSERT INTO "bench_text" VALUES ${rows.map(() => "(?, ?)").join(", ")}`, ...rows.flat());
  }
  const bucket = `MIN(MAX("t"."timestamp", 0), ${Math.floor(Number.MAX_SAFE_INTEGER / KEY_SLOTS) - 1}) * ${KEY_SLOTS}`;
  await db.$executeRawUnsafe(
    `INSERT OR IGNORE INTO "TraceSearch" ("key", "projectId", "traceId")
     SELECT ${bucket} + ROW_NUMBER() OVER (PARTITION BY "t"."timestamp" ORDER BY "t"."id") - 1, "t"."projectId", "t"."id"
     FROM "Trace" "t" JOIN "bench_text" "b" ON "b"."id" = substr("t"."id", 1, instr("t"."id", '~') - 1)
     WHERE "t"."projectId" = '${PROJECT}' AND "t"."id" LIKE '%~%'`,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "TraceSearchText" ("rowid", "text")
     SELECT "s"."key", "b"."text" FROM "TraceSearch" "s" JOIN "bench_text" "b" ON "b"."id" = substr("s"."traceId", 1, instr("s"."traceId", '~') - 1)
     WHERE "s"."projectId" = '${PROJECT}' AND "s"."traceId" LIKE '%~%'`,
  );
  const [{ n }] = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT COUNT(*) AS n FROM "TraceSearch"`);
  console.log(`\nsearch index: ${Number(n).toLocaleString()} rows in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
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
  console.log(`database: ${target.provider === "sqlite" ? target.file : ""}`);
  if (!opts.reuse) await applyMigrations(target);
  const db = createDb(target);
  await dbReady(db, target);
  if (!opts.reuse) {
    await fill(db);
    await addRareTraces(db);
    // Bookmark a sprinkle so the bookmarked case has something to find.
    await db.$executeRawUnsafe(`UPDATE "Trace" SET "bookmarked" = 1 WHERE "projectId" = '${PROJECT}' AND "id" LIKE '%7~1_'`);
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
  .finally(() => {
    if (!opts.keep && !opts.reuse) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  });
