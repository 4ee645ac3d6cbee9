// Langfuse-compatible JSON shapes for the read API, so SDK clients and scripts
// written against Langfuse's public API read Loupe unchanged. Field for field
// after Langfuse's public API types (web/src/features/public-api/types/*.ts and
// packages/shared/src/features/scores/interfaces/api): fields Loupe has no data
// for (prompt ids, pricing tiers, tokenizers) are present and null, as Langfuse
// sends them when unset; a missing metadata is {} as in Langfuse.
import type { Observation, Score, Session, Trace } from "../db/models";
import { isoOrNull } from "../iso";

export function pageMeta(page: number, limit: number, totalItems: number) {
  return { page, limit, totalItems, totalPages: Math.ceil(totalItems / limit) };
}

const iso = isoOrNull;
const obj = (v: unknown) => (v === null || v === undefined ? {} : v);

/** Langfuse's APITrace: the trace itself (session detail lists these). */
export function traceToApi(t: Trace, projectId: string) {
  return {
    id: t.id,
    externalId: null,
    projectId,
    timestamp: iso(t.timestamp),
    name: t.name,
    input: t.input,
    output: t.output,
    sessionId: t.sessionId,
    release: t.release,
    version: t.version,
    userId: t.userId,
    metadata: obj(t.metadata),
    tags: (t.tags as string[] | null) ?? [],
    public: t.public,
    bookmarked: t.bookmarked,
    environment: t.environment,
    createdAt: iso(t.createdAt),
    updatedAt: iso(t.updatedAt),
  };
}

/**
 * Langfuse's extended trace: list items carry observation and score ids, the
 * detail carries them whole.
 */
export function extendedTraceToApi(t: Trace, extra: { projectId: string; observations: unknown[]; scores: unknown[] }) {
  return {
    ...traceToApi(t, extra.projectId),
    htmlPath: `/${extra.projectId}/traces/${encodeURIComponent(t.id)}`,
    // Langfuse reports trace latency in seconds.
    latency: t.latencyMs === null ? null : t.latencyMs / 1000,
    totalCost: t.totalCost ?? 0,
    observations: extra.observations,
    scores: extra.scores,
  };
}

/** The stored details map with the input/output/total figures Langfuse always folds into it. */
function details(stored: unknown, input: number | null, output: number | null, total: number | null): Record<string, number> {
  const out: Record<string, number> = { ...((stored as Record<string, number> | null) ?? {}) };
  if (input !== null) out.input = input;
  if (output !== null) out.output = output;
  if (total !== null) out.total = total;
  return out;
}

export function observationToApi(o: Observation) {
  const latencyMs = o.endTime ? o.endTime.getTime() - o.startTime.getTime() : null;
  const promptTokens = o.inputTokens ?? 0;
  const completionTokens = o.outputTokens ?? 0;
  const totalTokens = o.totalTokens ?? 0;
  return {
    id: o.id,
    projectId: o.projectId,
    traceId: o.traceId,
    parentObservationId: o.parentObservationId,
    type: o.type,
    name: o.name,
    environment: o.environment,
    startTime: iso(o.startTime),
    endTime: iso(o.endTime),
    completionStartTime: iso(o.completionStartTime),
    version: o.version,
    model: o.model,
    modelParameters: o.modelParameters,
    input: o.input,
    output: o.output,
    metadata: obj(o.metadata),
    level: o.level,
    statusMessage: o.statusMessage,
    // Loupe keeps no prompt registry: the name and version the client sent, no id.
    promptId: null,
    promptName: o.promptName,
    promptVersion: o.promptVersion,
    usageDetails: details(o.usageDetails, o.inputTokens, o.outputTokens, o.totalTokens),
    costDetails: details(o.costDetails, o.inputCost, o.outputCost, o.totalCost),
    usage: { unit: "TOKENS", input: promptTokens, output: completionTokens, total: totalTokens },
    // Langfuse's legacy usage fields, kept for older SDKs.
    unit: "TOKENS",
    promptTokens,
    completionTokens,
    totalTokens,
    usagePricingTierName: null,
    usagePricingTierId: null,
    // The matched price is not kept per observation.
    modelId: null,
    inputPrice: null,
    outputPrice: null,
    totalPrice: null,
    calculatedInputCost: o.inputCost,
    calculatedOutputCost: o.outputCost,
    calculatedTotalCost: o.totalCost,
    // Langfuse reports observation latency and time to first token in seconds.
    latency: latencyMs === null ? null : latencyMs / 1000,
    timeToFirstToken: o.completionStartTime ? (o.completionStartTime.getTime() - o.startTime.getTime()) / 1000 : null,
    createdAt: iso(o.createdAt),
    updatedAt: iso(o.updatedAt),
  };
}

/**
 * Langfuse's score: `value` is a number for every type but TEXT (which has none):
 * a categorical score's category number (0 when it has no config), its label in
 * `stringValue`; a boolean's "True"/"False" in `stringValue`.
 */
export function scoreToApi(s: Score) {
  const base = {
    id: s.id,
    projectId: s.projectId,
    traceId: s.traceId,
    observationId: s.observationId,
    sessionId: s.sessionId,
    datasetRunId: s.datasetRunId,
    name: s.name,
    value: s.value ?? 0,
    stringValue: s.dataType === "NUMERIC" ? null : s.stringValue,
    dataType: s.dataType,
    source: s.source,
    comment: s.comment,
    configId: s.configId,
    queueId: s.queueId,
    authorUserId: s.authorUserId,
    executionTraceId: null,
    environment: s.environment,
    metadata: obj(s.metadata),
    timestamp: iso(s.timestamp),
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
  };
  if (s.dataType !== "TEXT") return base;
  const { value: _omitted, ...text } = base;
  return text;
}

/** The trace fields Langfuse attaches to each item of a score list. */
export function scoreTraceToApi(t: Pick<Trace, "userId" | "tags" | "environment" | "sessionId"> | undefined) {
  if (!t) return null;
  return { userId: t.userId, tags: (t.tags as string[] | null) ?? [], environment: t.environment, sessionId: t.sessionId };
}

export function sessionToApi(s: Session) {
  return { id: s.id, createdAt: iso(s.createdAt), projectId: s.projectId, environment: s.environment };
}
