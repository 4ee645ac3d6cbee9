// One session (its traces in order, as conversation turns) and the observation
// views the inline trace viewer needs. Functions take the client (tests call them).
import type { Db } from "../db/client";
// eslint-disable-next-line no-restricted-imports -- temporary: issue 7 moves these view types into lib/objects
import type { ObservationView } from "@/components/trace/types";
import { sessionRollups } from "./list";

/** Turns shown on a session page; longer sessions link to the traces table for the rest. */
export const MAX_TURNS = 200;

export interface SessionTurn {
  traceId: string;
  name: string | null;
  timestamp: string;
  userId: string | null;
  latencyMs: number | null;
  totalCost: number | null;
  totalTokens: number;
  observationCount: number;
  errorCount: number;
  /** Untrusted payloads: render as text. */
  input: unknown;
  output: unknown;
}

export async function sessionDetail(client: Db, projectId: string, sessionId: string) {
  const session = await client.session.findUnique({ where: { projectId_id: { projectId, id: sessionId } } });
  const rollup = (await sessionRollups(client, projectId, [sessionId])).get(sessionId);
  if (!session && !rollup) return null;
  const traces = await client.trace.findMany({
    where: { projectId, sessionId },
    orderBy: [{ timestamp: "asc" }, { id: "asc" }],
    take: MAX_TURNS,
    select: {
      id: true, name: true, timestamp: true, userId: true, latencyMs: true, totalCost: true, totalTokens: true,
      observationCount: true, errorCount: true, input: true, output: true,
    },
  });
  const turns: SessionTurn[] = traces.map((t) => ({
    traceId: t.id,
    name: t.name,
    timestamp: t.timestamp.toISOString(),
    userId: t.userId,
    latencyMs: t.latencyMs,
    totalCost: t.totalCost,
    totalTokens: t.totalTokens,
    observationCount: t.observationCount,
    errorCount: t.errorCount,
    input: t.input,
    output: t.output,
  }));
  return { id: sessionId, bookmarked: session?.bookmarked ?? false, rollup: rollup ?? null, turns };
}

type ObsRow = Awaited<ReturnType<Db["observation"]["findMany"]>>[number];

export function toObservationView(o: ObsRow, withPayloads: boolean): ObservationView {
  return {
    id: o.id,
    traceId: o.traceId,
    parentObservationId: o.parentObservationId,
    type: o.type as ObservationView["type"],
    name: o.name,
    startTime: o.startTime.toISOString(),
    endTime: o.endTime?.toISOString() ?? null,
    completionStartTime: o.completionStartTime?.toISOString() ?? null,
    level: o.level as ObservationView["level"],
    statusMessage: o.statusMessage,
    model: o.model,
    modelParameters: o.modelParameters,
    inputTokens: o.inputTokens,
    outputTokens: o.outputTokens,
    totalTokens: o.totalTokens,
    usageDetails: (o.usageDetails as Record<string, number> | null) ?? null,
    inputCost: o.inputCost,
    outputCost: o.outputCost,
    totalCost: o.totalCost,
    costDetails: (o.costDetails as Record<string, number> | null) ?? null,
    latencyMs: o.endTime ? o.endTime.getTime() - o.startTime.getTime() : null,
    ...(withPayloads ? { input: o.input, output: o.output, metadata: o.metadata } : {}),
  };
}

/** A trace's observations without payloads (the viewer fetches those per selection). */
export async function traceObservations(client: Db, projectId: string, traceId: string, cap = 5000): Promise<ObservationView[]> {
  const rows = await client.observation.findMany({
    where: { projectId, traceId },
    orderBy: [{ startTime: "asc" }, { id: "asc" }],
    take: cap,
    omit: { input: true, output: true, metadata: true },
  });
  return rows.map((o) => toObservationView(o as ObsRow, false));
}

export async function observationWithPayloads(client: Db, projectId: string, id: string): Promise<ObservationView | null> {
  const o = await client.observation.findUnique({ where: { projectId_id: { projectId, id } } });
  return o ? toObservationView(o, true) : null;
}
