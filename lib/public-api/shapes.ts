// Langfuse-compatible JSON shapes for the read API, so SDK clients and scripts
// written against Langfuse's public API read Loupe unchanged.
import type { Observation, Score, Trace } from "../db/generated/sqlite/client";
import { isoOrNull } from "../iso";

export function pageMeta(page: number, limit: number, totalItems: number) {
  return { page, limit, totalItems, totalPages: Math.ceil(totalItems / limit) };
}

const iso = isoOrNull;

export function traceToApi(t: Trace, extra: { observations?: unknown[]; scores?: unknown[]; projectId: string }) {
  return {
    id: t.id,
    projectId: extra.projectId,
    timestamp: iso(t.timestamp),
    name: t.name,
    input: t.input,
    output: t.output,
    sessionId: t.sessionId,
    release: t.release,
    version: t.version,
    userId: t.userId,
    metadata: t.metadata,
    tags: (t.tags as string[] | null) ?? [],
    public: t.public,
    bookmarked: t.bookmarked,
    environment: t.environment,
    htmlPath: `/${extra.projectId}/traces/${encodeURIComponent(t.id)}`,
    // Langfuse reports trace latency in seconds.
    latency: t.latencyMs === null ? null : t.latencyMs / 1000,
    totalCost: t.totalCost ?? 0,
    observations: extra.observations ?? [],
    scores: extra.scores ?? [],
    createdAt: iso(t.createdAt),
    updatedAt: iso(t.updatedAt),
  };
}

export function observationToApi(o: Observation) {
  const latencyMs = o.endTime ? o.endTime.getTime() - o.startTime.getTime() : null;
  return {
    id: o.id,
    traceId: o.traceId,
    projectId: o.projectId,
    type: o.type,
    name: o.name,
    startTime: iso(o.startTime),
    endTime: iso(o.endTime),
    completionStartTime: iso(o.completionStartTime),
    model: o.model,
    modelParameters: o.modelParameters,
    input: o.input,
    output: o.output,
    metadata: o.metadata,
    level: o.level,
    statusMessage: o.statusMessage,
    parentObservationId: o.parentObservationId,
    version: o.version,
    environment: o.environment,
    promptName: o.promptName,
    promptVersion: o.promptVersion,
    usage: { input: o.inputTokens ?? 0, output: o.outputTokens ?? 0, total: o.totalTokens ?? 0, unit: "TOKENS" },
    usageDetails: o.usageDetails ?? {},
    costDetails: o.costDetails ?? {},
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

export function scoreToApi(s: Score) {
  return {
    id: s.id,
    projectId: s.projectId,
    traceId: s.traceId,
    observationId: s.observationId,
    sessionId: s.sessionId,
    datasetRunId: s.datasetRunId,
    name: s.name,
    value: s.dataType === "CATEGORICAL" || s.dataType === "TEXT" ? (s.value ?? s.stringValue) : s.value,
    stringValue: s.stringValue,
    dataType: s.dataType,
    source: s.source,
    comment: s.comment,
    configId: s.configId,
    queueId: s.queueId,
    authorUserId: s.authorUserId,
    environment: s.environment,
    metadata: s.metadata,
    timestamp: iso(s.timestamp),
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
  };
}
