// `npm run bench:dashboard -- [--traces 200000] [--days 90] [--db /tmp/x.db | --pg postgresql://…/db]
//                             [--runs 5] [--runs-off 2] [--fresh] [--compare]`:
// the dashboard's data at scale, rollups on and off.
//  1. Generates the data once through the ingestion path (in process, lib/ingest,
//     the demo generator over `--days` days, rollups maintained as on any write),
//     into a database kept under /tmp (or the --pg one) and reused by later runs
//     (--fresh regenerates). Bench users: 2,000 (the demo has 8), so "one user" is
//     one user's share of the traffic, not an eighth of it.
//  2. Times every query the dashboard page runs, from the dashboard's own specs
//     (lib/analytics/dashboard: COST/TOKEN/LATENCY/VOLUME_QUERIES through
//     planQuery, the quality section's qualityQueries and scoresByModel, the
//     steps and top users / top sessions loaders; with the user filter also the
//     user page's trends block), over the last 30 days (ending a minute after
//     the newest trace: not hour-aligned, as a "30 d" preset is not),
//     unfiltered and filtered by one model, one trace name, one user and one
//     metadata key (which the rollups cannot serve), each filter mapped per view
//     as the page maps it (a query whose view cannot take it is not run, as on
//     the page): p50/p95 per query and of the whole set (run as the page runs
//     it, all at once), rollups on, then off (the rows engine).
//  3. --compare: checks each answer on = off (counts exact, sums to 1e-9,
//     percentiles to 1 %) and prints every difference.
// When the project is marked in RollupBackfill (its rollups stale, e.g. after a
// migration), rebuildProject runs first and the marker is removed.
// --readonly: opens an existing SQLite file read-only (no migration, no
// generation, no rebuild; e.g. a shared bench file), --modes off: the rows only,
// --only REGEX: the queries whose label matches.
import { existsSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { loadTop } from "../../lib/analytics/dashboard/top-queries";
import { loadSteps } from "../../lib/analytics/dashboard/steps-queries";
import { booleanCounts, qualityQueries, scoresByModel } from "../../lib/analytics/dashboard/quality-queries";
import { loadTrends } from "../../lib/analytics/dashboard/trends-queries";
import { COST_QUERIES, LATENCY_QUERIES, planQuery, TOKEN_QUERIES, VOLUME_QUERIES, type QuerySpec } from "../../lib/analytics/dashboard/queries";
import { runSection, type SectionParams, type SectionRows } from "../../lib/analytics/dashboard/run-section";
import { runMetricsQuery } from "../../lib/analytics/execute";
import { resolveGranularity } from "../../lib/analytics/granularity";
import type { MetricsRow } from "../../lib/analytics/query-schema";
import { rebuildProject } from "../../lib/analytics/rollups/rebuild";
import { createDb, dbReady, type Db } from "../../lib/db/client";
import { PrismaClient as SqliteClient } from "../../lib/db/generated/sqlite/client";
import { applyMigrations } from "../../lib/db/migrate";
import { databaseTarget } from "../../lib/db/url";
import { generateDemo } from "../../lib/demo/generate";
import type { IngestEvent } from "../../lib/ingest/events";
import { ingestEvents } from "../../lib/ingest/service";
import type { Filter } from "../../lib/query/filter";

const { values: opts } = parseArgs({
  options: {
    traces: { type: "string", default: "200000" },
    days: { type: "string", default: "90" },
    db: { type: "string" },
    pg: { type: "string" },
    runs: { type: "string", default: "5" },
    "runs-off": { type: "string", default: "2" },
    fresh: { type: "boolean", default: false },
    compare: { type: "boolean", default: false },
    filters: { type: "string", default: "none,model,trace name,user,metadata" },
    readonly: { type: "boolean", default: false },
    modes: { type: "string", default: "on,off" },
    only: { type: "string" },
  },
});
const N = Number(opts.traces);
const PROJECT = "bench";
const file = opts.db ?? `/tmp/loupe-bench-dashboard-${N}.db`;
const target = databaseTarget(opts.pg ?? `file:${file}`);
const USERS = 2000;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1))];
}

