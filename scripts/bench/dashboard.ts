// `npm run bench:dashboard -- [--traces 200000] [--days 90] [--db /tmp/x.db | --pg postgresql://…/db]
//                             [--runs 5] [--runs-off 2] [--fresh] [--compare]`:
// the dashboard's data at scale, rollups on and off.
//  1. Generates the data once through the ingestion path (in process, lib/ingest,
//     the demo generator over `--days` days, rollups maintained as on any write),
//     into a database kept under /tmp (or the --pg one) and reused by later runs
//     (--fresh regenerates). Bench users: 2,000 (the demo has 8), so "one user" is
//     one user's share of the traffic, not an eighth of it.
//  2. Times every chart query of the default dashboard over the last 30 days
//     (ending a minute after the newest trace: not hour-aligned, as a "30 d"
//     preset is not), unfiltered and filtered by one model, one trace name, one
//     user and one metadata key (which the rollups cannot serve): p50/p95 per
//     query and of the whole set (run as the page runs it, all at once), rollups
//     on, then off (the rows engine).
//  3. --compare: checks each answer on = off (counts exact, sums to 1e-9,
//     percentiles to 1 %) and prints every difference.
import { existsSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { runMetricsQuery } from "../../lib/analytics/execute";
import { metricsQuerySchema, type MetricsRow } from "../../lib/analytics/query-schema";
import { createDb, dbReady, type Db } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/migrate";
import { databaseTarget } from "../../lib/db/url";
import { generateDemo } from "../../lib/demo/generate";
import type { IngestEvent } from "../../lib/ingest/events";
import { ingestEvents } from "../../lib/ingest/service";
import { DASHBOARD, withFilter, type ChartQuery } from "./dashboard-queries";

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

async function one(db: Db, q: ChartQuery, from: Date, to: Date): Promise<MetricsRow[]> {
  return runMetricsQuery(db, PROJECT, metricsQuerySchema.parse({ ...q, fromTimestamp: from.toISOString(), toTimestamp: to.toISOString() }));
}

/** Rows matched by their dimensions and bucket (an order by an approximate percentile may differ where two are within 1 %). */
function differences(on: MetricsRow[], off: MetricsRow[], q: ChartQuery): string[] {
  const out: string[] = [];
  if (on.length !== off.length) return [`${on.length} rows vs ${off.length}`];
  const keyOf = (r: MetricsRow) => JSON.stringify([r.time_dimension ?? null, ...(q.dimensions ?? []).map((d) => r[d.field] ?? null)]);
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
  const exists = !opts.pg && existsSync(file) && statSync(file).size > 0;
  await applyMigrations(target);
  const db = createDb(target);
  await dbReady(db, target);
  const have = await db.project.findUnique({ where: { id: PROJECT } });
  if (opts.fresh && have) throw new Error(`--fresh: delete ${opts.pg ?? file} first`);
  if (!have) await generate(db);
  else console.log(`reusing ${opts.pg ? "the PostgreSQL database" : file}${exists ? "" : ""}`);

  const [{ n, o, last }] = await db.$queryRawUnsafe<{ n: unknown; o: unknown; last: unknown }[]>(
    `SELECT (SELECT COUNT(*) FROM "Trace" WHERE "projectId" = '${PROJECT}') AS "n", (SELECT COUNT(*) FROM "Observation" WHERE "projectId" = '${PROJECT}') AS "o", (SELECT MAX("timestamp") FROM "Trace" WHERE "projectId" = '${PROJECT}') AS "last"`,
  );
  const lastMs = last instanceof Date ? last.getTime() : Number(last);
  const to = new Date(lastMs + 60_000);
  const from = new Date(to.getTime() - 30 * 86_400_000);
  console.log(`${target.provider}: ${Number(n).toLocaleString("en-US")} traces, ${Number(o).toLocaleString("en-US")} observations; range ${from.toISOString()} → ${to.toISOString()}`);
  const [model] = await db.$queryRawUnsafe<{ model: string }[]>(`SELECT "model" FROM "Observation" WHERE "projectId" = '${PROJECT}' AND "model" IS NOT NULL LIMIT 1`);
  const values = { model: model?.model ?? "gpt-4o", traceName: "support-chat", userId: "user-7" };

  for (const kind of opts.filters.split(",") as ("none" | "model" | "trace name" | "user" | "metadata")[]) {
    const set = DASHBOARD.map(([label, q]) => [label, withFilter(q, kind, values)] as const).filter((x): x is [string, ChartQuery] => x[1] !== null);
    console.log(`\nfilter: ${kind}\n${"query (30 days)".padEnd(34)} ${"rows".padStart(5)} ${"on p50".padStart(8)} ${"on p95".padStart(8)} ${"off p50".padStart(8)} ${"off p95".padStart(8)}`);
    const totals: Record<"on" | "off", number[]> = { on: [], off: [] };
    // A metadata filter is never served by the rollups: "on" is already the rows' time.
    const modes = kind === "metadata" ? (["on"] as const) : (["on", "off"] as const);
    let offSum = 0;
    for (const [label, q] of set) {
      const ms: Record<"on" | "off", number[]> = { on: [], off: [] };
      let rows = 0;
      const answers: Partial<Record<"on" | "off", MetricsRow[]>> = {};
      for (const mode of modes) {
        process.env.LOUPE_ROLLUPS = mode;
        // The rows engine's runs are slow at scale: its first run (cold) is timed as is, --runs-off in all.
        if (mode === "on") answers[mode] = await one(db, q, from, to);
        for (let i = 0; i < Number(mode === "on" ? opts.runs : opts["runs-off"]); i++) {
          const t0 = performance.now();
          answers[mode] = await one(db, q, from, to);
          ms[mode].push(performance.now() - t0);
        }
        if (answers[mode]) rows = answers[mode].length;
      }
      if (ms.off.length) offSum += pct(ms.off, 50);
      const f = (xs: number[], p: number) => (xs.length ? pct(xs, p).toFixed(1) : "-").padStart(8);
      console.log(`${label.padEnd(34)} ${String(rows).padStart(5)} ${f(ms.on, 50)} ${f(ms.on, 95)} ${f(ms.off, 50)} ${f(ms.off, 95)}`);
      if (opts.compare && answers.off) for (const d of differences(answers.on!, answers.off, q).slice(0, 5)) console.log(`   ≠ ${d}`);
    }
    process.env.LOUPE_ROLLUPS = "on";
    for (let i = 0; i < Number(opts.runs); i++) {
      const t0 = performance.now();
      await Promise.all(set.map(([, q]) => one(db, q, from, to)));
      totals.on.push(performance.now() - t0);
    }
    // Off: the sum of the queries' times (one SQLite connection runs them one after another anyway).
    const off = modes.length > 1 ? offSum.toFixed(0) : "-";
    console.log(`${"whole dashboard".padEnd(34)} ${String(set.length).padStart(5)} ${pct(totals.on, 50).toFixed(0).padStart(8)} ${pct(totals.on, 95).toFixed(0).padStart(8)} ${off.padStart(8)} ${"".padStart(8)}`);
  }
  delete process.env.LOUPE_ROLLUPS;
  await db.$disconnect();
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
