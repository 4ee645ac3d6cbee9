// One observation with its payloads, only when it belongs to the trace (the trace viewer's detail pane).
// eslint-disable-next-line no-restricted-imports -- temporary: issue 7 moves these view types into lib/objects
import type { ObservationView } from "@/components/trace/types";
import type { Db } from "../db/client";
import { observationView, OBSERVATION_LIST_SELECT } from "./observation-view";

export async function observationOfTrace(client: Db, projectId: string, traceId: string, observationId: string): Promise<ObservationView | null> {
  const row = await client.observation.findUnique({
    where: { projectId_id: { projectId, id: observationId } },
    select: { ...OBSERVATION_LIST_SELECT, input: true, output: true, metadata: true },
  });
  if (!row || row.traceId !== traceId) return null;
  const { input, output, metadata, ...rest } = row;
  return observationView(rest, { input, output, metadata });
}
