// The writer thread: holds the SQLite writer (sqlite-writer.ts) and runs every
// ingestion write the server's thread sends it, through the same group commit
// and the same write-batch.ts as in process. The server thread parses and
// validates; this thread's synchronous transactions never hold the event loop
// that serves pages and reads request bodies. Messages that arrive while a
// group's transaction runs queue on the port and join the next group.
import { parentPort } from "node:worker_threads";
import { makePricer } from "../cost/price";
import { DomainError } from "../../errors";
import { localGroupStats, sqliteWriter } from "../sqlite-writer";
import { writeBatch } from "../write-batch";
import type { FromWriter, SentError, ToWriter, WriteJob } from "./protocol";
import { writerBegins, writerEnds } from "../../db/sqlite-turns";

if (!parentPort) throw new Error("writer-thread/worker.ts runs as a worker thread");
const port = parentPort;

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

function sent(err: unknown): SentError {
  if (err instanceof DomainError) {
    return { name: "DomainError", message: err.message, code: err.code, path: err.path?.map((p) => (typeof p === "symbol" ? String(p) : p)), issue: err.issue, issues: err.issues ? [...err.issues] : undefined };
  }
  const e = err instanceof Error ? err : new Error(String(err));
  return { name: e.name, message: e.message, stack: e.stack, code: (e as { code?: string }).code };
}

// Per file, the turns shared with the server thread's other connections (lib/db/sqlite-turns.ts), from its first message.
const turnsOf = new Map<string, Int32Array>();
const hooks = (file: string) => ({
  begin: () => writerBegins(turnsOf.get(file)!),
  end: () => writerEnds(turnsOf.get(file)!),
});

port.on("message", (m: ToWriter) => {
  const reply = (r: FromWriter) => port.postMessage(r);
  if (m.turns && !turnsOf.has(m.file)) turnsOf.set(m.file, m.turns);
  if ("stats" in m) return reply({ id: m.id, ok: true, stats: localGroupStats(m.file) });
  const { job } = m;
  sqliteWriter(m.file, turnsOf.has(m.file) ? hooks(m.file) : undefined)
    .group.submit((store) => writeBatch(store, job.projectId, job.events, pricerFor(job), { refuseMoves: job.refuseMoves }))
    .then(
      (result) => reply({ id: m.id, ok: true, result }),
      (err) => reply({ id: m.id, ok: false, error: sent(err) }),
    );
});
