import "server-only";
// Reading a record's payloads (input, output, metadata) for a viewer without
// shipping megabytes: a payload up to INLINE_PAYLOAD_CHARS comes whole; a bigger
// one comes as its size and the first PAYLOAD_PREVIEW_CHARS of its stored JSON
// text, and the reader asks for the whole (one field) when they want it. The
// sizes and previews are computed in SQL, so a 5 MB input is never parsed,
// depth-walked and re-serialised just to learn that it is too big to send.
import { dialectOf, type Db } from "../db/client";
import { join, raw, sql, type Sql } from "../db/sql";
import { capJsonDepth } from "../ingest/storable";
import type { PayloadPreview } from "./observation-view";

export const INLINE_PAYLOAD_CHARS = 200_000;
export const PAYLOAD_PREVIEW_CHARS = 20_000;

export type PayloadRead = { clipped: false; value: unknown } | { clipped: true; preview: PayloadPreview };

/** The payload columns a table has (identifiers below come only from here). */
type Fields = { Trace: "input" | "output"; Observation: "input" | "output" | "metadata" };
type Table = keyof Fields;

/**
 * The fields of one record (by project and id), each whole or clipped; null when
 * there is no such record. Observations also answer their traceId (the caller checks it).
 * Sizes are characters of the stored JSON text: compact on SQLite, jsonb's
 * spaced form on PostgreSQL (so a size can differ by a few percent between them).
 */
export async function readPayloads<T extends Table>(
  client: Db,
  table: T,
  where: { projectId: string; id: string },
  fields: readonly Fields[T][],
): Promise<(Record<string, PayloadRead> & { traceId?: string }) | null> {
  const d = dialectOf(client);
  const cols: Sql[] = fields.flatMap((f) => {
    const col = raw(`"${f}"`);
    const text = d.asText(col);
    return [
      sql`length(${text}) AS ${raw(`"${f}Chars"`)}`,
      sql`CASE WHEN length(${text}) <= ${INLINE_PAYLOAD_CHARS} THEN ${text} ELSE ${d.preview(col, PAYLOAD_PREVIEW_CHARS)} END AS ${raw(`"${f}Text"`)}`,
    ];
  });
  const extra = table === "Observation" ? sql`, "traceId"` : sql``;
  const rows = await client.$queryRaw<Record<string, unknown>[]>`
    SELECT ${join(cols)}${extra} FROM ${raw(`"${table}"`)} WHERE "projectId" = ${where.projectId} AND "id" = ${where.id}`;
  const row = rows[0];
  if (!row) return null;
  const out: Record<string, PayloadRead> & { traceId?: string } = {};
  if (table === "Observation") out.traceId = String(row.traceId);
  for (const f of fields) {
    const chars = d.decode.numberOrNull(row[`${f}Chars`]);
    const text = row[`${f}Text`];
    if (chars === null || typeof text !== "string") out[f] = { clipped: false, value: null };
    else if (chars > INLINE_PAYLOAD_CHARS) out[f] = { clipped: true, preview: { chars, text } };
    // A payload stored deeper than the ingestion limit is cut for the viewer.
    else out[f] = { clipped: false, value: capJsonDepth(d.decode.json<unknown>(text, null)) };
  }
  return out;
}
