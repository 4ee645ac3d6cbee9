// `npm run bench:ingest`: drives a running Loupe over HTTP with the demo
// generator — Langfuse batches and OTLP protobuf, several clients at once —
// and prints observations/s, request latency and server memory; then, on the
// same rows, the rate of a bare insert loop straight into the same database
// (the ceiling no HTTP path can beat). With `--rules both` (the default) every
// protocol runs twice, each on a fresh database: without promotion rules, and
// with three active ones (level = error, a name condition, a score condition),
// whose evaluation after each commit competes with ingestion for the same cores.
// With `--evaluators three` a further run has three live evaluators instead
// (a regex and a latency threshold on every trace, a similarity on the
// research-agent traces at 50 %), scoring in the background as traces arrive.
//
//   npm run bench:ingest -- [--observations 100000] [--concurrency 4] [--batch 100]
//                           [--protocol all|langfuse|otlp] [--db sqlite|postgresql|both]
//                           [--rules both|none|three] [--evaluators none|three] [--rollups on|both]
//                           [--threads on|both] [--search on|both] [--checkpoints on|both] [--rounds 1]
// With `--rollups both` the plain run (no rules) is made twice more, alternated, with the analytics rollups
// off and on (LOUPE_ROLLUPS), and the script prints what maintaining them costs. Every run prints the group
// commit's writes per transaction (SQLite), from the server's log. With `--threads both` the plain run is made
// twice more, alternated, with parsing and writing on the server's own thread (LOUPE_PARSE_THREAD=off and
// LOUPE_WRITER_THREAD=off) and on their threads (the default), and the script prints the ratio. With
// `--search both` the same again with the traces search index off and on (LOUPE_BENCH_NO_SEARCH_INDEX, a switch
// for this bench only): what keeping it costs. `--checkpoints both`: SQLite's checkpoints inside the writer's
// commits (LOUPE_CHECKPOINT_MS=0) vs on their own thread (the default). `--rounds N` makes each switch's off/on/on/off N times (medians
// over all); `--db both` does the same with SQLite and PostgreSQL (a fresh database each, the plain run and the
// ceiling on SQLite) and prints PostgreSQL's share of SQLite's rate. Each switch also prints the server's CPU time per observation (every thread), steadier than
// throughput when the load generator shares the cores.
// Needs a production build (npm run build).
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { generateDemo } from "../../lib/demo/generate";
import type { IngestEvent } from "../../lib/ingest/events";
import { startServer, tempPostgres, tempSqliteUrl } from "../../tests/support/server";
import { ceilingInsert } from "./ceiling";
import { busiestThreads, statCpuTicks, threadCpuTicks } from "./proc-cpu";
import { addEvaluators, addRules } from "./ingest-background";
import { observationCount, toLangfuseBatch, toOtlpProtobuf } from "./wire";

const { values: opts } = parseArgs({
  options: {
    observations: { type: "string", default: "100000" },
    concurrency: { type: "string", default: "4" },
    batch: { type: "string", default: "100" },
    protocol: { type: "string", default: "all" },
    db: { type: "string", default: "sqlite" },
    rules: { type: "string", default: "both" },
    evaluators: { type: "string", default: "none" },
    rollups: { type: "string", default: "on" },
    threads: { type: "string", default: "on" },
    search: { type: "string", default: "on" },
    checkpoints: { type: "string", default: "on" },
    rounds: { type: "string", default: "1" },
  },
});
const target = Number(opts.observations);
const concurrency = Number(opts.concurrency);
const batchSize = Number(opts.batch);
const KEYS = { publicKey: "pk-lf-bench", secretKey: "sk-lf-bench" };
const auth = `Basic ${Buffer.from(`${KEYS.publicKey}:${KEYS.secretKey}`).toString("base64")}`;

/** Whole traces packed into requests of about `batchSize` observations, generated as they are needed. */
function* requests(prefix: string): Generator<IngestEvent[]> {
  let pending: IngestEvent[] = [];
  let n = 0;
  let sent = 0;
  // ~5 observations per demo trace; generate a little more than needed and stop at the target.
  for (const trace of generateDemo({ traces: Math.ceil(target / 4), seed: 11, idPrefix: prefix })) {
    pending.push(...trace);
    n += observationCount(trace);
    if (n >= batchSize) {
      yield pending;
      sent += n;
      pending = [];
      n = 0;
      if (sent >= target) return;
    }
  }
  if (pending.length) yield pending;
}

