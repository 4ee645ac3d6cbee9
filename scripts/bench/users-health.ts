// How fast the users table, a user's page, the health figures and the traces
// filter ?missing= answer on a big SQLite file.
//
//   npx tsx scripts/bench/users-health.ts [--traces 200000] [--users 2000] [--runs 15] [--keep] [--pg]
//
// --pg: the same on a throwaway PostgreSQL database (LOUPE_TEST_PG_URL or
// 127.0.0.1:5432), dropped at the end.
//
// A fresh temp database (migrated like production) gets 10k demo traces (the
// last 14 days) through the real ingestion path; the Trace and Observation
// rows are then copied with INSERT ... SELECT up to N traces (new ids, 14 days
// older per copy, user ids spread over --users ids), and 1 % of generations
// lose their usage and cost and 1 % of spans their end, so the gaps have
// something to find. Each case runs the pages' own query functions.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { instrumentationHealth } from "../../lib/analytics/health";
import { createDb, dbReady, type Db } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/migrate";
import { databaseTarget } from "../../lib/db/url";
import type { Filter } from "../../lib/query/filter";
import { writeDemoTraces } from "../../lib/setup/demo";
import { countCapFor, countTracesCapped, listTraces } from "../../lib/traces/list";
import { parseTraceTableParams } from "../../lib/traces/table-params";
import { parseUserView } from "../../lib/users/filter";
import { tempPostgres } from "../../tests/support/server";
import { countUsers, listUsers, userFigures, userSessions } from "../../lib/users/list";
import type { UserSortColumn } from "../../lib/users/schemas";

const { values: opts } = parseArgs({
  options: { traces: { type: "string", default: "200000" }, users: { type: "string", default: "2000" }, runs: { type: "string", default: "15" }, keep: { type: "boolean", default: false }, db: { type: "string" }, pg: { type: "boolean", default: false } },
});
const N = Number(opts.traces);
const USERS = Number(opts.users);
const RUNS = Number(opts.runs);
const BASE = Math.min(N, 10_000);
const PROJECT = "bench";
const DAY = 86_400_000;

// --db <file>: reuse a database a --keep run left (no fill).
const dir = opts.db ? path.dirname(opts.db) : mkdtempSync(path.join(tmpdir(), "loupe-bench-users-"));
const pgDb = opts.pg ? await tempPostgres() : null;
const target = databaseTarget(pgDb ? pgDb.url : `file:${opts.db ?? path.join(dir, "bench.db")}`);
const PG = target.provider === "postgresql";

