// What an observation's instrumentation left out, as the trace view marks it.
// The same rules as the traces filter ?missing=usage|end (lib/traces/missing.ts).
// Pure.
import type { ObservationView } from "@/lib/objects/observation-view";

export interface ObservationGaps {
  /** A generation that reported no usage: its cost cannot be computed. */
  noUsage: boolean;
  /** No end time: still running, or the span was never closed. Events are points in time and never count. */
  neverEnded: boolean;
}

export function observationGaps(o: Pick<ObservationView, "type" | "totalTokens" | "endTime">): ObservationGaps {
  return { noUsage: o.type === "GENERATION" && o.totalTokens === null, neverEnded: o.endTime === null && o.type !== "EVENT" };
}

export const NO_USAGE_TEXT = "no usage reported: cost unknown";
export const NEVER_ENDED_TEXT = "never ended: no end time was reported (still running, or the span was never closed)";
