// The items table's page: preview rows (bounded payload text), shaped for
// 100,000-item datasets. Same conditions and order as item-list.ts.
import "server-only";
import type { Db } from "../db/client";
import { dialectOf } from "../db/client";
import { decode, ident, join, sql, type Sql } from "../db/sql";
import { isoAlways as iso } from "../iso";
import { conditions, whereOf, type ItemListQuery } from "./item-list";
import type { ItemOrigin, ItemRowView, ItemStatus } from "./schemas";

/** How much of each payload the items table shows (a bounded preview, read as text by the database). */
export const ITEM_PREVIEW_CHARS = 300;
/** Filters that read each row (payload text, origin) count only this far ("1,000+"): a count never costs more than a page. */
export const ROW_SCAN_COUNT_CAP = 1_000;

/**
 * The items table's page: the same conditions and order as listItems, each
 * payload as a bounded text preview. Shaped for 100,000-item datasets:
 * - the dataset's project is checked once, so the conditions below name only
 *   datasetId and the status filter and the counts are answered from the
 *   (datasetId, status, createdAt) and (datasetId, createdAt) indexes alone;
 * - the page's keys are found first and only those rows are read for previews
 *   (items written in one batch share a createdAt, and sorting a batch by id
 *   must not drag every payload along);
 * - a search or origin filter reads rows, so its count stops at ROW_SCAN_COUNT_CAP.
 */
export async function listItemRows(
  client: Db,
  projectId: string,
  datasetId: string,
  q: Omit<ItemListQuery, "version" | "sourceTraceId" | "sourceObservationId">,
): Promise<{ rows: ItemRowView[]; totalItems: number; totalCapped: boolean }> {
  const owned = await client.dataset.findFirst({ where: { id: datasetId, projectId }, select: { id: true } });
  if (!owned) return { rows: [], totalItems: 0, totalCapped: false };
  const where = whereOf(conditions(client, q, sql`k`));
  const offset = (q.page - 1) * q.limit;
  const matching = sql`FROM "DatasetItem" k WHERE k."datasetId" = ${datasetId} ${where}`;
  if (!(q.search?.trim() || q.origin)) {
    // Index-only conditions: an exact count from the index, the page's keys from it in order.
    const [rows, count] = await Promise.all([
      previewRows(client, sql`SELECT k."projectId", k."id", k."createdAt" ${matching} ORDER BY k."createdAt" DESC, k."id" DESC LIMIT ${q.limit} OFFSET ${offset}`),
      client.$queryRaw<{ n: unknown }[]>`SELECT COUNT(*) AS n ${matching}`,
    ]);
    return { rows, totalItems: decode.number(count[0]?.n), totalCapped: false };
  }
  // A filter that reads rows: one ordered pass collects the keys of the newest CAP + 1 matches.
  // Fewer than that (a rare word) is every match; either way the pages inside them are cut from
  // these keys, so the rows are not scanned twice. Only a page past the first CAP matches scans again.
  const keys = await client.$queryRaw<Key[]>`SELECT k."projectId", k."id", k."createdAt" ${matching} ORDER BY k."createdAt" DESC, k."id" DESC LIMIT ${ROW_SCAN_COUNT_CAP + 1}`;
  const capped = keys.length > ROW_SCAN_COUNT_CAP;
  const totalItems = Math.min(keys.length, ROW_SCAN_COUNT_CAP);
  if (capped && offset + q.limit > ROW_SCAN_COUNT_CAP) {
    const rows = await previewRows(client, sql`SELECT k."projectId", k."id", k."createdAt" ${matching} ORDER BY k."createdAt" DESC, k."id" DESC LIMIT ${q.limit} OFFSET ${offset}`);
    return { rows, totalItems, totalCapped: true };
  }
  const page = keys.slice(offset, offset + q.limit);
  if (!page.length) return { rows: [], totalItems, totalCapped: capped };
  const d = dialectOf(client);
  const rows = await previewRows(client, sql`SELECT k."projectId", k."id", k."createdAt" FROM "DatasetItem" k WHERE k."projectId" = ${projectId} AND ${d.inList(sql`k."id"`, page.map((k) => k.id))}`);
  return { rows, totalItems, totalCapped: capped };
}

type Key = { projectId: string; id: string; createdAt: unknown };

/** The rows of the keys a statement selects (projectId, id, createdAt), each payload as a bounded preview, in the keys' order. */
async function previewRows(client: Db, keys: Sql): Promise<ItemRowView[]> {
  const d = dialectOf(client);
  const preview = (c: string) => sql`${d.preview(sql`i.${ident(c)}`, ITEM_PREVIEW_CHARS)} AS ${ident(`${c}Preview`)}`;
  type Row = { id: string; status: string; origin: string; sourceTraceId: string | null; sourceObservationId: string | null; updatedAt: unknown; inputPreview: string | null; expectedOutputPreview: string | null; metadataPreview: string | null };
  const rows = await client.$queryRaw<Row[]>`SELECT i."id", i."status", i."origin", i."sourceTraceId", i."sourceObservationId", i."updatedAt",
      ${join(["input", "expectedOutput", "metadata"].map(preview))}
    FROM (${keys}) p JOIN "DatasetItem" i ON i."projectId" = p."projectId" AND i."id" = p."id"
    ORDER BY p."createdAt" DESC, p."id" DESC`;
  return rows.map((r) => ({
    id: r.id,
    inputPreview: r.inputPreview,
    expectedOutputPreview: r.expectedOutputPreview,
    metadataPreview: r.metadataPreview,
    status: r.status as ItemStatus,
    origin: r.origin as ItemOrigin,
    sourceTraceId: r.sourceTraceId,
    sourceObservationId: r.sourceObservationId,
    updatedAt: iso(decode.date(r.updatedAt)),
  }));
}
