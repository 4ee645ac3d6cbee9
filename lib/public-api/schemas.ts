// Query and body schemas of the read API, in Langfuse's parameter names.
import { z } from "zod";
import { correctionIssues } from "../ingest/check-event";
import { LEVELS, OBSERVATION_TYPES, SCORE_DATA_TYPES, SCORE_SOURCES } from "../ingest/events";
import { pageSchema } from "../traces/schemas";
import { scoreBodyFields } from "../scores/schemas";

const isoDate = z.coerce.date({ message: "must be an ISO 8601 date" });
const list = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : v.split(",")).filter(Boolean));

export const traceListQuery = pageSchema.extend({
  userId: z.string().optional(),
  name: z.string().optional(),
  sessionId: z.string().optional(),
  tags: list.optional(),
  fromTimestamp: isoDate.optional(),
  toTimestamp: isoDate.optional(),
  orderBy: z.string().regex(/^(timestamp|latency|totalCost|name)\.(asc|desc)$/, "must be one of timestamp|latency|totalCost|name followed by .asc or .desc").optional(),
  environment: list.optional(),
  release: z.string().optional(),
  version: z.string().optional(),
});

export const observationListQuery = pageSchema.extend({
  name: z.string().optional(),
  userId: z.string().optional(),
  type: z.enum(OBSERVATION_TYPES, { message: `must be one of ${OBSERVATION_TYPES.join(", ")}` }).optional(),
  traceId: z.string().optional(),
  level: z.enum(LEVELS, { message: `must be one of ${LEVELS.join(", ")}` }).optional(),
  version: z.string().optional(),
  parentObservationId: z.string().optional(),
  environment: list.optional(),
  fromStartTime: isoDate.optional(),
  toStartTime: isoDate.optional(),
});

const SCORE_OPERATORS = ["<", ">", "<=", ">=", "!=", "="] as const;

/** GET /api/public/v2/scores (and v1, which takes the same): Langfuse's GetScoresQueryV2. */
export const scoreListQuery = pageSchema
  .extend({
    userId: z.string().optional(),
    name: z.string().optional(),
    traceId: z.string().optional(),
    observationId: list.optional(),
    sessionId: z.string().optional(),
    datasetRunId: z.string().optional(),
    fromTimestamp: isoDate.optional(),
    toTimestamp: isoDate.optional(),
    source: z.enum(SCORE_SOURCES, { message: `must be one of ${SCORE_SOURCES.join(", ")}` }).optional(),
    dataType: z.enum(SCORE_DATA_TYPES, { message: `must be one of ${SCORE_DATA_TYPES.join(", ")}` }).optional(),
    configId: z.string().optional(),
    queueId: z.string().optional(),
    environment: list.optional(),
    traceTags: list.optional(),
    scoreIds: list.optional(),
    operator: z.enum(SCORE_OPERATORS, { message: `must be one of ${SCORE_OPERATORS.join(" ")}` }).optional(),
    value: z.coerce.number({ message: "must be a number" }).finite("must be a number").optional(),
    // Like Langfuse, unknown field groups are dropped rather than refused.
    fields: list.transform((v) => v.filter((f): f is "score" | "trace" => f === "score" || f === "trace")).optional(),
  })
  .superRefine((q, ctx) => {
    if ((q.operator === undefined) !== (q.value === undefined)) {
      ctx.addIssue({ code: "custom", path: [q.operator === undefined ? "operator" : "value"], message: "operator and value go together" });
    }
    if (q.fields && !q.fields.includes("score")) ctx.addIssue({ code: "custom", path: ["fields"], message: "must include score" });
    if (q.fields && !q.fields.includes("trace") && (q.userId || q.traceTags)) {
      ctx.addIssue({ code: "custom", path: ["fields"], message: "must include trace to filter by userId or traceTags" });
    }
  });

export const sessionListQuery = pageSchema.extend({
  fromTimestamp: isoDate.optional(),
  toTimestamp: isoDate.optional(),
  environment: list.optional(),
});

export const createScoreBody = z
  .object({
    ...scoreBodyFields,
    name: z.string().min(1, "required").max(200),
    value: z.union([z.number().finite(), z.string()], { message: "must be a number or a string" }),
    dataType: z.enum(["NUMERIC", "CATEGORICAL", "BOOLEAN", "CORRECTION"], { message: "must be NUMERIC, CATEGORICAL, BOOLEAN or CORRECTION" }).optional(),
    comment: z.string().max(10_000).optional().nullable(),
    configId: z.string().optional().nullable(),
  })
  .superRefine((b, ctx) => {
    const targets = [b.traceId, b.sessionId, b.datasetRunId].filter(Boolean).length;
    if (targets !== 1) ctx.addIssue({ code: "custom", path: ["traceId"], message: "give exactly one of traceId, sessionId or datasetRunId" });
    if (b.observationId && !b.traceId) ctx.addIssue({ code: "custom", path: ["observationId"], message: "needs traceId" });
    if (b.dataType === "NUMERIC" && typeof b.value !== "number") ctx.addIssue({ code: "custom", path: ["value"], message: "must be a number for NUMERIC scores" });
    if (b.dataType === "BOOLEAN" && b.value !== 0 && b.value !== 1) ctx.addIssue({ code: "custom", path: ["value"], message: "must be 0 or 1 for BOOLEAN scores" });
    if (b.dataType === "CORRECTION") for (const i of correctionIssues(b)) ctx.addIssue({ code: "custom", path: [i.path], message: i.issue });
  });