/** The server's process tree (npm → next-server): per process, its rss (KB) and its pid. */
function serverTree(rootPid: number): { pid: number; rss: number }[] {
  const out = execFileSync("ps", ["-o", "pid=,ppid=,rss=", "-A"], { encoding: "utf8" });
  const rows = out.trim().split("\n").map((l) => l.trim().split(/\s+/).map(Number));
  const tree = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of rows) {
      if (tree.has(ppid) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return rows.filter(([pid]) => tree.has(pid)).map(([pid, , rss]) => ({ pid, rss }));
}

const rssMb = (rootPid: number) => serverTree(rootPid).reduce((s, p) => s + p.rss, 0) / 1024;
/** CPU seconds the server's processes used so far, all their threads (/proc/<pid>/stat utime + stime, in ticks of 1/100 s). */
function cpuSeconds(rootPid: number): number {
  let ticks = 0;
  // A process that ended between ps and the read counts nothing.
  for (const { pid } of serverTree(rootPid)) ticks += statCpuTicks(`/proc/${pid}/stat`) ?? 0;
  return ticks / 100;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const CHUNK_OBSERVATIONS = 20_000;

/**
 * Request bodies are serialised ahead, a chunk at a time and off the clock:
 * the clients share this machine's two cores with the server, and their
 * JSON/protobuf encoding is not the server's work.
 */
function nextChunk(gen: Generator<IngestEvent[]>, protocol: "langfuse" | "otlp") {
  const chunk: { body: string | Uint8Array; observations: number }[] = [];
  let n = 0;
  for (let next = gen.next(); !next.done; next = n >= CHUNK_OBSERVATIONS ? { done: true, value: undefined } : gen.next()) {
    const events = next.value;
    const body = protocol === "langfuse" ? JSON.stringify({ batch: toLangfuseBatch(events) }) : toOtlpProtobuf(events);
    const observations = observationCount(events);
    chunk.push({ body, observations });
    n += observations;
    if (n >= CHUNK_OBSERVATIONS) break;
  }
  return chunk;
}

async function run(protocol: "langfuse" | "otlp", baseUrl: string, serverPid: number) {
  const gen = requests(`bench-${protocol}`);
  const url = protocol === "langfuse" ? `${baseUrl}/api/public/ingestion` : `${baseUrl}/api/public/otel/v1/traces`;
  const type = protocol === "langfuse" ? "application/json" : "application/x-protobuf";
  const latencies: number[] = [];
  let observations = 0;
  let failures = 0;
  let busyMs = 0;
  const mem: number[] = [rssMb(serverPid)];
  const cpu0 = cpuSeconds(serverPid);
  const threads0 = threadCpuTicks(serverTree(serverPid).map((p) => p.pid));
  const sampler = setInterval(() => mem.push(rssMb(serverPid)), 1000);
  for (let chunk = nextChunk(gen, protocol); chunk.length; chunk = nextChunk(gen, protocol)) {
    const t0 = performance.now();
    let i = 0;
    const worker = async () => {
      while (i < chunk.length) {
        const { body, observations: n } = chunk[i++];
        const s = performance.now();
        const res = await fetch(url, { method: "POST", body: body as BodyInit, headers: { authorization: auth, "content-type": type } });
        const text = await res.text();
        latencies.push(performance.now() - s);
        const ok = protocol === "langfuse" ? res.status === 207 && !JSON.parse(text).errors.length : res.status === 200 && !text.includes("rejected");
        if (!ok && ++failures <= 3) console.error(`  request failed (${res.status}): ${text.slice(0, 300)}`);
        observations += n;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    busyMs += performance.now() - t0;
    console.log(`  … ${observations.toLocaleString("en-US")} observations, ${Math.round(observations / (busyMs / 1000))}/s, server ${Math.round(mem.at(-1)!)} MB`);
  }
  clearInterval(sampler);
  mem.push(rssMb(serverPid));
  const cpu = cpuSeconds(serverPid) - cpu0;
  const threads = busiestThreads(threads0, threadCpuTicks(serverTree(serverPid).map((p) => p.pid)));
  latencies.sort((a, b) => a - b);
  return {
    protocol,
    observations,
    perSecond: observations / (busyMs / 1000),
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    failures,
    /** The server's CPU (every thread) per observation, µs: what a switch costs, less noisy than throughput on shared cores. */
    cpuUs: (cpu * 1e6) / observations,
    /** The busiest four threads' CPU per observation, µs (the writer's first, as a rule: it sets the pace). */
    threadsUs: threads.slice(0, 4).map((ticks) => (ticks * 1e4) / observations),
    memStart: mem[0],
    memPeak: Math.max(...mem),
    memEnd: mem.at(-1)!,
  };
}

type Result = Awaited<ReturnType<typeof run>> & { perTransaction?: string };

/** The last "group commit: N writes per transaction" line the server logged during a run. */
function groupCommitFigure(log: string): string | undefined {
  return [...log.matchAll(/group commit: ([\d.]+) writes per transaction/g)].at(-1)?.[1];
}

async function variant(withRules: boolean, withEvaluators = false, { rollups = "on", threads = "on", search = "on", checkpoints = "on", database = opts.db } = {}) {
  const db = database === "postgresql" ? await tempPostgres() : undefined;
  const sqlite = db ? undefined : tempSqliteUrl();
  const databaseUrl = db?.url ?? sqlite!.url;
  const server = await startServer({
    DATABASE_URL: databaseUrl,
    LOUPE_DEMO: "0",
    LOUPE_INIT_USER_EMAIL: "bench@loupe.dev",
    LOUPE_INIT_USER_PASSWORD: "bench-password",
    LOUPE_INIT_PROJECT_NAME: "bench",
    LOUPE_INIT_PROJECT_ID: "bench",
    LOUPE_INIT_PUBLIC_KEY: KEYS.publicKey,
    LOUPE_INIT_SECRET_KEY: KEYS.secretKey,
    LOUPE_ROLLUPS: rollups,
    LOUPE_BENCH_NO_SEARCH_INDEX: search === "off" ? "1" : "0",
    LOUPE_GROUP_COMMIT_LOG: "20",
    LOUPE_WRITER_THREAD: threads,
    LOUPE_PARSE_THREAD: threads,
    // The checkpoint thread's setting (lib/ingest/sqlite-checkpointer.ts): 0 leaves checkpoints to the commits.
    ...(checkpoints === "off" ? { LOUPE_CHECKPOINT_MS: "0" } : {}),
  });
  const results: Result[] = [];
  let rules: Awaited<ReturnType<typeof addRules>> | undefined;
  let promoted: { items: number; perRule: string } | undefined;
  try {
    if (withRules) rules = await addRules(databaseUrl);
    if (withEvaluators) rules = await addEvaluators(databaseUrl);
    const protocols = opts.protocol === "all" ? (["langfuse", "otlp"] as const) : [opts.protocol as "langfuse" | "otlp"];
    for (const p of protocols) {
      console.log(`\n${p === "langfuse" ? "Langfuse batch (POST /api/public/ingestion)" : "OTLP protobuf (POST /api/public/otel/v1/traces)"}${withRules ? ", three active promotion rules" : ""}${withEvaluators ? ", three live evaluators" : ""}`);
      const logged = server.output().length;
      const r = await run(p, server.baseUrl, server.process.pid!);
      results.push({ ...r, perTransaction: groupCommitFigure(server.output().slice(logged)) });
    }
    promoted = await rules?.settledItems();
  } finally {
    await server.stop();
  }
  return { results, databaseUrl, promoted, cleanup: async () => (await db?.drop(), sqlite?.cleanup()) };
}

type Variant = Awaited<ReturnType<typeof variant>>;

/** The settings `--<option> both` compares, each run with it off and on (the server's environment, in variant). */
interface Switch {
  option: "rollups" | "threads" | "search" | "checkpoints" | "db";
  title: string;
  mode: { off: string; on: string };
  /** The variant setting a mode stands for (default: the mode itself, "off" or "on"). */
  setting?: { key: "database"; off: string; on: string };
}
const SWITCHES: Switch[] = [
  { option: "rollups", title: "analytics rollups off vs on (LOUPE_ROLLUPS)", mode: { off: "rollups off", on: "rollups on" } },
  { option: "threads", title: "all on the server thread vs the parse and writer threads (LOUPE_PARSE_THREAD, LOUPE_WRITER_THREAD)", mode: { off: "all on the server thread", on: "parse and writer threads" } },
  { option: "search", title: "traces search index off vs on (LOUPE_BENCH_NO_SEARCH_INDEX)", mode: { off: "search index off", on: "search index on" } },
  { option: "checkpoints", title: "checkpoints in the writer's commits vs on their own thread (LOUPE_CHECKPOINT_MS=0)", mode: { off: "checkpoints in commits", on: "checkpoint thread" } },
  { option: "db", title: "SQLite vs PostgreSQL (each run on a fresh database)", mode: { off: "SQLite", on: "PostgreSQL" }, setting: { key: "database", off: "sqlite", on: "postgresql" } },
];

const label = (r: Result) => (r.protocol === "langfuse" ? "Langfuse batch" : "OTLP protobuf");

async function main() {
  console.log(`bench:ingest — ${target.toLocaleString("en-US")} observations per protocol, ${concurrency} clients, ~${batchSize} observations per request, ${opts.db}, rules: ${opts.rules}, threads: ${opts.threads}`);
  const plain = opts.rules === "three" ? undefined : await variant(false);
  const ruled = opts.rules === "none" ? undefined : await variant(true);
  const evaluated = opts.evaluators === "three" ? await variant(false, true) : undefined;
  // Each switch given as both: the plain run made four times more (per --rounds), off/on/on/off, to show what the switch costs or buys.
  const switched: { s: Switch; runs: [string, Variant][] }[] = [];
  for (const sw of SWITCHES.filter((x) => opts[x.option] === "both")) {
    const runs: [string, Variant][] = [];
    for (let round = 0; round < Number(opts.rounds); round++) {
      for (const mode of ["off", "on", "on", "off"] as const) {
        const setting = sw.setting ? { [sw.setting.key]: sw.setting[mode] } : { [sw.option]: mode };
        runs.push([mode, await variant(false, false, setting)]);
      }
    }
    switched.push({ s: sw, runs });
  }
  const base = plain ?? ruled ?? evaluated!;
  console.log("\nbare insert loop straight into the same database (the ceiling)");
  const ceiling = await ceilingInsert(base.databaseUrl, requests("bench-ceiling"));

  console.log("\nresults");
  console.log("| path | observations | obs/s | p50 ms | p95 ms | server RSS start → peak → end (MB) | writes per transaction | server CPU µs/obs: all, busiest four threads |");
  console.log("|---|---|---|---|---|---|---|---|");
  const row = (name: string, r: Result) =>
    console.log(
      `| ${name} | ${r.observations.toLocaleString("en-US")} | ${Math.round(r.perSecond).toLocaleString("en-US")} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${Math.round(r.memStart)} → ${Math.round(r.memPeak)} → ${Math.round(r.memEnd)} | ${r.perTransaction ?? ""} | ${r.cpuUs.toFixed(0)}: ${r.threadsUs.map((t) => t.toFixed(0)).join(" / ")} |`,
    );
  for (const v of [plain, ruled, evaluated]) for (const r of v?.results ?? []) row(`${label(r)}${v === ruled ? ", 3 rules" : v === evaluated ? ", 3 evaluators" : ""}`, r);
  for (const { s: sw, runs } of switched) for (const [mode, v] of runs) for (const r of v.results) row(`${label(r)}, ${sw.mode[mode as "on" | "off"]}`, r);
  console.log(`| bare insert loop | ${ceiling.observations.toLocaleString("en-US")} | ${Math.round(ceiling.perSecond).toLocaleString("en-US")} | | | | | |`);
  console.log(`\nbest path vs the bare loop: ${((Math.max(...[plain, ruled, evaluated].flatMap((v) => v?.results ?? []).map((r) => r.perSecond)) / ceiling.perSecond) * 100).toFixed(1)} %`);
  for (const { s: sw, runs } of switched) {
    console.log(`\n${sw.title} (medians of the plain runs, off/on/on/off)`);
    for (const protocol of new Set(runs.flatMap(([, v]) => v.results.map((r) => r.protocol)))) {
      const pick = (mode: string) => runs.filter(([m]) => m === mode).flatMap(([, v]) => v.results.filter((r) => r.protocol === protocol));
      const [off, on] = [pick("off"), pick("on")];
      const rate = (rs: Result[]) => median(rs.map((r) => r.perSecond));
      const p95 = (rs: Result[]) => median(rs.map((r) => r.p95));
      const cpu = (rs: Result[]) => median(rs.map((r) => r.cpuUs));
      const each = (rs: Result[]) => rs.map((r) => Math.round(r.perSecond).toLocaleString("en-US")).join(", ");
      console.log(`  ${protocol === "langfuse" ? "Langfuse batch" : "OTLP protobuf"}: ${sw.mode.off} ${Math.round(rate(off)).toLocaleString("en-US")} → ${sw.mode.on} ${Math.round(rate(on)).toLocaleString("en-US")} obs/s (${((rate(on) / rate(off) - 1) * 100).toFixed(1)} %); p95 ${p95(off).toFixed(1)} → ${p95(on).toFixed(1)} ms; server CPU per observation ${cpu(off).toFixed(0)} → ${cpu(on).toFixed(0)} µs (${((cpu(on) / cpu(off) - 1) * 100).toFixed(1)} %)`);
      console.log(`    each run: ${sw.mode.off} ${each(off)}; ${sw.mode.on} ${each(on)} obs/s`);
      // Per rank (busiest, second, …): the median over the runs of that thread's CPU per observation.
      const ranks = (rs: Result[]) => [0, 1, 2, 3].map((i) => median(rs.map((r) => r.threadsUs[i] ?? 0)).toFixed(0)).join(" / ");
      console.log(`    busiest four threads' CPU per observation (µs, medians): ${sw.mode.off} ${ranks(off)}; ${sw.mode.on} ${ranks(on)}`);
      if (sw.option === "db") console.log(`    PostgreSQL at ${((rate(on) / rate(off)) * 100).toFixed(1)} % of SQLite (issue 10 asks ≥ 50 %); the server's CPU leaves out PostgreSQL's own`);
    }
  }
  if (plain && ruled) {
    console.log("\nwith three active promotion rules vs without (throughput ratio; p95 ratio)");
    for (const r of ruled.results) {
      const p = plain.results.find((x) => x.protocol === r.protocol)!;
      console.log(`  ${label(r)}: ${Math.round(p.perSecond).toLocaleString("en-US")} → ${Math.round(r.perSecond).toLocaleString("en-US")} obs/s (${((r.perSecond / p.perSecond) * 100).toFixed(1)} %); p95 ${p.p95.toFixed(1)} → ${r.p95.toFixed(1)} ms (${((r.p95 / p.p95) * 100).toFixed(1)} %)`);
    }
  }
  if (ruled?.promoted) console.log(`  the rules promoted ${ruled.promoted.items.toLocaleString("en-US")} traces (${ruled.promoted.perRule})`);
  if (plain && evaluated) {
    console.log("\nwith three live evaluators vs without (throughput ratio; p95 ratio)");
    for (const r of evaluated.results) {
      const p = plain.results.find((x) => x.protocol === r.protocol)!;
      console.log(`  ${label(r)}: ${Math.round(p.perSecond).toLocaleString("en-US")} → ${Math.round(r.perSecond).toLocaleString("en-US")} obs/s (${((r.perSecond / p.perSecond) * 100).toFixed(1)} %); p95 ${p.p95.toFixed(1)} → ${r.p95.toFixed(1)} ms (${((r.p95 / p.p95) * 100).toFixed(1)} %)`);
    }
  }
  if (evaluated?.promoted) console.log(`  the evaluators wrote ${evaluated.promoted.items.toLocaleString("en-US")} results (${evaluated.promoted.perRule})`);
  const failed = [plain, ruled, evaluated].some((v) => v?.results.some((r) => r.failures));
  for (const v of [plain, ruled, evaluated]) for (const r of v?.results ?? []) if (r.failures) console.log(`  ${label(r)}: ${r.failures} requests failed`);
  await plain?.cleanup();
  await ruled?.cleanup();
  await evaluated?.cleanup();
  for (const { runs } of switched) for (const [, v] of runs) await v.cleanup();
  if (failed) process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