async function generate(db: Db) {
  await db.project.create({ data: { id: PROJECT, name: "Bench" } });
  const t0 = Date.now();
  const end = new Date();
  let pending: IngestEvent[] = [];
  let done = 0;
  let obs = 0;
  const flush = async () => {
    if (!pending.length) return;
    await ingestEvents(PROJECT, pending, db);
    pending = [];
  };
  for (const events of generateDemo({ traces: N, days: Number(opts.days), end, seed: 5, idPrefix: "d" })) {
    let at: Date | undefined;
    for (const e of events) {
      if (e.kind === "trace") {
        if (e.userId) e.userId = `user-${(done * 2654435761) % USERS}`;
        at = e.timestamp ?? undefined;
      }
      if (e.kind === "observation") obs++;
      // The demo's scores are stamped when written; the bench spreads them with their traces.
      if (e.kind === "score" && at) e.timestamp = new Date(at.getTime() + 30_000);
    }
    pending.push(...events);
    done++;
    if (pending.length >= 2000) await flush();
    if (done % 20000 === 0) {
      const s = (Date.now() - t0) / 1000;
      process.stdout.write(`\r${done.toLocaleString("en-US")} / ${N.toLocaleString("en-US")} traces, ${obs.toLocaleString("en-US")} observations, ${(obs / s).toFixed(0)} obs/s`);
    }
  }
  await flush();
  const s = (Date.now() - t0) / 1000;
  console.log(`\ngenerated ${N.toLocaleString("en-US")} traces, ${obs.toLocaleString("en-US")} observations in ${s.toFixed(0)} s (${(obs / s).toFixed(0)} observations/s, ${(N / s).toFixed(0)} traces/s)`);
}

type FilterKind = "none" | "model" | "trace name" | "user" | "metadata";
interface Values {
  model: string;
  traceName: string;
  userId: string;
}
/** One query of the page: its label, the dimensions its rows are keyed by (for --compare), and how the page runs it (null: not applicable). */
interface PageQuery {
  label: string;
  keys: string[];
  run: (db: Db) => Promise<MetricsRow[]>;
}

/** The dashboard's filter bar with one condition (the traces table's columns; the page maps it per view). */
function filterOf(kind: FilterKind, v: Values): Filter {
  switch (kind) {
    case "none":
      return [];
    case "model":
      return [{ type: "string", column: "model", operator: "=", value: v.model }];
    case "trace name":
      return [{ type: "string", column: "name", operator: "=", value: v.traceName }];
    case "user":
      return [{ type: "string", column: "userId", operator: "=", value: v.userId }];
    case "metadata":
      return [{ type: "stringObject", column: "metadata", key: "region", operator: "=", value: "eu-west-1" }];
  }
}

const dims = (q: { dimensions?: readonly { field: string }[] }) => (q.dimensions ?? []).map((d) => d.field);
const rowsOf = (r: SectionRows): MetricsRow[] | null => (r.ok ? r.rows : null);

/** Every query the page runs under this filter, from the dashboard's own specs and loaders; the ones the filter does not apply to left out. */
function pageQueries(from: Date, to: Date, filter: Filter, kind: FilterKind, v: Values): PageQuery[] {
  const unit = resolveGranularity("auto", from, to);
  const p: SectionParams = { from, to, granularity: "auto", unit, filter };
  const out: PageQuery[] = [];
  const planned = (section: string, specs: Record<string, QuerySpec>) => {
    for (const [name, spec] of Object.entries(specs)) {
      const plan = planQuery({ from, to, unit, filter }, spec);
      if (plan.ok) out.push({ label: `${section}.${name}`, keys: dims(spec), run: (db) => runMetricsQuery(db, PROJECT, plan.query) });
    }
  };
  planned("cost", COST_QUERIES);
  planned("tokens", TOKEN_QUERIES);
  planned("latency", LATENCY_QUERIES);
  planned("volume", VOLUME_QUERIES);
  // A section loader answering null (its view cannot take the filter) is not applicable: checked once before timing.
  const section = (label: string, keys: string[], run: (db: Db) => Promise<SectionRows>) => out.push({ label, keys, run: async (db) => rowsOf(await run(db)) ?? [] });
  for (const [name, q] of Object.entries(qualityQueries(p.granularity))) if (name !== "boolean") section(`quality.${name}`, dims(q), (db) => runSection(db, PROJECT, p, q));
  // The boolean counts and the average by model: their own loaders (the rollups answer them without the value / with the trace's models).
  out.push({ label: "quality.boolean", keys: ["name", "booleanValue"], run: (db) => booleanCounts(db, PROJECT, p) });
  out.push({ label: "quality.byModel", keys: ["name", "dataType", "model"], run: (db) => scoresByModel(db, PROJECT, p) });
  section("steps", ["name", "type"], (db) => loadSteps(db, PROJECT, p));
  section("top users", ["userId"], (db) => loadTop(db, PROJECT, p, "userId"));
  section("top sessions", ["sessionId"], (db) => loadTop(db, PROJECT, p, "sessionId"));
  if (kind === "user")
    out.push({
      label: "user page trends",
      // Each block's rows tagged with its block, so --compare matches them by block and dimensions.
      keys: ["block", "providedModelName", "name", "dataType"],
      run: async (db) => {
        const t = await loadTrends(db, PROJECT, { column: "userId", value: v.userId });
        if (!t) return [];
        return (["cost", "latency", "volume", "errors", "scores"] as const).flatMap((block) => t[block].map((r) => ({ block, ...r })));
      },
    });
  const only = opts.only ? new RegExp(opts.only) : null;
  return only ? out.filter((q) => only.test(q.label)) : out;
}

