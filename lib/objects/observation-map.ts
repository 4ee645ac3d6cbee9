// Observation rows → the trace viewer's ObservationView (plain data, ISO dates):
// the one mapper, so every viewer gets the same cleaned usage/cost maps and depth caps.
import type { ObservationLevel, ObservationType, ObservationView } from "./observation-view";
import type { Db } from "../db/client";
import { isoAlways, isoOrNull } from "../iso";
import { capJsonDepth } from "../ingest/storable";

/** Everything but the payloads: what the tree, timeline and detail header need. */
export const OBSERVATION_LIST_SELECT = {
  id: true,
  traceId: true,
  parentObservationId: true,
  type: true,
  name: true,
  startTime: true,
  endTime: true,
  completionStartTime: true,
  level: true,
  statusMessage: true,
  model: true,
  modelParameters: true,
  inputTokens: true,
  outputTokens: true,
  totalTokens: true,
  usageDetails: true,
  inputCost: true,
  outputCost: true,
  totalCost: true,
  costDetails: true,
} as const;

/** A stored observation as OBSERVATION_LIST_SELECT reads it (JSON columns as stored: untrusted shapes). */
export type ObservationRow = Pick<Awaited<ReturnType<Db["observation"]["findFirstOrThrow"]>>, keyof typeof OBSERVATION_LIST_SELECT>;

/** Only finite numbers from a stored details map (it came from a client). */
function numberMap(v: unknown): Record<string, number> | null {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return null;
  const out: Record<string, number> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === "number" && Number.isFinite(x)) out[k] = x;
  return out;
}

/** `payloads` given: the detail view (input/output/metadata, null when none); omitted: the list view (undefined). */
export function observationView(r: ObservationRow, payloads?: { input: unknown; output: unknown; metadata: unknown }): ObservationView {
  const view: ObservationView = {
    id: r.id,
    traceId: r.traceId,
    parentObservationId: r.parentObservationId,
    type: r.type as ObservationType,
    name: r.name,
    startTime: isoAlways(r.startTime),
    endTime: isoOrNull(r.endTime),
    completionStartTime: isoOrNull(r.completionStartTime),
    level: r.level as ObservationLevel,
    statusMessage: r.statusMessage,
    model: r.model,
    modelParameters: capJsonDepth(r.modelParameters ?? null),
    inputTokens: r.inputTokens,
    outputTokens: r.outputTokens,
    totalTokens: r.totalTokens,
    usageDetails: numberMap(r.usageDetails),
    inputCost: r.inputCost,
    outputCost: r.outputCost,
    totalCost: r.totalCost,
    costDetails: numberMap(r.costDetails),
    latencyMs: r.endTime ? r.endTime.getTime() - r.startTime.getTime() : null,
  };
  // A payload stored deeper than the ingestion limit is cut for the viewer (capJsonDepth).
  if (payloads) {
    const shown = (v: unknown) => capJsonDepth(v ?? null);
    Object.assign(view, { input: shown(payloads.input), output: shown(payloads.output), metadata: shown(payloads.metadata) });
  }
  return view;
}
