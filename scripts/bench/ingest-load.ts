// An ingestion load in its own process, for benchmarks that time something else
// meanwhile (bench:responsive): `clients` senders post Langfuse batches of
// ~100 observations of demo traces, one after another each, until SIGTERM,
// then print one JSON line { observations, seconds } and exit. In its own
// process so that generating and serialising the batches never delays the
// timing process's event loop (the clients of a real server run elsewhere);
// it still shares the machine's cores, at the same priority.
//
//   tsx scripts/bench/ingest-load.ts <baseUrl> <authorization> <clients> <idPrefix> <seed>
import { langfuseBodies } from "./wire";

const [baseUrl, authorization, clientsArg, prefix, seedArg] = process.argv.slice(2);
if (!baseUrl || !authorization || !clientsArg || !prefix || !seedArg) {
  console.error("usage: ingest-load.ts <baseUrl> <authorization> <clients> <idPrefix> <seed>");
  process.exit(2);
}

let stopped = false;
let observations = 0;
const t0 = performance.now();
process.on("SIGTERM", () => void (stopped = true));
const work = langfuseBodies(prefix, 10_000_000, Number(seedArg));
await Promise.all(
  Array.from({ length: Number(clientsArg) }, async () => {
    while (!stopped) {
      const next = work.next();
      if (next.done) return;
      const res = await fetch(`${baseUrl}/api/public/ingestion`, { method: "POST", body: next.value.body, headers: { authorization, "content-type": "application/json" } });
      const text = await res.text();
      if (res.status !== 207) throw new Error(`ingestion answered ${res.status}: ${text.slice(0, 200)}`);
      observations += next.value.observations;
    }
  }),
);
console.log(JSON.stringify({ observations, seconds: (performance.now() - t0) / 1000 }));
