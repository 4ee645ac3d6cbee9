// What the server thread sends the writer thread: structured clones only
// (events with their Dates and Maps, price entries as data). Pure.
import type { MessagePort } from "node:worker_threads";
import type { PriceEntry } from "../cost/types";
import type { IngestEvent } from "../events";
import type { BatchOptions } from "../write-batch";

export interface WriteJob {
  projectId: string;
  events: IngestEvent[];
  prices: readonly PriceEntry[];
  refuseMoves?: BatchOptions["refuseMoves"];
}

/**
 * `turns`: sent with a thread's first message for a file (lib/db/sqlite-turns.ts), shared memory from then on.
 * `connect`: a port the writer answers jobs for this file on, as on its own (the parse thread's: parse-thread/direct.ts).
 */
export type ToWriter = { file: string; turns?: Int32Array } & ({ job: WriteJob } | { stats: true } | { connect: MessagePort });