/** Whether the page runs the query under the filter (a section whose view cannot take it answers not applicable). */
function applicable(label: string, filter: Filter): boolean {
  if (!label.startsWith("quality.") && label !== "steps" && !label.startsWith("top ")) return true;
  const view = label === "steps" ? "observations" : label.startsWith("top ") ? "traces" : "scores-numeric";
  return planQuery({ from: new Date(0), to: new Date(1), unit: "day", filter }, { view, metrics: [{ measure: "count", aggregation: "count" }] }).ok;
}

/** A read-only handle on an existing SQLite file (createDb's client, opened with better-sqlite3's readonly). */
function readonlyDb(file: string): Db {
  const client = new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: `file:${file}`, readonly: true, fileMustExist: true }, { timestampFormat: "unixepoch-ms" }) });
  // dialectOf reads the provider createDb records (lib/db/client.ts makes the map on globalThis when loaded).
  (globalThis as unknown as { loupeProviders: WeakMap<object, string> }).loupeProviders.set(client, "sqlite");
  return client;
}

/** Rows matched by their dimensions and bucket (an order by an approximate percentile may differ where two are within 1 %). */
function differences(on: MetricsRow[], off: MetricsRow[], dimensions: string[]): string[] {
  const out: string[] = [];
  if (on.length !== off.length) return [`${on.length} rows vs ${off.length}`];
  const keyOf = (r: MetricsRow) => JSON.stringify([r.time_dimension ?? null, ...dimensions.map((f) => r[f] ?? null)]);
  const byKey = new Map(on.map((r) => [keyOf(r), r]));
  off.forEach((o, i) => {
    const r = byKey.get(keyOf(o));
    if (!r) return void out.push(`row ${i} ${keyOf(o)} missing`);
    for (const [k, v] of Object.entries(o)) {
      const w = r[k];
      if (typeof v === "number" && typeof w === "number") {
        const tol = /^p\d\d_/.test(k) ? 0.01 : 1e-9;
        if (Math.abs(w - v) > tol * Math.max(Math.abs(v), 1e-12)) out.push(`row ${i} ${k}: ${w} vs ${v}`);
      } else if (JSON.stringify(v) !== JSON.stringify(w)) out.push(`row ${i} ${k}: ${JSON.stringify(w)} vs ${JSON.stringify(v)}`);
    }
  });
  return out;
}

