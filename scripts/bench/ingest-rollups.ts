// `npx tsx --conditions=react-server scripts/bench/ingest-rollups.ts [--traces 6000] [--rounds 3] [--days 30] [--pg] [--only on|off]`:
// what maintaining the analytics rollups costs the write path, in process (no
// HTTP), on a fresh database per run: the same demo batches (~100 observations
// each, 4 writers at once) with LOUPE_ROLLUPS=off and on, alternated `rounds`
// times. `--days` spreads the traces (30: every batch touches hours all over a
// month, the rollups' worst case; live SDK traffic lands in the current hour,
// like --days 0.04). Prints wall-clock observations/s and, on SQLite (whose work runs in
// this process), CPU time per observation, which a busy machine disturbs less, and (Linux) the
// writer thread's own: the busiest thread of the run, the one whose work sets the pace here.
import { readdirSync } from "node:fs";
import { parseArgs } from "node:util";
import { createDb, dbReady } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/migrate";
import { databaseTarget } from "../../lib/db/url";
import { generateDemo } from "../../lib/demo/generate";
import type { IngestEvent } from "../../lib/ingest/events";
import { ingestEvents } from "../../lib/ingest/service";
import { groupCommitStats } from "../../lib/ingest/write";
import { tempPostgres, tempSqliteUrl } from "../../tests/support/server";
import { statCpuTicks } from "./proc-cpu";

const { values: opts } = parseArgs({ options: { traces: { type: "string", default: "6000" }, rounds: { type: "string", default: "3" }, pg: { type: "boolean", default: false }, days: { type: "string", default: "30" }, only: { type: "string" } } });

const batches: IngestEvent[][] = [];
let pending: IngestEvent[] = [];
let obs = 0;
for (const t of generateDemo({ traces: Number(opts.traces), seed: 9, days: Number(opts.days) })) {
  pending.push(...t);
  if (pending.filter((e) => e.kind === "observation").length >= 100) {
    batches.push(pending);
    pending = [];
  }
  obs += t.filter((e) => e.kind === "observation").length;
}
if (pending.length) batches.push(pending);

/** CPU ms per thread of this process (Linux: /proc/self/task/<tid>/stat, utime + stime in clock ticks of 10 ms); empty elsewhere. */
function threadCpuMs(): Map<string, number> {
  const out = new Map<string, number>();
  let tids: string[];
  try {
    tids = readdirSync("/proc/self/task");
  } catch {
    return out;
  }
  for (const tid of tids) {
    const ticks = statCpuTicks(`/proc/self/task/${tid}/stat`);
    if (ticks !== null) out.set(tid, ticks * 10); // null: the thread ended meanwhile
  }
  return out;
}

/** The busiest thread's CPU ms between two readings. */
function busiestThreadMs(before: Map<string, number>, after: Map<string, number>): number | null {
  let max: number | null = null;
  for (const [tid, ms] of after) max = Math.max(max ?? 0, ms - (before.get(tid) ?? 0));
  return max;
}

async function run(mode: "on" | "off") {
  const tmp = opts.pg ? await tempPostgres() : tempSqliteUrl();
  const target = databaseTarget(tmp.url);
  await applyMigrations(target);
  const db = createDb(target);
  await dbReady(db, target);
  await db.project.create({ data: { id: "bench", name: "Bench" } });
  process.env.LOUPE_ROLLUPS = mode;
  const cpu0 = process.cpuUsage();
  const threads0 = threadCpuMs();
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (next < batches.length) await ingestEvents("bench", batches[next++], db);
  }));
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const writerMs = busiestThreadMs(threads0, threadCpuMs());
  const g = target.provider === "sqlite" ? await groupCommitStats(target.file) : undefined;
  await db.$disconnect();
  if ("drop" in tmp) await tmp.drop();
  else tmp.cleanup();
  return { rate: obs / (ms / 1000), cpuUs: (cpu.user + cpu.system) / obs, writerUs: writerMs === null ? null : (writerMs * 1000) / obs, perGroup: g && g.groups ? g.writes / g.groups : null };
}

const results: Record<string, { rate: number; cpuUs: number; writerUs: number | null; perGroup: number | null }[]> = { on: [], off: [] };
for (let r = 0; r < Number(opts.rounds); r++) {
  for (const mode of r % 2 ? (["on", "off"] as const) : (["off", "on"] as const)) {
    if (opts.only && opts.only !== mode) continue;
    const x = await run(mode);
    results[mode].push(x);
    console.log(`round ${r + 1} rollups ${mode}: ${x.rate.toFixed(0)} observations/s, ${x.cpuUs.toFixed(0)} µs CPU per observation${x.writerUs !== null ? ` (busiest thread ${x.writerUs.toFixed(0)} µs)` : ""}${x.perGroup ? `, ${x.perGroup.toFixed(1)} writes per transaction` : ""}`);
  }
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
if (opts.only) process.exit(0);
const summary = (xs: (typeof results)["on"]) => ({ rate: med(xs.map((x) => x.rate)), cpu: med(xs.map((x) => x.cpuUs)), writer: xs[0]?.writerUs == null ? null : med(xs.map((x) => x.writerUs!)) });
const on = summary(results.on);
const off = summary(results.off);
const change = (a: number, b: number) => `${((b / a - 1) * 100).toFixed(1)} %`;
console.log(
  `\n${opts.pg ? "postgresql" : "sqlite"}, ${obs.toLocaleString("en-US")} observations, medians: off ${off.rate.toFixed(0)}/s, on ${on.rate.toFixed(0)}/s (${change(off.rate, on.rate)}); CPU per observation off ${off.cpu.toFixed(0)} µs, on ${on.cpu.toFixed(0)} µs (${change(off.cpu, on.cpu)})` +
    (off.writer !== null && on.writer !== null ? `; busiest thread off ${off.writer.toFixed(0)} µs, on ${on.writer.toFixed(0)} µs (${change(off.writer, on.writer)})` : ""),
);
