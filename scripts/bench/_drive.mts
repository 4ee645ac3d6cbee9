import { generateDemo } from "../../lib/demo/generate";
import type { IngestEvent } from "../../lib/ingest/events";
import { observationCount, toLangfuseBatch } from "./wire";
const auth = `Basic ${Buffer.from("pk-lf-p:sk-lf-p").toString("base64")}`;
const bodies: string[] = []; let pending: IngestEvent[] = [];
for (const t of generateDemo({ traces: 12000, seed: 3, idPrefix: "d" })) { pending.push(...t); if (observationCount(pending) >= 100) { bodies.push(JSON.stringify({ batch: toLangfuseBatch(pending) })); pending = []; } }
let next = 0; const t0 = performance.now(); let obs = 0;
await Promise.all(Array.from({ length: 8 }, async () => { while (next < bodies.length) { const b = bodies[next++]; const r = await fetch("http://127.0.0.1:3999/api/public/ingestion", { method: "POST", body: b, headers: { authorization: auth, "content-type": "application/json" } }); await r.text(); obs += 100; } }));
console.log("obs/s", Math.round(obs / ((performance.now() - t0) / 1000)), "batches", bodies.length);
