// What an observation's instrumentation left out, as the trace view marks it.
// The same rules as the traces filter ?missing=usage|cost|end (lib/traces/missing.ts).
// Pure.
import type { ObservationView } from "@/lib/objects/observation-view";

export interface ObservationGaps {
  /** A generation that reported no token usage. */
  noUsage: boolean;
  /** A generation without a cost (none sent, and none computed: no usage, or no price for its model). */
  costUnknown: boolean;
  /** No end time: still running, or the span was never closed. Events are points in time and never count. */
  neverEnded: boolean;
}

export function observationGaps(o: Pick<ObservationView, "type" | "totalTokens" | "totalCost" | "endTime">): ObservationGaps {
  const generation = o.type === "GENERATION";
  return { noUsage: generation && o.totalTokens === null, costUnknown: generation && o.totalCost === null, neverEnded: o.endTime === null && o.type !== "EVENT" };
}

/** The one line the tree's badge title and the detail's badge say, or null when usage and cost are there. */
export function usageGapText(g: ObservationGaps): string | null {
  if (g.noUsage) return g.costUnknown ? "no usage reported: cost unknown" : "no usage reported (cost sent by the client)";
  return g.costUnknown ? "cost unknown: no price for this model" : null;
}

export const NEVER_ENDED_TEXT = "never ended: no end time was reported (still running, or the span was never closed)";
