// `npm run bench:overload`: many ingestion clients at once against one running
// Loupe (SQLite by default), with the ingestion bound on (LOUPE_INGEST_MAX_IN_FLIGHT,
// default 32) and off (0), in one run. Each client sends Langfuse batches of
// ~100 observations one after another; a 429 is retried after its Retry-After,
// as the SDKs do. Prints, per mode: acknowledged observations/s, the latency of
// every request answered (p50/p95/p99/max, refusals included: they are answers
// too), the time from a batch's first send to its acknowledgement (retries
// included: what the SDK waits), how many requests were refused, and checks that
// every acknowledged trace is stored (nothing acknowledged is lost).
//
//   npm run bench:overload -- [--clients 64] [--observations 60000] [--db sqlite|postgresql] [--bound N] [--threads on|off]
// (--bound: the "on" run's LOUPE_INGEST_MAX_IN_FLIGHT instead of the default; OVERLOAD_TRACE=1 prints every
// request slower than 2 s with when it was sent; --threads off: parsing and writing on the server's thread,
// LOUPE_PARSE_THREAD=off and LOUPE_WRITER_THREAD=off, instead of their threads)
// Needs a production build (npm run build).
import { parseArgs } from "node:util";
import { createDb } from "../../lib/db/client";
import { databaseTarget } from "../../lib/db/url";
import { generateDemo } from "../../lib/demo/generate";
import type { IngestEvent } from "../../lib/ingest/events";
import { startServer, tempPostgres, tempSqliteUrl } from "../../tests/support/server";
import { observationCount, toLangfuseBatch } from "./wire";

const { values: opts } = parseArgs({
  options: {
    clients: { type: "string", default: "64" },
    observations: { type: "string", default: "60000" },
    db: { type: "string", default: "sqlite" },
    bound: { type: "string" },
    threads: { type: "string", default: "on" },
  },
});
const CLIENTS = Number(opts.clients);
const TARGET = Number(opts.observations);
const KEYS = { publicKey: "pk-lf-overload", secretKey: "sk-lf-overload" };
const auth = `Basic ${Buffer.from(`${KEYS.publicKey}:${KEYS.secretKey}`).toString("base64")}`;

/** Request bodies of whole demo traces, ~100 observations each, serialised ahead (off the clock). */
function bodies(prefix: string) {
  const out: { body: string; observations: number; traceIds: string[] }[] = [];
  let pending: IngestEvent[] = [];
  let total = 0;
  const flush = () => {
    const n = observationCount(pending);
    const traceIds = pending.filter((e) => e.kind === "trace").map((e) => e.id);
    out.push({ body: JSON.stringify({ batch: toLangfuseBatch(pending) }), observations: n, traceIds });
    total += n;
    pending = [];
  };
  for (const trace of generateDemo({ traces: Math.ceil(TARGET / 4), seed: 13, idPrefix: prefix })) {
    pending.push(...trace);
    if (observationCount(pending) >= 100) flush();
    if (total >= TARGET) break;
  }
  if (pending.length && total < TARGET) flush();
  return out;
}

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

