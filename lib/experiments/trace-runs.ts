// The runs a trace is part of (the trace view's "In run … of …" line).
import "server-only";
import { db as processDb, type Db } from "../db/client";

export interface TraceRun {
  runId: string;
  runName: string;
  datasetId: string;
  datasetName: string;
}

// A trace is in a run or two; a cap keeps a pathological one cheap.
const MAX_RUNS = 20;

/** The runs holding a run item linked to this trace, newest link first. DatasetRunItem(projectId, traceId) serves this. */
export async function runsOfTrace(projectId: string, traceId: string, client: Db = processDb): Promise<TraceRun[]> {
  const items = await client.datasetRunItem.findMany({
    where: { projectId, traceId },
    select: { run: { select: { id: true, name: true, dataset: { select: { id: true, name: true } } } } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: MAX_RUNS,
  });
  const seen = new Set<string>();
  const out: TraceRun[] = [];
  for (const { run } of items) {
    if (seen.has(run.id)) continue;
    seen.add(run.id);
    out.push({ runId: run.id, runName: run.name, datasetId: run.dataset.id, datasetName: run.dataset.name });
  }
  return out;
}
