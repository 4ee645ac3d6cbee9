// The Langfuse-compatible read API over Loupe's tables.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { db } from "../db/client";
import { ApiError } from "../http/errors";
import { ingestEvents } from "../ingest/service";
import { checkAgainstConfig } from "../scores/validate";
import { deleteTraces } from "../traces/delete";
import { countTraces, listTraces } from "../traces/list";
import type { TraceFilter, TraceSortColumn } from "../traces/schemas";
import type { createScoreBody, observationListQuery, scoreListQuery, sessionListQuery, traceListQuery } from "./schemas";
import { observationToApi, pageMeta, scoreToApi, traceToApi } from "./shapes";

const notFound = (what: string, id: string) => new ApiError("not_found", `${what} ${id} not found`);

const ORDER: Record<string, TraceSortColumn> = { timestamp: "timestamp", latency: "latency", totalCost: "cost", name: "name" };

export async function listTracesApi(projectId: string, q: z.infer<typeof traceListQuery>) {
  const filter: TraceFilter = {
    userId: q.userId,
    name: q.name ? [q.name] : undefined,
    sessionId: q.sessionId,
    tags: q.tags,
    from: q.fromTimestamp,
    to: q.toTimestamp,
    environment: q.environment,
    release: q.release,
    version: q.version,
  };
  const [col, dir] = (q.orderBy ?? "timestamp.desc").split(".");
  const [rows, total] = await Promise.all([
    listTraces(db, projectId, { filter, sort: { column: ORDER[col], dir: dir as "asc" | "desc" }, page: q.page, limit: q.limit }),
    countTraces(db, projectId, filter),
  ]);
  const ids = rows.map((r) => r.id);
  const [full, obs, scores] = await Promise.all([
    db.trace.findMany({ where: { projectId, id: { in: ids } } }),
    db.observation.findMany({ where: { projectId, traceId: { in: ids } }, select: { id: true, traceId: true } }),
    db.score.findMany({ where: { projectId, traceId: { in: ids } }, select: { id: true, traceId: true } }),
  ]);
  const byId = new Map(full.map((t) => [t.id, t]));
  const group = (items: { id: string; traceId: string | null }[]) => {
    const m = new Map<string, string[]>();
    for (const i of items) m.set(i.traceId!, [...(m.get(i.traceId!) ?? []), i.id]);
    return m;
  };
  const obsBy = group(obs);
  const scoreBy = group(scores);
  return {
    data: ids.map((id) => traceToApi(byId.get(id)!, { projectId, observations: obsBy.get(id) ?? [], scores: scoreBy.get(id) ?? [] })),
    meta: pageMeta(q.page, q.limit, total),
  };
}

export async function getTraceApi(projectId: string, id: string) {
  const trace = await db.trace.findUnique({ where: { projectId_id: { projectId, id } } });
  if (!trace) throw notFound("Trace", id);
  const [obs, scores] = await Promise.all([
    db.observation.findMany({ where: { projectId, traceId: id }, orderBy: { startTime: "asc" } }),
    db.score.findMany({ where: { projectId, traceId: id }, orderBy: { timestamp: "asc" } }),
  ]);
  return traceToApi(trace, { projectId, observations: obs.map(observationToApi), scores: scores.map(scoreToApi) });
}

export async function deleteTraceApi(projectId: string, id: string) {
  const n = await deleteTraces(db, projectId, [id]);
  if (!n) throw notFound("Trace", id);
  return { message: "Trace deleted successfully" };
}

/** The userId filter of observations and scores goes through the user's traces (capped). */
async function traceIdsOfUser(projectId: string, userId: string | undefined): Promise<string[] | undefined> {
  if (!userId) return undefined;
  const rows = await db.trace.findMany({ where: { projectId, userId }, select: { id: true }, take: 10_000 });
  return rows.map((t) => t.id);
}

