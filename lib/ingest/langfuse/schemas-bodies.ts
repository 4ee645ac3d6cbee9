// Bodies of the Langfuse ingestion events, field for field as the SDKs send
// them (fern/apis/server/definition/ingestion.yml and the server's zod types).
// Objects strip unknown keys: newer SDKs add fields, older servers ignore them.

import { z } from "zod";
import { correctionIssues } from "../check-event";
import { SCORE_DATA_TYPES, SCORE_SOURCES } from "../events";
import {
  caseInsensitiveEnum,
  costDetailsSchema,
  countSchema,
  dateTimeSchema,
  environmentSchema,
  idSchema,
  indexedStringSchema,
  jsonPayloadSchema,
  legacyUsageSchema,
  levelSchema,
  metadataSchema,
  modelParametersSchema,
  refIdSchema,
  tagsSchema,
  usageDetailsSchema,
} from "./schemas-common";

export const traceBodySchema = z.object({
  id: idSchema.nullish(),
  timestamp: dateTimeSchema.nullish(),
  name: indexedStringSchema.nullish(),
  userId: indexedStringSchema.nullish(),
  sessionId: refIdSchema.nullish(),
  release: indexedStringSchema.nullish(),
  version: indexedStringSchema.nullish(),
  environment: environmentSchema.nullish(),
  metadata: metadataSchema,
  input: jsonPayloadSchema,
  output: jsonPayloadSchema,
  tags: tagsSchema.nullish(),
  public: z.boolean().nullish(),
});

/** Fields every observation event may carry (Langfuse's OptionalObservationBody). */
const observationFields = {
  id: idSchema.nullish(),
  traceId: idSchema.nullish(),
  name: indexedStringSchema.nullish(),
  startTime: dateTimeSchema.nullish(),
  metadata: metadataSchema,
  input: jsonPayloadSchema,
  output: jsonPayloadSchema,
  level: levelSchema.nullish(),
  statusMessage: z.string().nullish(),
  parentObservationId: refIdSchema.nullish(),
  version: indexedStringSchema.nullish(),
  environment: environmentSchema.nullish(),
};

const spanFields = { ...observationFields, endTime: dateTimeSchema.nullish() };

/** An end before the start (negative latency) is refused when one event states both. */
function endAfterStart(value: { startTime?: Date | null; endTime?: Date | null }, ctx: z.RefinementCtx) {
  if (value.startTime && value.endTime && value.endTime.getTime() < value.startTime.getTime()) {
    ctx.addIssue({ code: "custom", path: ["endTime"], message: "must not be before startTime" });
  }
}

const generationFields = {
  ...spanFields,
  completionStartTime: dateTimeSchema.nullish(),
  model: indexedStringSchema.nullish(),
  modelParameters: modelParametersSchema.nullish(),
  usage: legacyUsageSchema.nullish(),
  usageDetails: usageDetailsSchema.nullish(),
  costDetails: costDetailsSchema.nullish(),
  promptName: indexedStringSchema.nullish(),
  promptVersion: countSchema.nullish(),
};

/** Langfuse links a generation to a prompt only with both name and version. */
function promptPair(
  value: { promptName?: string | null; promptVersion?: number | null; startTime?: Date | null; endTime?: Date | null },
  ctx: z.RefinementCtx,
) {
  endAfterStart(value, ctx);
  const hasName = value.promptName != null;
  const hasVersion = value.promptVersion != null;
  if (hasName && !hasVersion) {
    ctx.addIssue({ code: "custom", path: ["promptVersion"], message: "required when promptName is set" });
  } else if (hasVersion && !hasName) {
    ctx.addIssue({ code: "custom", path: ["promptName"], message: "required when promptVersion is set" });
  }
}

// Creates may omit the body id (the event id stands in); updates must name their target.
const required = { id: idSchema };

export const eventCreateBodySchema = z.object(observationFields);
export const spanCreateBodySchema = z.object(spanFields).superRefine(endAfterStart);
export const spanUpdateBodySchema = z.object({ ...spanFields, ...required }).superRefine(endAfterStart);
export const generationCreateBodySchema = z.object(generationFields).superRefine(promptPair);
export const generationUpdateBodySchema = z.object({ ...generationFields, ...required }).superRefine(promptPair);