async function run(mode: "on" | "off") {
  const database = opts.db === "postgresql" ? await tempPostgres() : undefined;
  const sqlite = database ? undefined : tempSqliteUrl();
  const url = database?.url ?? sqlite!.url;
  const server = await startServer({
    DATABASE_URL: url,
    LOUPE_DEMO: "0",
    LOUPE_INIT_USER_EMAIL: "bench@loupe.dev",
    LOUPE_INIT_USER_PASSWORD: "bench-password",
    LOUPE_INIT_PROJECT_NAME: "overload",
    LOUPE_INIT_PROJECT_ID: "overload",
    LOUPE_INIT_PUBLIC_KEY: KEYS.publicKey,
    LOUPE_INIT_SECRET_KEY: KEYS.secretKey,
    LOUPE_WRITER_THREAD: opts.threads,
    LOUPE_PARSE_THREAD: opts.threads,
    ...(mode === "off" ? { LOUPE_INGEST_MAX_IN_FLIGHT: "0" } : opts.bound ? { LOUPE_INGEST_MAX_IN_FLIGHT: opts.bound } : {}),
  });
  const work = bodies(`ov-${mode}`);
  // One request first, off the clock: the route's first load and the first connections are not overload.
  const warm = work.shift()!;
  await fetch(`${server.baseUrl}/api/public/ingestion`, { method: "POST", body: warm.body, headers: { authorization: auth, "content-type": "application/json" } }).then((r) => r.text());
  const answered: number[] = [];
  const acknowledged: number[] = [];
  const ackedTraces: string[] = [];
  let refused = 0;
  let failed = 0;
  let observations = 0;
  let next = 0;
  const t0 = performance.now();
  const client = async () => {
    while (next < work.length) {
      const item = work[next++];
      const first = performance.now();
      for (;;) {
        const s = performance.now();
        const res = await fetch(`${server.baseUrl}/api/public/ingestion`, { method: "POST", body: item.body, headers: { authorization: auth, "content-type": "application/json" } });
        const text = await res.text();
        answered.push(performance.now() - s);
        if (process.env.OVERLOAD_TRACE && performance.now() - s > 2000) console.log(`  slow: ${res.status} sent at ${(s - t0).toFixed(0)} ms, took ${(performance.now() - s).toFixed(0)} ms`);
        if (res.status === 429) {
          refused++;
          await new Promise((r) => setTimeout(r, Number(res.headers.get("retry-after") ?? 1) * 1000));
          continue;
        }
        if (res.status !== 207 || JSON.parse(text).errors.length) {
          if (++failed <= 3) console.error(`  request failed (${res.status}): ${text.slice(0, 200)}`);
        } else {
          acknowledged.push(performance.now() - first);
          ackedTraces.push(...item.traceIds);
          observations += item.observations;
        }
        break;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: CLIENTS }, client));
  } catch (err) {
    console.error(`the server's log:\n${server.output().slice(-4000)}`);
    throw err;
  }
  const seconds = (performance.now() - t0) / 1000;
  await server.stop();

  const db = createDb(databaseTarget(url));
  const stored = new Set((await db.trace.findMany({ where: { projectId: "overload" }, select: { id: true } })).map((t) => t.id));
  await db.$disconnect();
  const lost = ackedTraces.filter((id) => !stored.has(id)).length;
  await database?.drop();
  sqlite?.cleanup();
  answered.sort((a, b) => a - b);
  acknowledged.sort((a, b) => a - b);
  return { mode, seconds, perSecond: observations / seconds, answered, acknowledged, refused, failed, lost, acked: ackedTraces.length };
}

async function main() {
  console.log(`bench:overload — ${CLIENTS} clients, ${TARGET.toLocaleString("en-US")} observations per mode, ~100 observations per Langfuse batch, ${opts.db}, threads ${opts.threads}`);
  const results = [];
  for (const mode of ["on", "off"] as const) {
    console.log(`\nbound ${mode === "on" ? "on (LOUPE_INGEST_MAX_IN_FLIGHT default)" : "off (LOUPE_INGEST_MAX_IN_FLIGHT=0)"}…`);
    results.push(await run(mode));
  }
  console.log("\n| bound | obs/s acknowledged | request p50 / p95 / p99 / max ms | batch to acknowledgement p50 / p99 / max ms | requests refused (429) | acknowledged traces lost | failed |");
  console.log("|---|---|---|---|---|---|---|");
  for (const r of results) {
    const a = r.answered;
    const k = r.acknowledged;
    console.log(
      `| ${r.mode} | ${Math.round(r.perSecond).toLocaleString("en-US")} | ${[pct(a, 50), pct(a, 95), pct(a, 99), a.at(-1)!].map((x) => x.toFixed(0)).join(" / ")} | ${[pct(k, 50), pct(k, 99), k.at(-1)!].map((x) => x.toFixed(0)).join(" / ")} | ${r.refused.toLocaleString("en-US")} of ${a.length.toLocaleString("en-US")} | ${r.lost} of ${r.acked.toLocaleString("en-US")} | ${r.failed} |`,
    );
  }
  if (results.some((r) => r.lost || r.failed)) process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
