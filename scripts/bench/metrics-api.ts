// `npx tsx scripts/bench/metrics-api.ts [--base-url http://127.0.0.1:3000] [--public-key pk] [--secret-key sk] [--runs 10]`:
// how fast a running Loupe answers the metrics endpoints over HTTP (the daily
// metrics and a few v1/v2 queries over the last 30 days), p50/p95 per call
// after one warm-up. Point it at a server whose project holds data, e.g. after
// `npm run demo -- --traces 100000 --project <id>`.
import { parseArgs } from "node:util";

const { values: opts } = parseArgs({
  options: {
    "base-url": { type: "string", default: "http://127.0.0.1:3000" },
    "public-key": { type: "string", default: "pk-lf-loupe-demo" },
    "secret-key": { type: "string", default: "sk-lf-loupe-demo" },
    runs: { type: "string", default: "10" },
  },
});
const base = opts["base-url"];
const auth = `Basic ${Buffer.from(`${opts["public-key"]}:${opts["secret-key"]}`).toString("base64")}`;
const RUNS = Number(opts.runs);

async function get(path: string): Promise<[number, { data: unknown[] }]> {
  const t0 = performance.now();
  const res = await fetch(base + path, { headers: { authorization: auth } });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
  return [performance.now() - t0, body];
}

const [, latest] = await get("/api/public/traces?limit=1");
const first = latest.data[0] as { name: string; userId: string | null } | undefined;
const traceName = first?.name ?? "none";
const userId = first?.userId ?? "none";
const to = new Date();
const from = new Date(to.getTime() - 30 * 86_400_000);
const q = (o: object) => `query=${encodeURIComponent(JSON.stringify({ fromTimestamp: from.toISOString(), toTimestamp: to.toISOString(), ...o }))}`;
const m = (measure: string, aggregation: string) => ({ measure, aggregation });
const cases: [string, string][] = [
  ["daily, no filter", "/api/public/metrics/daily"],
  [`daily, traceName=${traceName}`, `/api/public/metrics/daily?traceName=${encodeURIComponent(traceName)}`],
  [`daily, userId=${userId}`, `/api/public/metrics/daily?userId=${encodeURIComponent(userId)}`],
  ["v1 traces by name: count, sum cost, p95 latency", `/api/public/metrics?${q({ view: "traces", dimensions: [{ field: "name" }], metrics: [m("count", "count"), m("totalCost", "sum"), m("latency", "p95")] })}`],
  ["v2 observations by model per day: cost, tokens", `/api/public/v2/metrics?${q({ view: "observations", dimensions: [{ field: "providedModelName" }], timeDimension: { granularity: "day" }, metrics: [m("totalCost", "sum"), m("totalTokens", "sum")] })}`],
  ["v2 scores-numeric avg by name per day", `/api/public/v2/metrics?${q({ view: "scores-numeric", dimensions: [{ field: "name" }], timeDimension: { granularity: "day" }, metrics: [m("value", "avg")] })}`],
];

for (const [label, path] of cases) {
  const ms: number[] = [];
  let rows = 0;
  for (let i = 0; i <= RUNS; i++) {
    const [t, body] = await get(path);
    if (i > 0) ms.push(t);
    rows = body.data.length;
  }
  ms.sort((a, b) => a - b);
  const pct = (p: number) => ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)];
  console.log(`${label}: p50 ${pct(0.5).toFixed(0)} ms, p95 ${pct(0.95).toFixed(0)} ms (${rows} rows)`);
}
