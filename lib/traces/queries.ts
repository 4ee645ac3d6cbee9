import "server-only";
// Read models for the traces table and the trace page.
import { db } from "../db/client";
import { countCapFor, countTracesCapped, listTraces, pageScores, type TraceListRow } from "./list";
import { traceNeighbours } from "./neighbours";
import { scoreNames, traceNames } from "./options";
import { aggregateScores } from "./score-value";
import { parseTraceTableParams, type SearchParamsRecord, type TraceTableParams } from "./table-params";
import { capJsonDepth } from "../ingest/storable";

export interface TracesTableData {
  params: TraceTableParams;
  /** `scores`: the trace's own scores; `observationScores`: its observations' (their own columns). */
  rows: (TraceListRow & { scores: Record<string, number | string>; observationScores: Record<string, number | string> })[];
  total: number;
  totalCapped: boolean;
  scoreNames: string[];
  traceNames: string[];
  /** False when the project has no trace at all (empty state: how to send them). */
  hasTraces: boolean;
}

export async function tracesTable(projectId: string, searchParams: SearchParamsRecord): Promise<TracesTableData> {
  const params = parseTraceTableParams(searchParams);
  const { filter, sort, page, limit } = params;
  // Only the page's scores wait for the page's rows; the rest starts with them.
  const pageWithScores = listTraces(db, projectId, { filter, sort, page, limit }).then(async (rows) => ({
    rows,
    scores: await pageScores(db, projectId, rows.map((r) => r.id)),
  }));
  const [{ rows, scores: { trace: scores, observations: obsScores } }, count, names, scoreNameList] = await Promise.all([
    pageWithScores,
    countTracesCapped(db, projectId, filter, countCapFor(filter)),
    traceNames(db, projectId),
    scoreNames(db, projectId),
  ]);
  const hasTraces = count.count > 0 || (await db.trace.findFirst({ where: { projectId }, select: { id: true } })) !== null;
  return {
    params,
    rows: rows.map((r) => ({ ...r, scores: scores.get(r.id) ?? {}, observationScores: obsScores.get(r.id) ?? {} })),
    total: count.count,
    totalCapped: count.capped,
    scoreNames: scoreNameList,
    traceNames: names,
    hasTraces,
  };
}

const TRACE_HEADER_SELECT = {
  id: true,
  name: true,
  timestamp: true,
  userId: true,
  sessionId: true,
  release: true,
  version: true,
  environment: true,
  tags: true,
  metadata: true,
  bookmarked: true,
  startTime: true,
  endTime: true,
  latencyMs: true,
  observationCount: true,
  errorCount: true,
  warningCount: true,
  inputTokens: true,
  outputTokens: true,
  totalTokens: true,
  totalCost: true,
} as const;

/** The trace's own fields without its input/output (those can be megabytes: see trace-io.ts). */
export async function traceHeader(projectId: string, traceId: string) {
  const t = await db.trace.findUnique({ where: { projectId_id: { projectId, id: traceId } }, select: TRACE_HEADER_SELECT });
  if (!t) return null;
  return {
    ...t,
    // Metadata stored before the depth limit may be too deep to render or serialise.
    metadata: capJsonDepth(t.metadata),
    tags: Array.isArray(t.tags) ? t.tags.filter((x): x is string => typeof x === "string") : [],
  };
}
export type TraceHeader = NonNullable<Awaited<ReturnType<typeof traceHeader>>>;

/**
 * The trace's own scores for its header, one per name with the value its table
 * column shows (score-value.ts: mean of numeric ones, else the latest), and how
 * many scores make it up. Observation scores belong to their observations' panels.
 */
export async function traceScores(projectId: string, traceId: string) {
  // observationId is filtered here, not in the query: see pageScores in list.ts.
  const rows = (
    await db.score.findMany({
      where: { projectId, traceId },
      select: { traceId: true, observationId: true, name: true, value: true, stringValue: true, dataType: true, source: true },
      orderBy: [{ timestamp: "asc" }, { id: "asc" }],
    })
  ).filter((r) => r.observationId === null && r.dataType !== "CORRECTION");
  const values = aggregateScores(rows).get(traceId) ?? {};
  return Object.entries(values)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => {
      const mine = rows.filter((r) => r.name === name);
      return { name, value, count: mine.length, sources: [...new Set(mine.map((r) => r.source))] };
    });
}

/** Previous/next trace of the table view whose params the trace page carries. */
export async function traceNeighboursInView(projectId: string, traceId: string, view: SearchParamsRecord) {
  const { filter, sort } = parseTraceTableParams(view);
  return traceNeighbours(db, projectId, traceId, { filter, sort });
}
