// `npm run bench:responsive`: does the workbench stay responsive while agents
// ingest? (issue 10, goal 2: with 8 ingestion clients, the traces page, a trace
// view and the dashboard keep p95 within 2 × their idle p95.) One running
// Loupe on SQLite per mode: seeded over HTTP, then each page fetched
// `--runs` times idle, then the same while `--clients` clients send Langfuse
// batches of ~100 observations one after another. A page's time is its whole
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
//   npm run bench:responsive -- [--clients 8] [--seed-traces 20000] [--runs 30] [--threads both|on|off] [--load process|in-process]
// Needs a production build (npm run build).
import { parseArgs } from "node:util";
import { spawn } from "node:child_process";
import { startServer, tempSqliteUrl, type RunningServer } from "../../tests/support/server";
import { loginFormFields, signIn } from "../../tests/support/web";
import { langfuseBodies } from "./wire";

const { values: opts } = parseArgs({
  options: {
    clients: { type: "string", default: "8" },
    "seed-traces": { type: "string", default: "20000" },
    runs: { type: "string", default: "30" },
    threads: { type: "string", default: "both" },
    load: { type: "string", default: "process" },
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

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};

async function timePages(server: RunningServer, cookie: string, pages: Record<string, string>): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = Object.fromEntries(Object.keys(pages).map((k) => [k, []]));
  for (let i = 0; i < RUNS; i++) {
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
    const idle = await timePages(server, cookie, pages);
    const load = opts.load === "in-process" ? ingest(server.baseUrl, langfuseBodies("load", 10_000_000, 17), CLIENTS) : await loadProcess(server.baseUrl);
    await new Promise((r) => setTimeout(r, 1000)); // the clients are sending
    const busy = await timePages(server, cookie, pages);
    const rate = await load.stop();
    return { threads, idle, busy, rate: rate.observations / rate.seconds };
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
    async stop() {
      child.kill("SIGTERM");
      await exited;
      return JSON.parse(out.trim().split("\n").at(-1)!) as { observations: number; seconds: number };
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
  console.log("\n| threads | page | idle p50 / p95 ms | under ingestion p50 / p95 ms | p95 ratio | ingestion meanwhile obs/s |");
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
