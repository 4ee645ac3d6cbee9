// One session: its traces in order, as conversation turns (the inline trace
// viewer reads through lib/objects). Functions take the client (tests call them).
import type { Db } from "../db/client";
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
