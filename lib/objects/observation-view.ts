// The observation as the trace viewer shows it: plain serialisable data (dates
// as ISO strings) that lib maps from rows (observation-map.ts) and components
// render. Pure: client components import it; it never imports components/.

// The vocabularies are the ingestion model's (a pure module, safe in client code).
import { LEVELS, OBSERVATION_TYPES, type Level, type ObservationType } from "@/lib/ingest/events";

export { OBSERVATION_TYPES, type ObservationType };
export const OBSERVATION_LEVELS = LEVELS;
export type ObservationLevel = Level;

export interface ObservationView {
  id: string;
  traceId: string;
  parentObservationId: string | null;
  type: ObservationType;
  name: string | null;
  /** ISO 8601 */
  startTime: string;
  endTime: string | null;
  completionStartTime: string | null;
  level: ObservationLevel;
  statusMessage: string | null;
  model: string | null;
  modelParameters: unknown;
  inputTokens: number | null;
  outputTokens: number | null;
  totalTokens: number | null;
  /** tokens by usage type, e.g. {input: 10, output: 5, cache_read: 3} */
  usageDetails: Record<string, number> | null;
  inputCost: number | null;
  outputCost: number | null;
  totalCost: number | null;
  /** USD by usage type */
  costDetails: Record<string, number> | null;
  latencyMs: number | null;
  /** Payloads: `undefined` = not loaded (list view), `null` = none recorded. Untrusted; render as text. */
  input?: unknown;
  output?: unknown;
  metadata?: unknown;
  /** Payloads too big to send with the detail: their size and start, and the field is undefined. */
  clipped?: Partial<Record<PayloadField, PayloadPreview>>;
}

export type PayloadField = "input" | "output" | "metadata";

/** A payload's size (characters of its stored JSON text) and its first characters, as text. */
export interface PayloadPreview {
  chars: number;
  text: string;
}

/** True when the payload fields were included (possibly as null). */
export function hasPayloads(o: ObservationView): boolean {
  return o.input !== undefined || o.output !== undefined || o.metadata !== undefined || o.clipped !== undefined;
}
