// zod schemas for `POST /api/public/traces`: the plain HTTP API for clients
// without an SDK. One trace, its observations nested as a tree through
// `children`; ids are optional (Loupe generates them) and type names are
// case-insensitive ("generation", "GENERATION", "Generation").

import { z } from "zod";
import { OBSERVATION_TYPES } from "../events";
import {
  caseInsensitiveEnum,
  costSchema,
  countSchema,
  dateTimeSchema,
  environmentSchema,
  idSchema,
  indexedStringSchema,
  jsonPayloadSchema,
  levelSchema,
  metadataSchema,
  modelParametersSchema,
  refIdSchema,
  tagsSchema,
} from "../langfuse/schemas-common";

export const observationTypeSchema = caseInsensitiveEnum(
  OBSERVATION_TYPES,
  OBSERVATION_TYPES.map((type) => type.toLowerCase()),
);

const tokenCount = countSchema;
const usd = costSchema;

/** Token counts; `details` by usage type (cache_read, reasoning, ...). */
export const nativeUsageSchema = z.object({
  input: tokenCount.nullish(),
  output: tokenCount.nullish(),
  total: tokenCount.nullish(),
  details: z.record(z.string(), tokenCount.nullish()).nullish(),
});

/** Cost in USD; a bare number is the total. Sending a cost means it wins over Loupe's prices. */
export const nativeCostSchema = z.union(
  [
    usd.transform((total) => ({ total })),
    z.object({
      input: usd.nullish(),
      output: usd.nullish(),
      total: usd.nullish(),
      details: z.record(z.string(), usd.nullish()).nullish(),
    }),
  ],
  {
    error: (iss) =>
      iss.input === undefined ? "required" : "expected a number (total USD) or {input, output, total, details}",
  },
);

const observationFields = {
  id: idSchema.nullish(),
  type: observationTypeSchema,
  name: indexedStringSchema.min(1),
  startTime: dateTimeSchema.nullish(),
  endTime: dateTimeSchema.nullish(),
  completionStartTime: dateTimeSchema.nullish(),
  input: jsonPayloadSchema,
  output: jsonPayloadSchema,
  metadata: metadataSchema,
  level: levelSchema.nullish(),
  statusMessage: z.string().nullish(),
  version: indexedStringSchema.nullish(),
  environment: environmentSchema.nullish(),
  model: indexedStringSchema.nullish(),
  modelParameters: modelParametersSchema.nullish(),
  usage: nativeUsageSchema.nullish(),
  cost: nativeCostSchema.nullish(),
  promptName: indexedStringSchema.nullish(),
  promptVersion: countSchema.nullish(),
};

type ObservationFields = z.output<z.ZodObject<typeof observationFields>>;

/** A parsed observation of the tree. */
export interface NativeObservation extends ObservationFields {
  children?: NativeObservation[] | null;
}

// The getter defers the self-reference; the explicit type is what lets TypeScript follow it.
export const nativeObservationSchema: z.ZodType<NativeObservation> = z
  .object({
    ...observationFields,
    get children() {
      return z.array(nativeObservationSchema).nullish();
    },
  })
  .superRefine((node, ctx) => {
    // An end before the start (negative latency) is refused.
    if (node.startTime && node.endTime && node.endTime.getTime() < node.startTime.getTime()) {
      ctx.addIssue({ code: "custom", path: ["endTime"], message: "must not be before startTime" });
    }
  });

export const nativeTraceSchema = z.object({
  id: idSchema.nullish(),
  name: indexedStringSchema.min(1),
  timestamp: dateTimeSchema.nullish(),
  userId: indexedStringSchema.nullish(),
  sessionId: refIdSchema.nullish(),
  release: indexedStringSchema.nullish(),
  version: indexedStringSchema.nullish(),
  environment: environmentSchema.nullish(),
  tags: tagsSchema.nullish(),
  metadata: metadataSchema,
  input: jsonPayloadSchema,
  output: jsonPayloadSchema,
  public: z.boolean().nullish(),
  observations: z.array(nativeObservationSchema).nullish(),
});

export type NativeTrace = z.output<typeof nativeTraceSchema>;
export type NativeUsage = z.output<typeof nativeUsageSchema>;
export type NativeCost = z.output<typeof nativeCostSchema>;

/** The reply: the ids of what was written, the observation ids mirroring the request's tree. */
export interface NativeObservationIds {
  id: string;
  children: NativeObservationIds[];
}
