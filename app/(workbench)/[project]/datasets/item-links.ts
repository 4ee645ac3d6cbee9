// Shared by the items table (client) and the item page (server): plain values, no "use client".
import type { ItemOrigin } from "@/lib/datasets/schemas";

export const ORIGIN_LABEL: Record<ItemOrigin, string> = { API: "API", MANUAL: "Manual", PROMOTION: "Promotion", RULE: "Rule", IMPORT: "Import" };

/** The trace an item came from, with the observation selected inside it (the trace page reads `?observation=`). */
export function sourceHref(projectId: string, traceId: string, observationId: string | null): string {
  const trace = `/${encodeURIComponent(projectId)}/traces/${encodeURIComponent(traceId)}`;
  return observationId ? `${trace}?observation=${encodeURIComponent(observationId)}` : trace;
}
