// Listing a dataset's items: the items table (search, status, origin, paging)
// and the public API (source filters, `version` as of a timestamp). One query
// builder, so the table and the API page the same way.
import "server-only";
import type { Db } from "../db/client";
import { dialectOf } from "../db/client";
import { decode, empty, ident, join, sql, type Sql } from "../db/sql";
import { DomainError } from "../errors";
import { itemView } from "./items";
import { isoAlways as iso } from "../iso";
import type { ItemOrigin, ItemRowView, ItemStatus, ItemView } from "./schemas";

export interface ItemListQuery {
  page: number;
  limit: number;
  /** words looked for in input and expected output (case-insensitive substring) */
  search?: string;
  status?: ItemStatus;
  origin?: ItemOrigin;
  sourceTraceId?: string;
  sourceObservationId?: string;
  /** the items as they were at this time (active ones only) */
  version?: Date;
}

export interface ItemPage {
  items: ItemView[];
  totalItems: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function conditions(client: Db, q: ItemListQuery, alias: Sql): Sql[] {
  const d = dialectOf(client);
  const out: Sql[] = [];
  if (q.status) out.push(sql`${alias}."status" = ${q.status}`);
  if (q.origin) out.push(sql`${alias}."origin" = ${q.origin}`);
  if (q.sourceTraceId) out.push(sql`${alias}."sourceTraceId" = ${q.sourceTraceId}`);
  if (q.sourceObservationId) out.push(sql`${alias}."sourceObservationId" = ${q.sourceObservationId}`);
  const search = q.search?.trim();
  if (search) {
    const pattern = `%${escapeLike(search)}%`;
    out.push(sql`(${d.ilike(d.asText(sql`${alias}."input"`), pattern)} OR ${d.ilike(d.asText(sql`${alias}."expectedOutput"`), pattern)})`);
  }
  return out;
}

/** The item columns, JSON ones as text (parsed by fromRaw) so both drivers hand back the same thing. */
function columns(client: Db, alias: Sql, plain: readonly string[]): Sql {
  const d = dialectOf(client);
  const text = (c: string) => sql`${d.asText(sql`${alias}.${ident(c)}`)} AS ${ident(c)}`;
  return sql`${join(plain.map((c) => sql`${alias}.${ident(c)}`))}, ${join(["input", "expectedOutput", "metadata"].map(text))}`;
}

const SHARED_COLUMNS = ["projectId", "datasetId", "status", "sourceTraceId", "sourceObservationId", "version"] as const;
const ITEM_COLUMNS = [...SHARED_COLUMNS, "id", "origin", "ruleId", "promotionKey", "correctionScoreId", "correctionTakenAt", "createdAt", "updatedAt"];
const VERSION_COLUMNS = [...SHARED_COLUMNS, "itemId", "validFrom"];

type RawItem = Omit<Parameters<typeof itemView>[0], "input" | "expectedOutput" | "metadata"> & { input: string | null; expectedOutput: string | null; metadata: string | null };

function fromRaw(r: RawItem): Parameters<typeof itemView>[0] {
  const parse = (v: string | null) => (v === null ? null : (JSON.parse(v) as unknown));
  return { ...r, input: parse(r.input), expectedOutput: parse(r.expectedOutput), metadata: parse(r.metadata) };
}

const whereOf = (parts: Sql[]) => (parts.length ? sql`AND ${join(parts, " AND ")}` : empty);

/**
 * A page of a dataset's items, newest first (ties by id, so pages never overlap).
 * `datasetId` null: the items of every dataset of the project (the public API
 * lists items by source alone); `version` needs one dataset.
 */
export async function listItems(client: Db, projectId: string, datasetId: string | null, q: ItemListQuery): Promise<ItemPage> {
  if (q.version) {
    if (datasetId === null) throw new DomainError("invalid", "version needs a dataset", { path: "version" });
    return listItemsAsOf(client, projectId, datasetId, q.version, q);
  }
  const where = whereOf([...(datasetId === null ? [] : [sql`i."datasetId" = ${datasetId}`]), ...conditions(client, q, sql`i`)]);
  const offset = (q.page - 1) * q.limit;
  const [rows, count] = await Promise.all([
    client.$queryRaw<RawItem[]>`SELECT ${columns(client, sql`i`, ITEM_COLUMNS)} FROM "DatasetItem" i
      WHERE i."projectId" = ${projectId} ${where}
      ORDER BY i."createdAt" DESC, i."id" DESC LIMIT ${q.limit} OFFSET ${offset}`,
    client.$queryRaw<{ n: unknown }[]>`SELECT COUNT(*) AS n FROM "DatasetItem" i
      WHERE i."projectId" = ${projectId} ${where}`,
  ]);
  return { items: rows.map((r) => itemView(fromRaw(r))), totalItems: decode.number(count[0]?.n) };
}

/**
 * The dataset as it was at `at`: for each item its latest version from then,
 * kept when that version is ACTIVE (experiments pin a dataset this way).
 * createdAt is the item's first version; updatedAt the version's own time.
 */
async function listItemsAsOf(client: Db, projectId: string, datasetId: string, at: Date, q: ItemListQuery): Promise<ItemPage> {
  const latest = sql`SELECT ${columns(client, sql`v`, VERSION_COLUMNS)}, (SELECT MIN(f."validFrom") FROM "DatasetItemVersion" f WHERE f."projectId" = v."projectId" AND f."itemId" = v."itemId") AS "firstAt"
    FROM "DatasetItemVersion" v
    WHERE v."projectId" = ${projectId} AND v."datasetId" = ${datasetId} AND v."validFrom" <= ${at}
      AND v."version" = (SELECT MAX(w."version") FROM "DatasetItemVersion" w
        WHERE w."projectId" = v."projectId" AND w."itemId" = v."itemId" AND w."validFrom" <= ${at})`;
  const where = whereOf(conditions(client, { ...q, status: "ACTIVE" }, sql`s`));
  const offset = (q.page - 1) * q.limit;
  type Row = RawItem & { itemId: string; validFrom: unknown; firstAt: unknown };
  const [rows, count] = await Promise.all([
    client.$queryRaw<Row[]>`SELECT s.* FROM (${latest}) s WHERE 1 = 1 ${where} ORDER BY s."firstAt" DESC, s."itemId" DESC LIMIT ${q.limit} OFFSET ${offset}`,
    client.$queryRaw<{ n: unknown }[]>`SELECT COUNT(*) AS n FROM (${latest}) s WHERE 1 = 1 ${where}`,
  ]);
  const items = rows.map((r) =>
    itemView({
      ...fromRaw(r),
      id: r.itemId,
      // A version does not record how its item came in: the API shape (which reads this) has no origin.
      origin: "API",
      ruleId: null,
      promotionKey: null,
      correctionScoreId: null,
      correctionTakenAt: null,
      createdAt: decode.date(r.firstAt),
      updatedAt: decode.date(r.validFrom),
    }),
  );
  return { items, totalItems: decode.number(count[0]?.n) };
}

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
