// What each run item produced: its output, latency, cost, tokens and scores,
// read from the trace (and observation) it links to. One loader for the run
// page, the compare view and the evaluators, so "the output of a run item"
// means one thing everywhere.
import "server-only";
import type { Db } from "../db/client";
import { isoAlways as iso } from "../iso";
import { latestOfEachName } from "../query/scores";

/** Score types the run views compare (text and corrections are not figures). */
export const RESULT_SCORE_TYPES = ["NUMERIC", "BOOLEAN", "CATEGORICAL"] as const;

export interface ResultScore {
  id: string;
  name: string;
  dataType: (typeof RESULT_SCORE_TYPES)[number];
  /** numeric value; booleans are 1/0 */
  value: number | null;
  /** the category of a categorical score ("true"/"false" for booleans) */
  stringValue: string | null;
  source: string;
  comment: string | null;
}

export interface RunItemResult {
  runItemId: string;
  runId: string;
  datasetItemId: string;
  traceId: string;
  observationId: string | null;
  /** the dataset version the item was run at (null: the item as it is) */
  datasetVersion: string | null;
  /** false while the linked trace has not arrived (the link came first) */
  traceArrived: boolean;
  /** the linked observation's output when it has one, else the trace's */
  output: unknown;
  /** the linked observation's duration, else the trace's latency */
  latencyMs: number | null;
  /** the whole trace's cost and tokens (what running the item cost) */
  totalCost: number | null;
  totalTokens: number | null;
  /** the latest score of each name on the trace */
  scores: ResultScore[];
  linkedAt: string;
}

const CHUNK = 500;

async function inChunks<T>(ids: string[], load: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(ids)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) out.push(...(await load(unique.slice(i, i + CHUNK))));
  return out;
}

/**
 * Results of the run items of `runIds` for `itemIds` (a page of the compare
 * view, of a run page). Bounded by the caller: there
 * is no "every item of the run" form, a run can hold 100,000.
 */
export async function loadRunItemResults(client: Db, projectId: string, runIds: string[], itemIds: string[]): Promise<RunItemResult[]> {
  if (!runIds.length || !itemIds.length) return [];
  const runItems = await inChunks(itemIds, (chunk) => client.datasetRunItem.findMany({ where: { projectId, datasetRunId: { in: runIds }, datasetItemId: { in: chunk } } }));
  if (!runItems.length) return [];
  return resultsOf(client, projectId, runItems);
}

/**
 * Results of exactly these run items (by run item id; ids of another project
 * or gone are left out), in no set order: the evaluators' pages, which name
 * the run items they score rather than every (run × item) pair of a page.
 */
export async function loadRunItemResultsByIds(client: Db, projectId: string, runItemIds: string[]): Promise<RunItemResult[]> {
  const runItems = await inChunks(runItemIds, (chunk) => client.datasetRunItem.findMany({ where: { projectId, id: { in: chunk } } }));
  if (!runItems.length) return [];
  return resultsOf(client, projectId, runItems);
}

type RunItemRow = { id: string; datasetRunId: string; datasetItemId: string; traceId: string; observationId: string | null; datasetVersion: Date | null; updatedAt: Date };

/** What each of these run items produced, read from their traces, observations and scores (both loaders). */
async function resultsOf(client: Db, projectId: string, runItems: RunItemRow[]): Promise<RunItemResult[]> {
  const traceIds = runItems.map((r) => r.traceId);
  const observationIds = runItems.map((r) => r.observationId).filter((id): id is string => !!id);
  const [traces, observations, scores] = await Promise.all([
    inChunks(traceIds, (chunk) =>
      client.trace.findMany({ where: { projectId, id: { in: chunk } }, select: { id: true, output: true, latencyMs: true, totalCost: true, totalTokens: true } }),
    ),
    inChunks(observationIds, (chunk) =>
      client.observation.findMany({ where: { projectId, id: { in: chunk } }, select: { id: true, output: true, startTime: true, endTime: true } }),
    ),
    inChunks(traceIds, (chunk) =>
      client.score.findMany({
        where: { projectId, traceId: { in: chunk }, dataType: { in: [...RESULT_SCORE_TYPES] } },
        select: { id: true, traceId: true, name: true, dataType: true, value: true, stringValue: true, source: true, comment: true, timestamp: true },
        orderBy: [{ timestamp: "asc" }, { id: "asc" }],
      }),
    ),
  ]);
  const traceById = new Map(traces.map((t) => [t.id, t]));
  const obsById = new Map(observations.map((o) => [o.id, o]));
  const scoresByTrace = new Map<string, typeof scores>();
  for (const s of scores) scoresByTrace.set(s.traceId!, [...(scoresByTrace.get(s.traceId!) ?? []), s]);
  const latestScores = (traceId: string): ResultScore[] =>
    // Read oldest first, so the latest of each name wins (lib/query/scores.ts).
    [...latestOfEachName(scoresByTrace.get(traceId) ?? []).values()]
      .map((s) => ({ id: s.id, name: s.name, dataType: s.dataType as ResultScore["dataType"], value: s.value, stringValue: s.stringValue, source: s.source, comment: s.comment }))
      .sort((a, b) => a.name.localeCompare(b.name));
  return runItems.map((ri) => {
    const trace = traceById.get(ri.traceId);
    const obs = ri.observationId ? obsById.get(ri.observationId) : undefined;
    const obsOutput = obs?.output ?? null;
    const obsLatency = obs?.endTime ? obs.endTime.getTime() - obs.startTime.getTime() : null;
    return {
      runItemId: ri.id,
      runId: ri.datasetRunId,
      datasetItemId: ri.datasetItemId,
      traceId: ri.traceId,
      observationId: ri.observationId,
      datasetVersion: ri.datasetVersion ? iso(ri.datasetVersion) : null,
      traceArrived: !!trace,
      // A model read: JSON fields are values already.
      output: obsOutput ?? trace?.output ?? null,
      latencyMs: obsLatency ?? trace?.latencyMs ?? null,
      totalCost: trace?.totalCost ?? null,
      totalTokens: trace ? trace.totalTokens : null,
      scores: latestScores(ri.traceId),
      linkedAt: iso(ri.updatedAt),
    };
  });
}
