// `npm run bench:read-api`: how fast the Langfuse-compatible read API lists
// observations, scores, sessions and traces under each documented filter.
//
//   npm run bench:read-api -- [--observations 1000000] [--runs 30] [--db sqlite|postgresql] [--keep]
//
// Builds a fresh database (migrated like production; PostgreSQL: a throwaway
// database on $BENCH_PG_URL, default postgresql://postgres@127.0.0.1:5432),
// writes a few thousand demo traces through the real ingestion path, multiplies
// Trace, Observation, Score and Session rows with INSERT ... SELECT (new ids,
// older timestamps) up to N observations, then calls the read API's own query
// functions (page of 50 + its capped count, as the route does) per
// endpoint+filter and prints p50/p95.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Client } from "pg";

const { values: opts } = parseArgs({
  options: {
    observations: { type: "string", default: "1000000" },
    runs: { type: "string", default: "30" },
    db: { type: "string", default: "sqlite" },
    keep: { type: "boolean", default: false },
  },
});
const N = Number(opts.observations);
const RUNS = Number(opts.runs);
const BASE_TRACES = Math.min(2_000, Math.max(100, Math.ceil(N / 5)));
const PROJECT = "bench";
const DAY = 86_400_000;
const PG = opts.db === "postgresql";

const dir = mkdtempSync(path.join(tmpdir(), "loupe-bench-read-"));
const pgBase = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432";
const pgName = `loupe_bench_read_${Date.now().toString(36)}`;
const url = PG ? `${pgBase}/${pgName}` : `file:${path.join(dir, "bench.db")}`;
// The read API uses the process's one client (lib/db/client), picked from DATABASE_URL.
process.env.DATABASE_URL = url;

