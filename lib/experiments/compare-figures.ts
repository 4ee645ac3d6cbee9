// The figures of every run item of a few runs (latency, cost, the latest
// score of each name), without outputs: what the compare view classifies all
// items from before it loads one page of outputs. Two lean SQL reads; the
// rules match loadRunItemResults (lib/experiments/results.ts) exactly: the
// linked observation's duration else the trace's latency, the trace's cost,
// the latest score of each name (oldest first, so the last one wins).
import "server-only";
import type { Db } from "../db/client";
import { dialectOf } from "../db/client";
import { decode, sql } from "../db/sql";
import type { ItemFigures } from "./deltas";
import { RESULT_SCORE_TYPES } from "./results";
import type { ScoreFigure } from "./thresholds";

export interface RunItemFigures extends ItemFigures {
  runId: string;
  datasetItemId: string;
}

type FigureRow = {
  id: string;
  runId: string;
  itemId: string;
  traceId: string;
  observationId: string | null;
  tid: string | null;
  traceLatency: unknown;
  obsLatency: unknown;
  cost: unknown;
};
type ScoreRow = { traceId: string; name: string; dataType: string; value: unknown; stringValue: string | null };

export async function loadRunItemFigures(client: Db, projectId: string, runIds: string[]): Promise<RunItemFigures[]> {
  if (!runIds.length) return [];
  const d = dialectOf(client);
  const inRuns = d.inList(sql`ri."datasetRunId"`, runIds);
  const [rows, scores] = await Promise.all([
    client.$queryRaw<FigureRow[]>`SELECT ri."id", ri."datasetRunId" AS "runId", ri."datasetItemId" AS "itemId", ri."traceId", ri."observationId",
        t."id" AS "tid", t."latencyMs" AS "traceLatency", t."totalCost" AS "cost",
        CASE WHEN o."endTime" IS NULL THEN NULL ELSE ${d.msBetween(sql`o."endTime"`, sql`o."startTime"`)} END AS "obsLatency"
      FROM "DatasetRunItem" ri
      LEFT JOIN "Trace" t ON t."projectId" = ri."projectId" AND t."id" = ri."traceId"
      LEFT JOIN "Observation" o ON o."projectId" = ri."projectId" AND o."id" = ri."observationId"
      WHERE ri."projectId" = ${projectId} AND ${inRuns}`,
    // Scores of the traces these runs link to; a trace linked twice appears once.
    client.$queryRaw<ScoreRow[]>`SELECT s."traceId", s."name", s."dataType", s."value", s."stringValue" FROM "Score" s
      WHERE s."projectId" = ${projectId} AND s."dataType" IN (${sql`${RESULT_SCORE_TYPES[0]}, ${RESULT_SCORE_TYPES[1]}, ${RESULT_SCORE_TYPES[2]}`})
        AND s."traceId" IN (SELECT DISTINCT ri."traceId" FROM "DatasetRunItem" ri WHERE ri."projectId" = ${projectId} AND ${inRuns})
      ORDER BY s."timestamp" ASC, s."id" ASC`,
  ]);
  const byTrace = new Map<string, Record<string, ScoreFigure>>();
  for (const s of scores) {
    const named = byTrace.get(s.traceId) ?? {};
    named[s.name] = { dataType: s.dataType as ScoreFigure["dataType"], value: decode.numberOrNull(s.value), stringValue: s.stringValue };
    byTrace.set(s.traceId, named);
  }
  return rows.map((r) => ({
    runItemId: r.id,
    runId: r.runId,
    datasetItemId: r.itemId,
    traceId: r.traceId,
    observationId: r.observationId,
    traceArrived: r.tid !== null,
    latencyMs: decode.numberOrNull(r.obsLatency) ?? decode.numberOrNull(r.traceLatency),
    totalCost: decode.numberOrNull(r.cost),
    scores: byTrace.get(r.traceId) ?? {},
  }));
}
