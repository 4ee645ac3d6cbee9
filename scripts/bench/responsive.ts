// `npm run bench:responsive`: does the workbench stay responsive while agents
// ingest? (issue 10, goal 2: with 8 ingestion clients, the traces page, a trace
// view and the dashboard keep p95 within 2 × their idle p95.) One running
// Loupe on SQLite per mode: seeded over HTTP, then each page fetched
// `--runs` times idle and `--runs` times while `--clients` clients send
// Langfuse batches of ~100 observations one after another, in `--phases`
// alternating idle and loaded phases (the load process stopped with SIGSTOP
// and continued: the machine's speed drifts). A page's time is its whole
// HTML (server-rendered data included), as a reviewer's browser gets it.
// Prints, per mode and page, p50/p95 idle and under ingestion and their ratio,
// and the ingestion rate meanwhile. Modes: parsing and writing on their own
// threads (the default) and both on the server's thread (LOUPE_PARSE_THREAD=off,
// LOUPE_WRITER_THREAD=off).
//
// The ingestion clients run in a process of their own (ingest-load.ts), their batches made before the load
// starts (a real server's clients make theirs on other machines), unless `--load in-process`: then making and
// serialising batches as they go also delayed this process's page timings. Either way the clients share the
// machine's two cores with the server.
//
// `--load cpu` replaces the ingestion with one busy loop per core at nice 19: the yardstick of what merely busy
// cores (that yield to the server) do to the pages on this machine.
//
//   npm run bench:responsive -- [--clients 8] [--seed-traces 20000] [--runs 100] [--threads both|on|off] [--load process|in-process|cpu] [--phases 5]
// Needs a production build (npm run build).
import { parseArgs } from "node:util";
import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import { startServer, tempSqliteUrl, type RunningServer } from "../../tests/support/server";
import { loginFormFields, signIn } from "../../tests/support/web";
import { langfuseBodies } from "./wire";

const { values: opts } = parseArgs({
  options: {
    clients: { type: "string", default: "8" },
    "seed-traces": { type: "string", default: "20000" },
    runs: { type: "string", default: "100" },
    threads: { type: "string", default: "both" },
    load: { type: "string", default: "process" },
    phases: { type: "string", default: "5" },
  },
});
const CLIENTS = Number(opts.clients);
const RUNS = Number(opts.runs);
const KEYS = { publicKey: "pk-lf-resp", secretKey: "sk-lf-resp" };
const USER = { email: "bench@loupe.dev", password: "bench-password" };
const auth = `Basic ${Buffer.from(`${KEYS.publicKey}:${KEYS.secretKey}`).toString("base64")}`;

async function send(baseUrl: string, body: string): Promise<void> {
  const res = await fetch(`${baseUrl}/api/public/ingestion`, { method: "POST", body, headers: { authorization: auth, "content-type": "application/json" } });
  const text = await res.text();
  if (res.status !== 207) throw new Error(`ingestion answered ${res.status}: ${text.slice(0, 200)}`);
}

