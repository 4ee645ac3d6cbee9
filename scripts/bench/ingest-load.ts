// An ingestion load in its own process, for benchmarks that time something else
// meanwhile (bench:responsive): `clients` senders post Langfuse batches of
// ~100 observations of demo traces, one after another each, until SIGTERM,
// then print one JSON line { observations, seconds } and exit.
//
// The clients of a real server run on other machines, so what they spend
// making their batches is not the server's. Here they share its cores: the
// batches are made before the load starts (`bodies` of them, then "ready" on
// stdout) and sent again with fresh ids (the id prefix renumbered per pass:
// new traces, not updates), so sending is nearly all this process does while
// the load runs. In its own process, its work never delays the timing
// process's event loop either.
//
//   tsx scripts/bench/ingest-load.ts <baseUrl> <authorization> <clients> <idPrefix> <seed> [bodies=300]
import { langfuseBodies } from "./wire";

const [baseUrl, authorization, clientsArg, prefix, seedArg, bodiesArg = "300"] = process.argv.slice(2);
if (!baseUrl || !authorization || !clientsArg || !prefix || !seedArg) {
  console.error("usage: ingest-load.ts <baseUrl> <authorization> <clients> <idPrefix> <seed> [bodies]");
  process.exit(2);
}

const made: { body: string; observations: number }[] = [];
for (const b of langfuseBodies(prefix, 10_000_000, Number(seedArg))) {
  made.push(b);
  if (made.length >= Number(bodiesArg)) break;
}
console.log("ready");

let stopped = false;
let observations = 0;
let sent = 0;
const t0 = performance.now();
process.on("SIGTERM", () => void (stopped = true));
/** The next body; from the second pass on, its ids renumbered ("load-trace-1" → "load.2-trace-1"). */
function next(): { body: string; observations: number } {
  const i = sent++;
  const pass = Math.floor(i / made.length);
  const b = made[i % made.length];
  return pass === 0 ? b : { body: b.body.replaceAll(`"${prefix}-`, `"${prefix}.${pass}-`), observations: b.observations };
}
await Promise.all(
  Array.from({ length: Number(clientsArg) }, async () => {
    while (!stopped) {
      const b = next();
      const res = await fetch(`${baseUrl}/api/public/ingestion`, { method: "POST", body: b.body, headers: { authorization, "content-type": "application/json" } });
      const text = await res.text();
      if (res.status !== 207) throw new Error(`ingestion answered ${res.status}: ${text.slice(0, 200)}`);
      observations += b.observations;
    }
  }),
);
console.log(JSON.stringify({ observations, seconds: (performance.now() - t0) / 1000 }));