async function fill(db: Db) {
  let t0 = Date.now();
  await db.project.create({ data: { id: PROJECT, name: "Bench" } });
  await writeDemoTraces(db, PROJECT, { traces: BASE, seed: 5, idPrefix: "b" });
  console.log(`ingested ${BASE.toLocaleString()} demo traces in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  t0 = Date.now();
  const copies = Math.ceil(N / BASE) - 1;
  const cols = async (table: string) =>
    (
      await db.$queryRawUnsafe<{ name: string }[]>(
        PG ? `SELECT column_name AS name FROM information_schema.columns WHERE table_name = '${table}' ORDER BY ordinal_position` : `SELECT name FROM pragma_table_info('${table}')`,
      )
    ).map((c) => c.name);
  // SQLite keeps DateTime as epoch ms, PostgreSQL as timestamp(3).
  const back = PG ? `"k"."k" * interval '14 days'` : `"k"."k" * ${14 * DAY}`;
  const shift = (col: string) => `CASE WHEN "${col}" IS NULL THEN NULL ELSE "${col}" - ${back} END`;
  const traceExpr: Record<string, string> = {
    id: `"id" || '~' || "k"."k"`,
    timestamp: `"timestamp" - ${back}`,
    startTime: shift("startTime"),
    endTime: shift("endTime"),
    // Demo users are 8 names; copies spread them over USERS ids (ids are "b-trace-<n>").
    userId: `CASE WHEN "userId" IS NULL THEN NULL ELSE "userId" || '~' || (("k"."k" * 7919 + CAST(substr("id", 9) AS INTEGER)) % ${Math.max(1, Math.round(USERS / 8))}) END`,
    sessionId: `CASE WHEN "sessionId" IS NULL THEN NULL ELSE "sessionId" || '~' || "k"."k" END`,
  };
  const obsExpr: Record<string, string> = {
    id: `"id" || '~' || "k"."k"`,
    traceId: `"traceId" || '~' || "k"."k"`,
    parentObservationId: `CASE WHEN "parentObservationId" IS NULL THEN NULL ELSE "parentObservationId" || '~' || "k"."k" END`,
    startTime: `"startTime" - ${back}`,
    endTime: shift("endTime"),
    completionStartTime: shift("completionStartTime"),
  };
  const [traceCols, obsCols] = [await cols("Trace"), await cols("Observation")];
  const q = (c: string) => `"${c}"`;
  const select = (cs: string[], expr: Record<string, string>) => cs.map((c) => expr[c] ?? q(c)).join(", ");
  const kTable = (from: number, to: number) => `WITH RECURSIVE "k"("k") AS (SELECT ${from} UNION ALL SELECT "k" + 1 FROM "k" WHERE "k" < ${to})`;
  for (let from = 1; from <= copies; from += 5) {
    const to = Math.min(copies, from + 4);
    await db.$executeRawUnsafe(
      `INSERT INTO "Trace" (${traceCols.map(q).join(", ")}) ${kTable(from, to)} SELECT ${select(traceCols, traceExpr)} FROM "Trace", "k" WHERE "projectId" = '${PROJECT}' AND "id" NOT LIKE '%~%'`,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "Observation" (${obsCols.map(q).join(", ")}) ${kTable(from, to)} SELECT ${select(obsCols, obsExpr)} FROM "Observation", "k" WHERE "projectId" = '${PROJECT}' AND "id" NOT LIKE '%~%'`,
    );
    process.stdout.write(`\rcopied: ${to}/${copies}`);
  }
  // Gaps: 1 % of generations without usage (so without cost), 1 % of spans never ended; the traces' rollups are left as they were.
  await db.$executeRawUnsafe(`UPDATE "Observation" SET "totalTokens" = NULL, "inputTokens" = NULL, "outputTokens" = NULL, "totalCost" = NULL WHERE "type" = 'GENERATION' AND ${PG ? "random() < 0.01" : "abs(random()) % 100 = 0"}`);
  await db.$executeRawUnsafe(`UPDATE "Observation" SET "endTime" = NULL WHERE "type" = 'SPAN' AND ${PG ? "random() < 0.01" : "abs(random()) % 100 = 0"}`);
  await db.$executeRawUnsafe(`ANALYZE`);
  const count = async (table: string) => Number((await db.$queryRawUnsafe<{ n: number }[]>(`SELECT COUNT(*) AS n FROM "${table}"`))[0].n);
  const users = Number((await db.$queryRawUnsafe<{ n: number }[]>(`SELECT COUNT(DISTINCT "userId") AS n FROM "Trace"`))[0].n);
  console.log(`\n${(await count("Trace")).toLocaleString()} traces, ${(await count("Observation")).toLocaleString()} observations, ${users.toLocaleString()} users in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

async function bench(label: string, fn: () => Promise<string>) {
  await fn(); // warm, as a second visitor
  const ms: number[] = [];
  let out = "";
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    out = await fn();
    ms.push(performance.now() - t0);
  }
  console.log(`${label.padEnd(40)} ${out.padStart(14)}  ${pct(ms, 50).toFixed(1).padStart(8)} ${pct(ms, 95).toFixed(1).padStart(8)}`);
}

async function main() {
  await applyMigrations(target);
  const db = createDb(target);
  await dbReady(db, target);
  if (!opts.db) await fill(db);
  const [{ u }] = await db.$queryRawUnsafe<{ u: string }[]>(`SELECT "userId" AS u FROM "Trace" WHERE "userId" IS NOT NULL ORDER BY "timestamp" DESC LIMIT 1`);
  const users = (params: Record<string, string>, sort: UserSortColumn = "lastSeen") => async () => {
    const { filter } = parseUserView(params);
    const q = { filter, sort: { column: sort, dir: "desc" as const }, page: Number(params.page ?? 1), limit: 50 };
    const [rows, total] = await Promise.all([listUsers(db, PROJECT, q), countUsers(db, PROJECT, filter)]);
    return `${rows.length} / ${total}`;
  };
  const health = (range: number, filter: Filter = []) => async () => {
    const r = await instrumentationHealth(db, PROJECT, { filter, from: new Date(Date.now() - range * DAY) });
    return `${r.total.traces} tr`;
  };
  const traces = (params: Record<string, string>) => async () => {
    const p = parseTraceTableParams(params);
    const rows = await listTraces(db, PROJECT, { filter: p.filter, sort: p.sort, page: 1, limit: 50 });
    const total = await countTracesCapped(db, PROJECT, p.filter, countCapFor(p.filter));
    return `${rows.length} / ${total.count}${total.capped ? "+" : ""}`;
  };
  console.log(`\n${"case".padEnd(40)} ${"rows / total".padStart(14)}  ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}`);
  await bench("users: all time, last seen", users({}));
  await bench("users: all time, by cost", users({}, "cost"));
  await bench("users: 7 days, last seen", users({ range: "7d" }));
  await bench("users: 30 days, by cost", users({ range: "30d" }, "cost"));
  await bench("users: 30 days, page 10", users({ range: "30d", page: "10" }));
  await bench("users: search 'alice'", users({ q: "alice" }));
  await bench("user page (figures, traces, sessions)", async () => {
    const mine: Filter = [{ type: "string", column: "userId", operator: "=", value: u }];
    const [f] = await Promise.all([
      userFigures(db, PROJECT, u),
      listTraces(db, PROJECT, { filter: mine, sort: { column: "timestamp", dir: "desc" }, page: 1, limit: 10 }),
      userSessions(db, PROJECT, u, 10),
    ]);
    return `${f?.traceCount ?? 0} tr`;
  });
  await bench("health: 24 hours", health(1));
  await bench("health: 7 days", health(7));
  await bench("health: 30 days", health(30));
  await bench("health: 30 days, one trace name", health(30, [{ type: "stringOptions", column: "name", operator: "any of", value: ["research-agent"] }]));
  await bench("health: 30 days, one user", health(30, [{ type: "string", column: "userId", operator: "=", value: u }]));
  await bench("traces ?missing=usage (30 days)", traces({ missing: "usage", range: "30d" }));
  await bench("traces ?missing=end (30 days)", traces({ missing: "end", range: "30d" }));
  await bench("traces ?missing=input (30 days, none)", traces({ missing: "input", range: "30d" }));
  await db.$disconnect();
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    if (!opts.keep && !opts.db) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
    if (pgDb) void pgDb.drop();
  });