/** `clients` senders draining `work` until it ends or `stop()` is called; returns observations acknowledged. */
function ingest(baseUrl: string, work: Iterator<{ body: string; observations: number }>, clients: number) {
  let stopped = false;
  let observations = 0;
  const t0 = performance.now();
  const done = Promise.all(
    Array.from({ length: clients }, async () => {
      while (!stopped) {
        const next = work.next();
        if (next.done) return;
        await send(baseUrl, next.value.body);
        observations += next.value.observations;
      }
    }),
  );
  return {
    done,
    async stop() {
      stopped = true;
      await done;
      return { observations, seconds: (performance.now() - t0) / 1000 };
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};

async function timePages(server: RunningServer, cookie: string, pages: Record<string, string>, runs = RUNS, out: Record<string, number[]> = {}): Promise<Record<string, number[]>> {
  for (const k of Object.keys(pages)) out[k] ??= [];
  for (let i = 0; i < runs; i++) {
    for (const [name, path] of Object.entries(pages)) {
      const t = performance.now();
      const res = await fetch(`${server.baseUrl}${path}`, { headers: { cookie }, redirect: "manual" });
      const html = await res.text();
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${html.slice(0, 200)}`);
      out[name].push(performance.now() - t);
    }
  }
  return out;
}

async function run(threads: "on" | "off") {
  const sqlite = tempSqliteUrl();
  const server = await startServer({
    DATABASE_URL: sqlite.url,
    LOUPE_DEMO: "0",
    LOUPE_INIT_USER_EMAIL: USER.email,
    LOUPE_INIT_USER_PASSWORD: USER.password,
    LOUPE_INIT_PROJECT_NAME: "resp",
    LOUPE_INIT_PROJECT_ID: "resp",
    LOUPE_INIT_PUBLIC_KEY: KEYS.publicKey,
    LOUPE_INIT_SECRET_KEY: KEYS.secretKey,
    LOUPE_WRITER_THREAD: threads,
    LOUPE_PARSE_THREAD: threads,
  });
  try {
    const t0 = performance.now();
    await ingest(server.baseUrl, langfuseBodies("seed", Number(opts["seed-traces"]), 5), 4).done;
    console.log(`  seeded ${Number(opts["seed-traces"]).toLocaleString("en-US")} traces in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const { cookie } = await signIn(server.baseUrl, await loginFormFields(server.baseUrl), USER);
    if (!cookie) throw new Error("sign-in failed");
    const traceId = "seed-" + (await firstTraceId(server.baseUrl));
    const pages = { "traces table": "/resp/traces", "trace view": `/resp/traces/${encodeURIComponent(traceId)}`, dashboard: "/resp/dashboard?range=7d" };
    await timePages(server, cookie, pages); // warm: each route's first load is not what a reviewer waits for
    if (opts.load === "in-process") {
      const idle = await timePages(server, cookie, pages);
      const load = ingest(server.baseUrl, langfuseBodies("load", 10_000_000, 17), CLIENTS);
      await sleep(1000); // the clients are sending
      const busy = await timePages(server, cookie, pages);
      const rate = await load.stop();
      return { threads, idle, busy, rate: rate.observations / rate.seconds };
    }
    // Idle and loaded samples in alternating phases (the load's processes stopped and continued): this machine's
    // speed drifts by more than the effect over a minute, and a drift then weighs on both sides alike.
    const load = opts.load === "cpu" ? busyLoops() : await loadProcess(server.baseUrl);
    const phases = Math.max(1, Math.min(RUNS, Number(opts.phases)));
    const idle: Record<string, number[]> = {};
    const busy: Record<string, number[]> = {};
    let loadedMs = 0;
    let observations = 0;
    try {
      for (let p = 0; p < phases; p++) {
        const runs = Math.round((RUNS * (p + 1)) / phases) - Math.round((RUNS * p) / phases);
        load.pause();
        await sleep(1500); // the requests under way answered, the writer's queue empty
        await timePages(server, cookie, pages, runs, idle);
        const t = performance.now();
        load.resume();
        await sleep(1000); // the clients are sending
        await timePages(server, cookie, pages, runs, busy);
        loadedMs += performance.now() - t;
      }
    } finally {
      // Whatever happened: no busy loop or client outlives the bench.
      ({ observations } = await load.stop());
    }
    return { threads, idle, busy, rate: observations / (loadedMs / 1000) };
  } finally {
    await server.stop();
    sqlite.cleanup();
  }
}

/**
 * The ingestion clients in a process of their own (ingest-load.ts: their batches made before the load starts),
 * so making and sending them never delays this process's page timings; they still share the cores.
 */
async function loadProcess(baseUrl: string) {
  const child = spawn(process.execPath, [...process.execArgv, new URL("./ingest-load.ts", import.meta.url).pathname, baseUrl, auth, String(CLIENTS), "load", "17"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  const exited = new Promise<void>((resolve, reject) => child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`ingest-load exited with ${code}`)))));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("ready\n")) resolve();
    });
    exited.then(() => reject(new Error("ingest-load ended before it was ready")), reject);
  });
  return {
    pause: () => void child.kill("SIGSTOP"),
    resume: () => void child.kill("SIGCONT"),
    async stop() {
      child.kill("SIGCONT");
      child.kill("SIGTERM");
      await exited;
      return JSON.parse(out.trim().split("\n").at(-1)!) as { observations: number; seconds: number };
    },
  };
}

/**
 * `--load cpu`: no ingestion at all, one busy loop per core in processes at nice 19 (the lowest priority), as a
 * yardstick: what the pages' times become when the cores are merely busy with something that yields to them.
 */
function busyLoops() {
  const t0 = performance.now();
  const children = Array.from({ length: availableParallelism() }, () => spawn("nice", ["-n", "19", process.execPath, "-e", "for (;;);"], { stdio: "ignore" }));
  return {
    pause: () => children.forEach((c) => c.kill("SIGSTOP")),
    resume: () => children.forEach((c) => c.kill("SIGCONT")),
    async stop() {
      await Promise.all(
        children.map(
          (c) =>
            new Promise((resolve) => {
              c.once("exit", resolve);
              c.kill("SIGKILL");
            }),
        ),
      );
      return { observations: 0, seconds: (performance.now() - t0) / 1000 };
    },
  };
}

/** The id (without the prefix) of the newest seeded trace, through the public API. */
async function firstTraceId(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/public/traces?limit=1`, { headers: { authorization: auth } });
  const body = (await res.json()) as { data: { id: string }[] };
  return body.data[0].id.replace(/^seed-/, "");
}

async function main() {
  console.log(`bench:responsive — ${CLIENTS} ingestion clients, ${RUNS} runs per page, SQLite`);
  const modes = opts.threads === "both" ? (["off", "on"] as const) : [opts.threads as "on" | "off"];
  const results = [];
  for (const m of modes) {
    console.log(`\n${m === "on" ? "parse and writer threads" : "all on the server thread (LOUPE_PARSE_THREAD=off, LOUPE_WRITER_THREAD=off)"}…`);
    results.push(await run(m));
  }
  const under = opts.load === "cpu" ? "cores busy at nice 19" : "under ingestion";
  console.log(`\n| threads | page | idle p50 / p95 ms | ${under} p50 / p95 ms | p95 ratio | ingestion meanwhile obs/s |`);
  console.log("|---|---|---|---|---|---|");
  for (const r of results) {
    for (const page of Object.keys(r.idle)) {
      const i95 = pct(r.idle[page], 95);
      const b95 = pct(r.busy[page], 95);
      console.log(
        `| ${r.threads} | ${page} | ${pct(r.idle[page], 50).toFixed(0)} / ${i95.toFixed(0)} | ${pct(r.busy[page], 50).toFixed(0)} / ${b95.toFixed(0)} | ${(b95 / i95).toFixed(1)} × | ${Math.round(r.rate).toLocaleString("en-US")} |`,
      );
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
