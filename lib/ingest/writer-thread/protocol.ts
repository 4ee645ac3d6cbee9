// What crosses between the server's thread and the writer thread: structured
// clones only (events with their Dates and Maps, price entries as data, errors
// as their fields). Pure: no imports with effects.
import type { PriceEntry } from "../cost/types";
import type { IngestEvent } from "../events";
import type { BatchOptions, WriteResult } from "../write-batch";

export interface WriteJob {
  projectId: string;
  events: IngestEvent[];
  prices: readonly PriceEntry[];
  refuseMoves?: BatchOptions["refuseMoves"];
}

/** `turns`: sent with the first message for a file (lib/db/sqlite-turns.ts), shared memory from then on. */
export type ToWriter = { id: number; file: string; turns?: Int32Array } & ({ job: WriteJob } | { stats: true });

export interface SentError {
  name: string;
  message: string;
  stack?: string;
  /** DomainError's fields (errors.ts), so the route answers the same status and details. */
  code?: string;
  path?: (string | number)[];
  issue?: string;
  issues?: unknown[];
}

export type FromWriter =
  | { id: number; ok: true; result: WriteResult }
  | { id: number; ok: true; stats: { groups: number; writes: number } | undefined }
  | { id: number; ok: false; error: SentError };
