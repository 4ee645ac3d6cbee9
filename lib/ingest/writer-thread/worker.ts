// The writer thread: holds the SQLite writer (sqlite-writer.ts) and runs every
// ingestion write the server's thread sends it, through the same group commit
// and the same write-batch.ts as in process. The server thread parses and
// validates; this thread's synchronous transactions never hold the event loop
// that serves pages and reads request bodies. Messages that arrive while a
// group's transaction runs queue on the port and join the next group.
import { makePricer } from "../cost/price";
import { writerBegins, writerEnds } from "../../db/sqlite-turns";
import { localGroupStats, sqliteWriter } from "../sqlite-writer";
import { answerOn, serve } from "../threads/serve";
import { writeBatch } from "../write-batch";
import type { ToWriter, WriteJob } from "./protocol";

// A project's pricer, remade only when its price entries change (they come as data with every write).
const pricers = new Map<string, { text: string; price: ReturnType<typeof makePricer> }>();
function pricerFor(job: WriteJob) {
  const text = JSON.stringify(job.prices);
  let p = pricers.get(job.projectId);
  if (!p || p.text !== text) {
    if (pricers.size > 1000) pricers.clear();
    pricers.set(job.projectId, (p = { text, price: makePricer(job.prices) }));
  }
  return p.price;
}

// Per file, the turns shared with the server thread's other connections (lib/db/sqlite-turns.ts), from its first message.
const turnsOf = new Map<string, Int32Array>();
const hooks = (file: string) => ({
  begin: () => writerBegins(turnsOf.get(file)!),
  end: () => writerEnds(turnsOf.get(file)!),
});

function handle(m: ToWriter) {
  if (m.turns && !turnsOf.has(m.file)) turnsOf.set(m.file, m.turns);
  if ("stats" in m) return localGroupStats(m.file);
  // The parse thread's port: its jobs join the same group commit as the server thread's.
  if ("connect" in m) return void answerOn(m.connect, handle);
  const { job } = m;
  return sqliteWriter(m.file, turnsOf.has(m.file) ? hooks(m.file) : undefined).group.submit((store) =>
    writeBatch(store, job.projectId, job.events, pricerFor(job), { refuseMoves: job.refuseMoves }),
  );
}

serve(handle);