/**
 * agent-, tool-, chain-, retriever-, evaluator-, embedding- and guardrail-create
 * carry the generation body: an embedding has a model and usage, a tool or an
 * agent may too.
 */
export const typedObservationCreateBodySchema = generationCreateBodySchema;

const LEGACY_OBSERVATION_TYPES = ["SPAN", "GENERATION", "EVENT"] as const;
const legacyObservationFields = {
  ...generationFields,
  type: caseInsensitiveEnum(LEGACY_OBSERVATION_TYPES),
};

/** Legacy observation-create / observation-update: the type travels in the body. */
export const legacyObservationCreateBodySchema = z.object(legacyObservationFields).superRefine(promptPair);
export const legacyObservationUpdateBodySchema = z
  .object({ ...legacyObservationFields, ...required })
  .superRefine(promptPair);

const SCORE_TARGET_MESSAGE =
  "provide exactly one of traceId (with optional observationId), sessionId or datasetRunId";

export const scoreBodySchema = z
  .object({
    id: idSchema.nullish(),
    name: indexedStringSchema.min(1),
    value: z.union([z.number(), z.string()], {
      error: (iss) => (iss.input === undefined ? "required" : "expected a number or a string"),
    }),
    dataType: z.enum(SCORE_DATA_TYPES).nullish(),
    traceId: refIdSchema.nullish(),
    observationId: refIdSchema.nullish(),
    sessionId: refIdSchema.nullish(),
    datasetRunId: refIdSchema.nullish(),
    comment: z.string().nullish(),
    configId: refIdSchema.nullish(),
    queueId: refIdSchema.nullish(),
    source: z.enum(SCORE_SOURCES).nullish(),
    environment: environmentSchema.nullish(),
    metadata: metadataSchema,
  })
  .superRefine((score, ctx) => {
    // The value must fit the declared type (Langfuse's discriminated union on dataType).
    const { dataType, value } = score;
    if ((dataType === "NUMERIC" || dataType === "BOOLEAN") && typeof value !== "number") {
      ctx.addIssue({ code: "custom", path: ["value"], message: `must be a number for dataType ${dataType}` });
    } else if (dataType === "BOOLEAN" && value !== 0 && value !== 1) {
      ctx.addIssue({ code: "custom", path: ["value"], message: "must be 0 or 1 for dataType BOOLEAN" });
    } else if ((dataType === "CATEGORICAL" || dataType === "TEXT") && typeof value !== "string") {
      ctx.addIssue({ code: "custom", path: ["value"], message: `must be a string for dataType ${dataType}` });
    } else if (dataType === "TEXT" && value === "") {
      ctx.addIssue({ code: "custom", path: ["value"], message: "must not be empty for dataType TEXT" });
    } else if (dataType === "CORRECTION") {
      // Langfuse: the corrected output as text, on a trace or an observation, never with a config.
      for (const i of correctionIssues(score)) ctx.addIssue({ code: "custom", path: [i.path], message: i.issue });
    }
    // Same target rule as Langfuse's applyScoreValidation; empty strings count as absent.
    const onTrace = !!score.traceId;
    const onSession = !!score.sessionId;
    const onRun = !!score.datasetRunId;
    const targets = [onTrace, onSession, onRun].filter(Boolean).length;
    if (targets !== 1) {
      ctx.addIssue({ code: "custom", path: ["traceId"], message: SCORE_TARGET_MESSAGE });
    } else if (score.observationId && !onTrace) {
      ctx.addIssue({ code: "custom", path: ["observationId"], message: "requires traceId" });
    }
  });

/** sdk-log: SDK diagnostics; accepted and dropped. */
export const sdkLogBodySchema = z.object({
  log: z.custom<unknown>((value) => value !== undefined, { error: "required" }),
});

export type TraceBody = z.infer<typeof traceBodySchema>;
export type EventCreateBody = z.infer<typeof eventCreateBodySchema>;
export type SpanBody = z.infer<typeof spanCreateBodySchema>;
export type GenerationBody = z.infer<typeof generationCreateBodySchema>;
export type LegacyObservationBody = z.infer<typeof legacyObservationCreateBodySchema>;
export type ScoreBody = z.infer<typeof scoreBodySchema>;