async function main() {
  let db: Db;
  if (opts.readonly) {
    if (opts.pg || !existsSync(file)) throw new Error(`--readonly needs an existing SQLite file (--db)`);
    db = readonlyDb(file);
    console.log(`read-only: ${file}`);
  } else {
    const exists = !opts.pg && existsSync(file) && statSync(file).size > 0;
    await applyMigrations(target);
    db = createDb(target);
    await dbReady(db, target);
    const have = await db.project.findUnique({ where: { id: PROJECT } });
    if (opts.fresh && have) throw new Error(`--fresh: delete ${opts.pg ?? file} first`);
    if (!have) {
      await generate(db);
      // PostgreSQL after a bulk load: no planner statistics (nor visibility map) until autovacuum gets there, and
      // on a server with autovacuum off (as on this project's machines) never; a server fed through the API for a
      // while has had them made. SQLite is left as the app leaves it.
      if (target.provider === "postgresql") {
        const t0 = Date.now();
        await db.$executeRawUnsafe("VACUUM ANALYZE");
        console.log(`VACUUM ANALYZE: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      }
    } else console.log(`reusing ${opts.pg ? "the PostgreSQL database" : file}${exists ? "" : ""}`);
    // Rollups marked stale (a migration added or changed them): rebuilt here, as the backfill job would, before timing.
    if (await db.rollupBackfill.findUnique({ where: { projectId: PROJECT } })) {
      const t0 = Date.now();
      const hours = await rebuildProject(db, PROJECT);
      await db.rollupBackfill.deleteMany({ where: { projectId: PROJECT } });
      console.log(`rollups were stale (RollupBackfill): rebuildProject took ${((Date.now() - t0) / 1000).toFixed(1)} s (${hours} hours); marker removed`);
    }
  }

  const [{ n, o, last }] = await db.$queryRawUnsafe<{ n: unknown; o: unknown; last: unknown }[]>(
    `SELECT (SELECT COUNT(*) FROM "Trace" WHERE "projectId" = '${PROJECT}') AS "n", (SELECT COUNT(*) FROM "Observation" WHERE "projectId" = '${PROJECT}') AS "o", (SELECT MAX("timestamp") FROM "Trace" WHERE "projectId" = '${PROJECT}') AS "last"`,
  );
  const lastMs = last instanceof Date ? last.getTime() : Number(last);
  const to = new Date(lastMs + 60_000);
  const from = new Date(to.getTime() - 30 * 86_400_000);
  console.log(`${target.provider}: ${Number(n).toLocaleString("en-US")} traces, ${Number(o).toLocaleString("en-US")} observations; range ${from.toISOString()} → ${to.toISOString()}`);
  const [model] = await db.$queryRawUnsafe<{ model: string }[]>(`SELECT "model" FROM "Observation" WHERE "projectId" = '${PROJECT}' AND "model" IS NOT NULL LIMIT 1`);
  const values: Values = { model: model?.model ?? "gpt-4o", traceName: "support-chat", userId: "user-7" };
  const wanted = opts.modes.split(",").filter((m): m is "on" | "off" => m === "on" || m === "off");

  for (const kind of opts.filters.split(",") as FilterKind[]) {
    const filter = filterOf(kind, values);
    const set = pageQueries(from, to, filter, kind, values).filter((q) => applicable(q.label, filter));
    console.log(`\nfilter: ${kind}\n${"query (30 days)".padEnd(34)} ${"rows".padStart(5)} ${"on p50".padStart(8)} ${"on p95".padStart(8)} ${"off p50".padStart(8)} ${"off p95".padStart(8)}`);
    const totals: number[] = [];
    // A metadata filter is never served by the rollups: "on" is already the rows' time.
    const modes = kind === "metadata" ? wanted.slice(0, 1) : wanted;
    let offSum = 0;
    for (const q of set) {
      const ms: Record<"on" | "off", number[]> = { on: [], off: [] };
      let rows = 0;
      const answers: Partial<Record<"on" | "off", MetricsRow[]>> = {};
      for (const mode of modes) {
        process.env.LOUPE_ROLLUPS = mode;
        // The rows engine's runs are slow at scale: its first run (cold) is timed as is, --runs-off in all.
        if (mode === "on") answers[mode] = await q.run(db);
        for (let i = 0; i < Math.max(1, Number(mode === "on" ? opts.runs : opts["runs-off"])); i++) {
          const t0 = performance.now();
          answers[mode] = await q.run(db);
          ms[mode].push(performance.now() - t0);
        }
        if (answers[mode]) rows = answers[mode].length;
      }
      if (ms.off.length) offSum += pct(ms.off, 50);
      const f = (xs: number[], p: number) => (xs.length ? pct(xs, p).toFixed(1) : "-").padStart(8);
      console.log(`${q.label.padEnd(34)} ${String(rows).padStart(5)} ${f(ms.on, 50)} ${f(ms.on, 95)} ${f(ms.off, 50)} ${f(ms.off, 95)}`);
      if (opts.compare && answers.on && answers.off) for (const d of differences(answers.on, answers.off, q.keys).slice(0, 5)) console.log(`   ≠ ${d}`);
    }
    // The whole set as the page runs it (all at once), in the first mode asked.
    process.env.LOUPE_ROLLUPS = modes[0];
    for (let i = 0; i < Math.max(1, Number(modes[0] === "on" ? opts.runs : opts["runs-off"])); i++) {
      const t0 = performance.now();
      await Promise.all(set.map((q) => q.run(db)));
      totals.push(performance.now() - t0);
    }
    // Off: the sum of the queries' times (one SQLite connection runs them one after another anyway).
    const whole = (xs: number[], p: number) => pct(xs, p).toFixed(0).padStart(8);
    const off = modes.includes("off") && modes.length > 1 ? offSum.toFixed(0) : "-";
    console.log(modes[0] === "on" ? `${"whole dashboard".padEnd(34)} ${String(set.length).padStart(5)} ${whole(totals, 50)} ${whole(totals, 95)} ${off.padStart(8)} ${"".padStart(8)}` : `${"whole dashboard".padEnd(34)} ${String(set.length).padStart(5)} ${"-".padStart(8)} ${"-".padStart(8)} ${whole(totals, 50)} ${whole(totals, 95)}`);
  }
  delete process.env.LOUPE_ROLLUPS;
  await db.$disconnect();
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
