// The Langfuse-compatible read API over Loupe's tables.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { db, transaction } from "../db/client";
import { removeFromRollups } from "../analytics/rollups/remove";
import { DomainError } from "../errors";
import { ingestEvents } from "../ingest/service";
import { checkAgainstConfig } from "../scores/validate";
import { countCapped, pageIds } from "./list-sql";
import { deleteTraces } from "../traces/delete";
import { countTracesCapped, listTraces, matchingTraceIds } from "../traces/list";
import type { TraceFilter, TraceSortColumn } from "../traces/schemas";
import type { createScoreBody, observationListQuery, scoreListQuery, sessionListQuery, traceListQuery } from "./schemas";
import { extendedTraceToApi, observationToApi, pageMeta, scoreToApi, scoreTraceToApi, sessionToApi, traceToApi } from "./shapes";

const notFound = (what: string, id: string) => new DomainError("not_found", `${what} ${id} not found`);

const ORDER: Record<string, TraceSortColumn> = { timestamp: "timestamp", latency: "latency", totalCost: "cost", name: "name" };

/**
 * The count behind `meta`: exact up to 10,000 rows past the page asked for, so
 * totalPages always reaches beyond the current page and a client paging to the
 * end ends where the data does; an exact COUNT over a million rows would cost a
 * full index scan on every page.
 */
export const COUNT_AHEAD = 10_000;
const countCap = (page: number, limit: number) => (page - 1) * limit + COUNT_AHEAD;

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
    countTracesCapped(db, projectId, filter, countCap(q.page, q.limit)),
  ]);
  const ids = rows.map((r) => r.id);
  const [full, obs, scores] = await Promise.all([
    db.trace.findMany({ where: { projectId, id: { in: ids } } }),
    db.observation.findMany({ where: { projectId, traceId: { in: ids } }, select: { id: true, traceId: true } }),
    db.score.findMany({ where: { projectId, traceId: { in: ids }, dataType: v1DataTypes }, select: { id: true, traceId: true } }),
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
    data: ids.map((id) => extendedTraceToApi(byId.get(id)!, { projectId, observations: obsBy.get(id) ?? [], scores: scoreBy.get(id) ?? [] })),
    meta: pageMeta(q.page, q.limit, total.count),
  };
}

export async function getTraceApi(projectId: string, id: string) {
  const trace = await db.trace.findUnique({ where: { projectId_id: { projectId, id } } });
  if (!trace) throw notFound("Trace", id);
  const [obs, scores] = await Promise.all([
    db.observation.findMany({ where: { projectId, traceId: id }, orderBy: { startTime: "asc" } }),
    db.score.findMany({ where: { projectId, traceId: id, dataType: v1DataTypes }, orderBy: { timestamp: "asc" } }),
  ]);
  return extendedTraceToApi(trace, { projectId, observations: obs.map(observationToApi), scores: scores.map(scoreToApi) });
}

export async function deleteTraceApi(projectId: string, id: string) {
  const n = await deleteTraces(db, projectId, [id]);
  if (!n) throw notFound("Trace", id);
  return { message: "Trace deleted successfully" };
}

/** Filters on trace fields (userId, tags) go through the matching traces, capped. */
const TRACE_FILTER_CAP = 10_000;
async function traceIdsMatching(projectId: string, f: { userId?: string; tags?: string[] }): Promise<string[] | undefined> {
  if (!f.userId && !f.tags?.length) return undefined;
  return matchingTraceIds(db, projectId, { userId: f.userId, tags: f.tags?.length ? f.tags : undefined }, TRACE_FILTER_CAP);
}

/** traceId given and trace-field filters: the traceId must also match them. */
function traceIdWhere(traceId: string | undefined, matching: string[] | undefined) {
  if (!matching) return traceId;
  if (traceId) return matching.includes(traceId) ? traceId : { in: [] };
  return { in: matching };
}

/** Rows fetched by id, back in the order of the ids. */
async function inOrder<T extends { id: string }>(ids: string[], rows: Promise<T[]>): Promise<T[]> {
  const byId = new Map((await rows).map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is T => !!r);
}

const range = (from?: Date, to?: Date) => (from || to ? { gte: from, lt: to } : undefined);

export async function listObservationsApi(projectId: string, q: z.infer<typeof observationListQuery>) {
  const where = {
    projectId,
    name: q.name,
    type: q.type,
    traceId: traceIdWhere(q.traceId, await traceIdsMatching(projectId, { userId: q.userId })),
    level: q.level,
    version: q.version,
    parentObservationId: q.parentObservationId,
    environment: q.environment ? { in: q.environment } : undefined,
    startTime: range(q.fromStartTime, q.toStartTime),
  };
  const [rows, total] = await Promise.all([
    pageIds(db, "Observation", where, "startTime", q.page, q.limit).then((ids) => inOrder(ids, db.observation.findMany({ where: { projectId, id: { in: ids } } }))),
    countCapped(db, "Observation", where, countCap(q.page, q.limit)),
  ]);
  return { data: rows.map(observationToApi), meta: pageMeta(q.page, q.limit, total) };
}