export async function listObservationsApi(projectId: string, q: z.infer<typeof observationListQuery>) {
  const userTraces = await traceIdsOfUser(projectId, q.userId);
  const where = {
    projectId,
    name: q.name,
    type: q.type,
    traceId: q.traceId ?? (userTraces ? { in: userTraces } : undefined),
    level: q.level,
    parentObservationId: q.parentObservationId,
    environment: q.environment ? { in: q.environment } : undefined,
    startTime: q.fromStartTime || q.toStartTime ? { gte: q.fromStartTime, lt: q.toStartTime } : undefined,
  };
  const [rows, total] = await Promise.all([
    db.observation.findMany({ where, orderBy: [{ startTime: "desc" }, { id: "desc" }], skip: (q.page - 1) * q.limit, take: q.limit }),
    db.observation.count({ where }),
  ]);
  return { data: rows.map(observationToApi), meta: pageMeta(q.page, q.limit, total) };
}

export async function getObservationApi(projectId: string, id: string) {
  const o = await db.observation.findUnique({ where: { projectId_id: { projectId, id } } });
  if (!o) throw notFound("Observation", id);
  return observationToApi(o);
}

export async function listScoresApi(projectId: string, q: z.infer<typeof scoreListQuery>) {
  const userTraces = await traceIdsOfUser(projectId, q.userId);
  const where = {
    projectId,
    name: q.name,
    traceId: q.traceId ?? (userTraces ? { in: userTraces } : undefined),
    observationId: q.observationId,
    sessionId: q.sessionId,
    source: q.source,
    dataType: q.dataType,
    configId: q.configId,
    environment: q.environment ? { in: q.environment } : undefined,
    timestamp: q.fromTimestamp || q.toTimestamp ? { gte: q.fromTimestamp, lt: q.toTimestamp } : undefined,
  };
  const [rows, total] = await Promise.all([
    db.score.findMany({ where, orderBy: [{ timestamp: "desc" }, { id: "desc" }], skip: (q.page - 1) * q.limit, take: q.limit }),
    db.score.count({ where }),
  ]);
  return { data: rows.map(scoreToApi), meta: pageMeta(q.page, q.limit, total) };
}

export async function createScoreApi(projectId: string, body: z.infer<typeof createScoreBody>) {
  const checked = await checkAgainstConfig(db, projectId, body);
  const id = body.id ?? randomUUID();
  await ingestEvents(projectId, [
    {
      kind: "score",
      id,
      name: body.name,
      value: checked.value,
      dataType: checked.dataType as "NUMERIC",
      traceId: body.traceId,
      observationId: body.observationId,
      sessionId: body.sessionId,
      datasetRunId: body.datasetRunId,
      comment: body.comment,
      configId: body.configId,
      environment: body.environment,
      metadata: body.metadata as Record<string, never> | null | undefined,
      source: "API",
      timestamp: new Date(),
    },
  ]);
  return { id };
}

export async function deleteScoreApi(projectId: string, id: string) {
  const res = await db.score.deleteMany({ where: { projectId, id } });
  if (!res.count) throw notFound("Score", id);
  return { message: "Score deleted successfully" };
}

export async function listSessionsApi(projectId: string, q: z.infer<typeof sessionListQuery>) {
  const where = {
    projectId,
    environment: q.environment ? { in: q.environment } : undefined,
    createdAt: q.fromTimestamp || q.toTimestamp ? { gte: q.fromTimestamp, lt: q.toTimestamp } : undefined,
  };
  const [rows, total] = await Promise.all([
    db.session.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (q.page - 1) * q.limit, take: q.limit }),
    db.session.count({ where }),
  ]);
  return {
    data: rows.map((s) => ({ id: s.id, createdAt: s.createdAt.toISOString(), projectId, environment: s.environment })),
    meta: pageMeta(q.page, q.limit, total),
  };
}

export async function getSessionApi(projectId: string, id: string) {
  const s = await db.session.findUnique({ where: { projectId_id: { projectId, id } } });
  if (!s) throw notFound("Session", id);
  const traces = await db.trace.findMany({ where: { projectId, sessionId: id }, orderBy: { timestamp: "asc" } });
  return { id, createdAt: s.createdAt.toISOString(), projectId, environment: s.environment, traces: traces.map((t) => traceToApi(t, { projectId })) };
}
