// zod schemas for `POST /api/public/ingestion`, the Langfuse batch API.
// The envelope is checked first; each event is checked on its own so one bad
// event answers 400 in the 207 reply without sinking the good ones beside it.
// Bodies live in schemas-bodies.ts, shared field schemas in schemas-common.ts.

import { z } from "zod";
import type { ObservationType } from "../events";
import {
  eventCreateBodySchema,
  generationCreateBodySchema,
  generationUpdateBodySchema,
  legacyObservationCreateBodySchema,
  legacyObservationUpdateBodySchema,
  scoreBodySchema,
  sdkLogBodySchema,
  spanCreateBodySchema,
  spanUpdateBodySchema,
  traceBodySchema,
  typedObservationCreateBodySchema,
} from "./schemas-bodies";
import { dateTimeSchema, idSchema } from "./schemas-common";

export * from "./schemas-bodies";
export * from "./schemas-common";

export const LANGFUSE_EVENT_TYPES = [
  "trace-create",
  "span-create",
  "span-update",
  "generation-create",
  "generation-update",
  "event-create",
  "score-create",
  "sdk-log",
  "agent-create",
  "tool-create",
  "chain-create",
  "retriever-create",
  "evaluator-create",
  "embedding-create",
  "guardrail-create",
  // legacy: the observation type travels in body.type
  "observation-create",
  "observation-update",
] as const;
export type LangfuseEventType = (typeof LANGFUSE_EVENT_TYPES)[number];

/** The body schema for each event type. */
export const BODY_SCHEMAS = {
  "trace-create": traceBodySchema,
  "span-create": spanCreateBodySchema,
  "span-update": spanUpdateBodySchema,
  "generation-create": generationCreateBodySchema,
  "generation-update": generationUpdateBodySchema,
  "event-create": eventCreateBodySchema,
  "score-create": scoreBodySchema,
  "sdk-log": sdkLogBodySchema,
  "agent-create": typedObservationCreateBodySchema,
  "tool-create": typedObservationCreateBodySchema,
  "chain-create": typedObservationCreateBodySchema,
  "retriever-create": typedObservationCreateBodySchema,
  "evaluator-create": typedObservationCreateBodySchema,
  "embedding-create": typedObservationCreateBodySchema,
  "guardrail-create": typedObservationCreateBodySchema,
  "observation-create": legacyObservationCreateBodySchema,
  "observation-update": legacyObservationUpdateBodySchema,
} as const satisfies Record<LangfuseEventType, z.ZodType>;

export type LangfuseBody<T extends LangfuseEventType> = z.output<(typeof BODY_SCHEMAS)[T]>;

/**
 * The observation type an event type implies. `span-update` is absent on
 * purpose: it is the one update for every span-like type (agent, tool, ...),
 * so it must not turn an agent back into a span.
 */
export const OBSERVATION_TYPE_OF: Partial<Record<LangfuseEventType, ObservationType>> = {
  "span-create": "SPAN",
  "generation-create": "GENERATION",
  "generation-update": "GENERATION",
  "event-create": "EVENT",
  "agent-create": "AGENT",
  "tool-create": "TOOL",
  "chain-create": "CHAIN",
  "retriever-create": "RETRIEVER",
  "evaluator-create": "EVALUATOR",
  "embedding-create": "EMBEDDING",
  "guardrail-create": "GUARDRAIL",
};

/** The event envelope; `body` is only required to be an object here and checked per type. */
export const eventEnvelopeSchema = z.object({
  id: idSchema,
  timestamp: dateTimeSchema,
  type: z.enum(LANGFUSE_EVENT_TYPES, {
    error: (iss) =>
      iss.input === undefined ? "required" : `unknown event type ${JSON.stringify(iss.input) ?? String(iss.input)}`,
  }),
  body: z.looseObject({}),
  // SDK debugging info (sdk name/version); accepted and ignored
  metadata: z.unknown().optional(),
});
export type EventEnvelope = z.infer<typeof eventEnvelopeSchema>;

/** The request body. Events stay `unknown` so each is judged on its own. */
export const ingestionRequestSchema = z.object({
  batch: z.array(z.unknown()),
  metadata: z.unknown().optional(),
});
export type IngestionRequest = z.infer<typeof ingestionRequestSchema>;

/** The 207 reply, as the SDKs read it. */
export interface IngestionSuccess {
  id: string;
  status: number;
}
export interface IngestionError {
  id: string;
  status: number;
  message: string;
  error?: unknown;
}
export interface IngestionReply {
  successes: IngestionSuccess[];
  errors: IngestionError[];
}