export async function getObservationApi(projectId: string, id: string) {
  const o = await db.observation.findUnique({ where: { projectId_id: { projectId, id } } });
  if (!o) throw notFound("Observation", id);
  return observationToApi(o);
}

const OPERATORS = { "<": "lt", ">": "gt", "<=": "lte", ">=": "gte", "=": "equals", "!=": "not" } as const;

/**
 * Which scores a read API version serves: Langfuse's v1 (and a trace's
 * `scores`) list every type but CORRECTION; v2 serves corrections too.
 */
export type ScoreApiVersion = "v1" | "v2";
const v1DataTypes = { not: "CORRECTION" } as const;

/**
 * GET /api/public/scores (v1) and /api/public/v2/scores: the same filters
 * (v1 takes the v2 ones too), each item with the fields of its trace unless
 * `fields` leaves out "trace".
 */
export async function listScoresApi(projectId: string, q: z.infer<typeof scoreListQuery>, version: ScoreApiVersion = "v2") {
  const fields = q.fields ?? ["score", "trace"];
  const matching = await traceIdsMatching(projectId, { userId: q.userId, tags: q.traceTags });
  const where = {
    projectId,
    id: q.scoreIds ? { in: q.scoreIds } : undefined,
    name: q.name,
    traceId: traceIdWhere(q.traceId, matching),
    observationId: q.observationId ? { in: q.observationId } : undefined,
    sessionId: q.sessionId,
    datasetRunId: q.datasetRunId,
    source: q.source,
    dataType: version === "v1" ? (q.dataType === "CORRECTION" ? { in: [] } : (q.dataType ?? v1DataTypes)) : q.dataType,
    configId: q.configId,
    queueId: q.queueId,
    environment: q.environment ? { in: q.environment } : undefined,
    value: q.operator && q.value !== undefined ? { [OPERATORS[q.operator]]: q.value } : undefined,
    timestamp: range(q.fromTimestamp, q.toTimestamp),
  };
  const [rows, total] = await Promise.all([
    pageIds(db, "Score", where, "timestamp", q.page, q.limit).then((ids) => inOrder(ids, db.score.findMany({ where: { projectId, id: { in: ids } } }))),
    countCapped(db, "Score", where, countCap(q.page, q.limit)),
  ]);
  const withTrace = fields.includes("trace");
  const traceIds = withTrace ? [...new Set(rows.map((r) => r.traceId).filter((id): id is string => !!id))] : [];
  const traces = traceIds.length
    ? await db.trace.findMany({ where: { projectId, id: { in: traceIds } }, select: { id: true, userId: true, tags: true, environment: true, sessionId: true } })
    : [];
  const traceBy = new Map(traces.map((t) => [t.id, t]));
  return {
    data: rows.map((s) => (withTrace ? { ...scoreToApi(s), trace: scoreTraceToApi(s.traceId ? traceBy.get(s.traceId) : undefined) } : scoreToApi(s))),
    meta: pageMeta(q.page, q.limit, total),
  };
}

export async function getScoreApi(projectId: string, id: string, version: ScoreApiVersion = "v2") {
  const s = await db.score.findUnique({ where: { projectId_id: { projectId, id } } });
  if (!s || (version === "v1" && s.dataType === "CORRECTION")) throw notFound("Score", id);
  return scoreToApi(s);
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
      stringValue: checked.stringValue,
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
  const res = await transaction(db, async (tx) => {
    await removeFromRollups(tx, projectId, { scoreIds: [id] });
    return tx.score.deleteMany({ where: { projectId, id } });
  });
  if (!res.count) throw notFound("Score", id);
  return { message: "Score deleted successfully" };
}

export async function listSessionsApi(projectId: string, q: z.infer<typeof sessionListQuery>) {
  const where = {
    projectId,
    environment: q.environment ? { in: q.environment } : undefined,
    createdAt: range(q.fromTimestamp, q.toTimestamp),
  };
  const [rows, total] = await Promise.all([
    pageIds(db, "Session", where, "createdAt", q.page, q.limit).then((ids) => inOrder(ids, db.session.findMany({ where: { projectId, id: { in: ids } } }))),
    countCapped(db, "Session", where, countCap(q.page, q.limit)),
  ]);
  return { data: rows.map(sessionToApi), meta: pageMeta(q.page, q.limit, total) };
}

export async function getSessionApi(projectId: string, id: string) {
  const s = await db.session.findUnique({ where: { projectId_id: { projectId, id } } });
  if (!s) throw notFound("Session", id);
  const traces = await db.trace.findMany({ where: { projectId, sessionId: id }, orderBy: { timestamp: "asc" } });
  return { ...sessionToApi(s), traces: traces.map((t) => traceToApi(t, projectId)) };
}
