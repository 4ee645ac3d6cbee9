// A trace's own input and output for its page: each whole when small, else its
// size and start (lib/objects/payload-clip.ts); the whole when the reader asks.
import { db, type Db } from "../db/client";
import { readPayloads } from "../objects/payload-clip";
import type { PayloadPreview } from "../objects/observation-view";
import { capJsonDepth } from "../ingest/storable";

export type IoPayload = { inline: true; value: unknown } | { inline: false; preview: PayloadPreview };

/** null when there is no such trace. */
export async function traceIoForPage(projectId: string, traceId: string, client: Db = db): Promise<{ input: IoPayload; output: IoPayload } | null> {
  const read = await readPayloads(client, "Trace", { projectId, id: traceId }, ["input", "output"]);
  if (!read) return null;
  const pack = (f: "input" | "output"): IoPayload => {
    const p = read[f];
    return p.clipped ? { inline: false, preview: p.preview } : { inline: true, value: p.value };
  };
  return { input: pack("input"), output: pack("output") };
}

export async function traceIo(client: Db, projectId: string, traceId: string, field: "input" | "output"): Promise<unknown> {
  const row = await client.trace.findUnique({ where: { projectId_id: { projectId, id: traceId } }, select: { input: true, output: true } });
  return row ? capJsonDepth((field === "input" ? row.input : row.output) ?? null) : null;
}
