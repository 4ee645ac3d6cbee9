// Backpressure for ingestion: at most LOUPE_INGEST_MAX_IN_FLIGHT ingestion
// requests (all three protocols together) are being parsed or written at once
// in this process; one more is answered 429 with Retry-After at once, before
// the handler reads its body, and writes nothing. It bounds the writer's queue
// (and the memory of the bodies parsed for it). The Langfuse SDKs and OTLP
// exporters retry a 429 (the OTel exporters after Retry-After), so a refused
// batch is sent again later, not lost; an acknowledged one is committed.
// What it does not bound is the wait before a request reaches the handler:
// at 64 clients that wait, not this queue, is what grows (README, Speed).
// 0 turns the bound off. A request is always admitted when none is in flight,
// however large it is.
import { ApiError } from "../http/errors";

export const DEFAULT_MAX_IN_FLIGHT = 32;
/** Seconds a refused client is asked to wait: about what the requests ahead of it take to commit. */
export const RETRY_AFTER_SECONDS = 1;

function readBound(raw = process.env.LOUPE_INGEST_MAX_IN_FLIGHT): number {
  if (raw === undefined || raw === "") return DEFAULT_MAX_IN_FLIGHT;
  const n = Number(raw);
  if (Number.isInteger(n) && n >= 0) return n;
  console.error(`loupe: LOUPE_INGEST_MAX_IN_FLIGHT must be a whole number ≥ 0 (0: no bound), got "${raw}"; using ${DEFAULT_MAX_IN_FLIGHT}`);
  return DEFAULT_MAX_IN_FLIGHT;
}
const MAX_IN_FLIGHT = readBound();

let inFlight = 0;

/** Admits one ingestion request (call release() when it is answered) or throws the 429. */
export function admitIngestion(): { release(): void } {
  const max = MAX_IN_FLIGHT;
  if (max > 0 && inFlight >= max) {
    throw new ApiError(
      "rate_limited",
      `Ingestion is at capacity: ${inFlight} requests are being written. Retry after ${RETRY_AFTER_SECONDS} s (the bound is LOUPE_INGEST_MAX_IN_FLIGHT=${max}).`,
      undefined,
      RETRY_AFTER_SECONDS,
    );
  }
  inFlight++;
  let open = true;
  return {
    release() {
      if (!open) return;
      open = false;
      inFlight--;
    },
  };
}
