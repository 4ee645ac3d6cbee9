// A trace's input or output too big to send with the page, read when the reader asks.
import type { Db } from "../db/client";

export async function traceIo(client: Db, projectId: string, traceId: string, field: "input" | "output"): Promise<unknown> {
  const row = await client.trace.findUnique({ where: { projectId_id: { projectId, id: traceId } }, select: { input: true, output: true } });
  return row ? ((field === "input" ? row.input : row.output) ?? null) : null;
}
