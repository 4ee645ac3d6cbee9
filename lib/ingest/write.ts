// The one write path: every protocol's events land here, and go to one
// transaction (write-batch.ts does the work inside it). Where that runs:
// PostgreSQL, a Prisma transaction in this process; SQLite, the writer thread
// (writer-thread/: parsing and validation stay on this thread, the write runs
// on the other core, and pages keep this event loop), or, with
// LOUPE_WRITER_THREAD=off, this process's own writer; either shares a
// transaction with the writes queued meanwhile (group commit, group-commit.ts).
// The caller acknowledges only after this resolves (acknowledged = committed).
import { targetOf, type Db } from "../db/client";
import type { PriceEntry } from "./cost/types";
import { makePricer } from "./cost/price";
import type { IngestEvent } from "./events";
import type { Arrival } from "./group-commit";
import { withWriteStore } from "./store";
import { writeBatch, type BatchOptions, type WriteResult } from "./write-batch";
import { localGroupStats } from "./sqlite-writer";
import { NotOnThread } from "./threads/rpc";
import { threadGroupStats, useWriterThread, writeOnThread } from "./writer-thread/client";

export type { WriteResult } from "./write-batch";

export interface WriteOptions extends BatchOptions {
  /** The ingestion request's announcement (group commit waits for announced writes: group-commit.ts). */
  arrival?: Arrival;
  /** The events are storable already (parse-request.ts made them so): not walked again. */
  storable?: boolean;
}

// A project's price entries stay the same array while cached (prices.ts): its pricer is made once.
const pricers = new WeakMap<readonly PriceEntry[], ReturnType<typeof makePricer>>();
function pricerFor(entries: readonly PriceEntry[]) {
  let p = pricers.get(entries);
  if (!p) pricers.set(entries, (p = makePricer(entries)));
  return p;
}

export async function writeEvents(
  client: Db,
  projectId: string,
  events: IngestEvent[],
  prices: readonly PriceEntry[] = [],
  options: WriteOptions = {},
): Promise<WriteResult> {
  if (!events.length) return { traces: 0, observations: 0, scores: 0 };
  const target = targetOf(client);
  if (target.provider === "sqlite" && useWriterThread()) {
    try {
      options.arrival?.done();
      return await writeOnThread(target.file, { projectId, events, prices, refuseMoves: options.refuseMoves });
    } catch (err) {
      // Nothing of it was done there: it runs here (waiting for the writer thread's lock, if that thread runs).
      if (!(err instanceof NotOnThread)) throw err;
    }
  }
  return withWriteStore(client, (store) => writeBatch(store, projectId, events, pricerFor(prices), options), { group: true, arrival: options.arrival });
}

/** The SQLite writer's group-commit counters on `file`, wherever it runs (benchmarks print writes per transaction). */
export async function groupCommitStats(file: string): Promise<{ groups: number; writes: number } | undefined> {
  return useWriterThread() ? threadGroupStats(file) : localGroupStats(file);
}