async function adminPg(sql: string) {
  const c = new Client({ connectionString: `${pgBase}/postgres` });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

type Db = import("../../lib/db/client").Db;

async function columns(db: Db, table: string): Promise<string[]> {
  const rows = PG
    ? await db.$queryRawUnsafe<{ name: string }[]>(`SELECT column_name AS name FROM information_schema.columns WHERE table_name = '${table}' AND table_schema = current_schema()`)
    : await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info('${table}')`);
  return rows.map((c) => c.name);
}

async function fill(db: Db) {
  const { writeDemoTraces } = await import("../../lib/setup/demo");
  let t0 = Date.now();
  await db.project.create({ data: { id: PROJECT, name: "Bench" } });
  await writeDemoTraces(db, PROJECT, { traces: BASE_TRACES, seed: 5, idPrefix: "b" });
  const count = async (table: string) => Number((await db.$queryRawUnsafe<{ n: unknown }[]>(`SELECT COUNT(*) AS "n" FROM "${table}"`))[0].n);
  const baseObs = await count("Observation");
  console.log(`ingested ${BASE_TRACES.toLocaleString()} demo traces (${baseObs.toLocaleString()} observations) in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  // A few rows with the rarer values the filters look for.
  await db.$executeRawUnsafe(`UPDATE "Score" SET "configId" = 'cfg-bench', "queueId" = 'queue-bench', "source" = 'ANNOTATION' WHERE "id" LIKE '%7-correct'`);
  await db.$executeRawUnsafe(`UPDATE "Score" SET "dataType" = 'CATEGORICAL', "stringValue" = 'polite', "value" = 1 WHERE "id" LIKE '%3-correct'`);
  await db.$executeRawUnsafe(`UPDATE "Observation" SET "version" = 'v-bench' WHERE "id" LIKE '%9'`);
  // The demo's staging traces: their observations, scores and sessions too.
  const staging = `SELECT "id" FROM "Trace" WHERE "projectId" = '${PROJECT}' AND "environment" = 'staging'`;
  await db.$executeRawUnsafe(`UPDATE "Observation" SET "environment" = 'staging' WHERE "traceId" IN (${staging})`);
  await db.$executeRawUnsafe(`UPDATE "Score" SET "environment" = 'staging' WHERE "traceId" IN (${staging})`);
  await db.$executeRawUnsafe(`UPDATE "Session" SET "environment" = 'staging' WHERE "id" IN (SELECT "sessionId" FROM "Trace" WHERE "projectId" = '${PROJECT}' AND "environment" = 'staging')`);

  const copies = Math.ceil(N / baseObs) - 1;
  if (copies < 1) return;
  t0 = Date.now();
  const shift = (col: string) =>
    PG ? `"${col}" - ("k"."k" * interval '14 days')` : `CASE WHEN "${col}" IS NULL THEN NULL ELSE "${col}" - "k"."k" * ${14 * DAY} END`;
  const suffix = (col: string) => `CASE WHEN "${col}" IS NULL THEN NULL ELSE "${col}" || '~' || "k"."k" END`;
  const plans: [string, Record<string, string>][] = [
    ["Trace", { id: suffix("id"), timestamp: shift("timestamp"), startTime: shift("startTime"), endTime: shift("endTime"), sessionId: suffix("sessionId"), userId: `CASE WHEN "userId" IS NULL THEN NULL ELSE "userId" || '~' || ("k"."k" % 50) END` }],
    ["Observation", { id: suffix("id"), traceId: suffix("traceId"), parentObservationId: suffix("parentObservationId"), startTime: shift("startTime"), endTime: shift("endTime"), completionStartTime: shift("completionStartTime") }],
    ["Score", { id: suffix("id"), traceId: suffix("traceId"), observationId: suffix("observationId"), sessionId: suffix("sessionId"), timestamp: shift("timestamp") }],
    ["Session", { id: suffix("id"), createdAt: shift("createdAt") }],
  ];
  const kTable = (from: number, to: number) => `WITH RECURSIVE "k"("k") AS (SELECT ${from} UNION ALL SELECT "k" + 1 FROM "k" WHERE "k" < ${to})`;
  const base = PG ? `POSITION('~' IN "id") = 0` : `instr("id", '~') = 0`;
  const cols = new Map<string, string[]>();
  for (const [table] of plans) cols.set(table, await columns(db, table));
  for (let from = 1; from <= copies; from += 10) {
    const to = Math.min(copies, from + 9);
    for (const [table, expr] of plans) {
      const c = cols.get(table)!;
      await db.$executeRawUnsafe(
        `INSERT INTO "${table}" (${c.map((x) => `"${x}"`).join(", ")}) ${kTable(from, to)}
         SELECT ${c.map((x) => expr[x] ?? `"${x}"`).join(", ")} FROM "${table}", "k" WHERE "projectId" = '${PROJECT}' AND ${base}`,
      );
    }
    process.stdout.write(`\rmultiplied: copy ${to}/${copies}`);
  }
  // What autovacuum does on a live server: statistics, and the visibility map that index-only counts need.
  if (PG) await db.$executeRawUnsafe(`VACUUM ANALYZE`);
  console.log(
    `\nmultiplied to ${(await count("Observation")).toLocaleString()} observations, ${(await count("Trace")).toLocaleString()} traces, ` +
      `${(await count("Score")).toLocaleString()} scores, ${(await count("Session")).toLocaleString()} sessions in ${((Date.now() - t0) / 1000).toFixed(1)}s`,
  );
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

async function main() {
  if (PG) await adminPg(`CREATE DATABASE "${pgName}"`);
  const { applyMigrations } = await import("../../lib/db/migrate");
  const { databaseTarget } = await import("../../lib/db/url");
  const target = databaseTarget(url);
  await applyMigrations(target);
  const { db, dbReady } = await import("../../lib/db/client");
  await dbReady(db, target);
  console.log(`database: ${PG ? pgName : url}`);
  await fill(db);

  const api = await import("../../lib/public-api/queries");
  const s = await import("../../lib/public-api/schemas");
  const one = async <T>(sql: string) => (await db.$queryRawUnsafe<T[]>(sql))[0];
  // Values to filter by, taken from the data (a common and a rare generation name, a user, a trace...).
  const common = await one<{ name: string }>(`SELECT "name" FROM "Observation" WHERE "type" = 'GENERATION' GROUP BY "name" ORDER BY COUNT(*) DESC LIMIT 1`);
  const rare = await one<{ name: string }>(`SELECT "name" FROM "Observation" GROUP BY "name" ORDER BY COUNT(*) ASC LIMIT 1`);
  const user = await one<{ userId: string }>(`SELECT "userId" FROM "Trace" WHERE "userId" IS NOT NULL AND "id" LIKE '%~1' LIMIT 1`);
  const trace = await one<{ id: string }>(`SELECT "traceId" AS "id" FROM "Observation" WHERE "traceId" LIKE '%~1' AND "parentObservationId" IS NOT NULL LIMIT 1`);
  const parent = await one<{ id: string }>(`SELECT "parentObservationId" AS "id" FROM "Observation" WHERE "traceId" = '${trace.id}' AND "parentObservationId" IS NOT NULL LIMIT 1`);
  const session = await one<{ id: string }>(`SELECT "id" FROM "Session" WHERE "id" LIKE '%~1' LIMIT 1`);
  const scored = await one<{ id: string; traceId: string }>(`SELECT "id", "traceId" FROM "Score" WHERE "traceId" LIKE '%~1' LIMIT 1`);
  const latest = await one<{ t: unknown }>(`SELECT MAX("startTime") AS "t" FROM "Observation"`);
  // SQLite keeps DateTime as epoch milliseconds; PostgreSQL answers a Date.
  const end = latest.t instanceof Date ? latest.t : new Date(/^\d+$/.test(String(latest.t)) ? Number(latest.t) : String(latest.t));
  const dayAgo = new Date(end.getTime() - DAY).toISOString();
  const weekRange = { fromStartTime: new Date(end.getTime() - 60 * DAY).toISOString(), toStartTime: new Date(end.getTime() - 53 * DAY).toISOString() };

  type Case = [string, () => Promise<{ data: unknown[]; meta: { totalItems: number } }>];
  const obs = (q: Record<string, string>) => () => api.listObservationsApi(PROJECT, s.observationListQuery.parse(q));
  const scores = (q: Record<string, string>) => () => api.listScoresApi(PROJECT, s.scoreListQuery.parse(q));
  const sessions = (q: Record<string, string>) => () => api.listSessionsApi(PROJECT, s.sessionListQuery.parse(q));
  const traces = (q: Record<string, string>) => () => api.listTracesApi(PROJECT, s.traceListQuery.parse(q));
  const CASES: Case[] = [
    ["observations (no filter)", obs({})],
    ["observations type=GENERATION", obs({ type: "GENERATION" })],
    [`observations name=${common.name}`, obs({ name: common.name })],
    [`observations type+name (common)`, obs({ type: "GENERATION", name: common.name })],
    [`observations name=${rare.name} (rare)`, obs({ name: rare.name })],
    ["observations type=EVENT+rare name", obs({ type: "EVENT", name: rare.name })],
    ["observations level=ERROR", obs({ level: "ERROR" })],
    ["observations environment=staging", obs({ environment: "staging" })],
    ["observations version", obs({ version: "v-bench" })],
    ["observations userId", obs({ userId: user.userId })],
    ["observations traceId", obs({ traceId: trace.id })],
    ["observations parentObservationId", obs({ parentObservationId: parent.id })],
    ["observations last 24h", obs({ fromStartTime: dayAgo })],
    ["observations a week, 2 months ago", obs(weekRange)],
    ["observations type=GENERATION page 20", obs({ type: "GENERATION", page: "20" })],
    ["scores (no filter)", scores({})],
    ["scores name=helpfulness", scores({ name: "helpfulness" })],
    ["scores name + value<0.5", scores({ name: "helpfulness", operator: "<", value: "0.5" })],
    ["scores source=ANNOTATION", scores({ source: "ANNOTATION" })],
    ["scores dataType=CATEGORICAL", scores({ dataType: "CATEGORICAL" })],
    ["scores configId", scores({ configId: "cfg-bench" })],
    ["scores queueId", scores({ queueId: "queue-bench" })],
    ["scores environment=staging", scores({ environment: "staging" })],
    ["scores userId", scores({ userId: user.userId })],
    ["scores traceTags", scores({ traceTags: "error" })],
    ["scores traceId", scores({ traceId: scored.traceId })],
    ["scores scoreIds", scores({ scoreIds: scored.id })],
    ["scores last 24h", scores({ fromTimestamp: dayAgo })],
    ["sessions (no filter)", sessions({})],
    ["sessions environment=staging", sessions({ environment: "staging" })],
    ["sessions a week, 2 months ago", sessions({ fromTimestamp: weekRange.fromStartTime, toTimestamp: weekRange.toStartTime })],
    ["sessions detail", async () => ({ data: [await api.getSessionApi(PROJECT, session.id)], meta: { totalItems: 1 } })],
    ["traces (no filter)", traces({})],
    ["traces name", traces({ name: "research-agent" })],
    ["traces userId", traces({ userId: user.userId })],
  ];

  console.log(`\n${"endpoint + filter".padEnd(40)} ${"rows".padStart(5)} ${"total".padStart(8)}  ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}`);
  for (const [label, run] of CASES) {
    await run(); // warm the page cache like a second caller would
    const ms: number[] = [];
    let last = { data: [] as unknown[], meta: { totalItems: 0 } };
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      last = await run();
      ms.push(performance.now() - t0);
    }
    console.log(`${label.slice(0, 40).padEnd(40)} ${String(last.data.length).padStart(5)} ${last.meta.totalItems.toLocaleString().padStart(8)}  ${pct(ms, 50).toFixed(1).padStart(8)} ${pct(ms, 95).toFixed(1).padStart(8)}`);
  }
  await db.$disconnect();
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    if (opts.keep) {
      console.log(`kept ${PG ? pgName : dir}`);
      return;
    }
    rmSync(dir, { recursive: true, force: true });
    if (PG) await adminPg(`DROP DATABASE IF EXISTS "${pgName}" WITH (FORCE)`).catch(() => {});
  });
