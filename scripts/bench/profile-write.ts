// Where ingestion time goes, in-process (no HTTP): parse vs. write, per batch.
import { createDb, dbReady } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/migrate";
import { databaseTarget } from "../../lib/db/url";
import { generateDemo } from "../../lib/demo/generate";
import type { IngestEvent } from "../../lib/ingest/events";
import { parseIngestionBatch, writeOrder } from "../../lib/ingest/langfuse/map";
import { writeEvents } from "../../lib/ingest/write";
import { tempSqliteUrl } from "../../tests/support/server";
import { toLangfuseBatch } from "./wire";

const { url } = tempSqliteUrl();
const target = databaseTarget(process.argv[2] ?? url);
await applyMigrations(target);
const db = createDb(target);
await dbReady(db, target);
await db.project.create({ data: { id: "p", name: "p" } });
const batches: string[] = [];
let pending: IngestEvent[] = [];
for (const t of generateDemo({ traces: 4000, seed: 3 })) {
  pending.push(...t);
  if (pending.length >= 100) {
    batches.push(JSON.stringify({ batch: toLangfuseBatch(pending) }));
    pending = [];
  }
}
let parseMs = 0, writeMs = 0, obs = 0;
for (const body of batches) {
  let t = performance.now();
  const parsed = parseIngestionBatch(JSON.parse(body));
  if (!parsed.ok) throw new Error(parsed.message);
  const events = writeOrder(parsed.results).flatMap((r) => r.events);
  parseMs += performance.now() - t;
  t = performance.now();
  await writeEvents(db, "p", events);
  writeMs += performance.now() - t;
  obs += events.filter((e) => e.kind === "observation").length;
}
console.log({ batches: batches.length, obs, parseMs: Math.round(parseMs), writeMs: Math.round(writeMs), obsPerSecWrite: Math.round(obs / (writeMs / 1000)), obsPerSecParse: Math.round(obs / (parseMs / 1000)) });
