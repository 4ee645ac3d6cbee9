// Listing a dataset's items as whole views: the public API (source filters,
// `version` as of a timestamp) and the export's keyset walk. The items table's
// preview rows (item-table.ts) share these conditions, so both filter alike.
import "server-only";
import type { Db } from "../db/client";
import { dialectOf } from "../db/client";
import { decode, empty, ident, join, sql, type Sql } from "../db/sql";
import { escapeLike } from "../query/where";
import { DomainError } from "../errors";
import { itemView } from "./items";
import { searchTerm } from "./search-text";
import type { ItemOrigin, ItemStatus, ItemView } from "./schemas";

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


/**
 * The filters as SQL on items aliased `alias`. The search reads each item's
 * stored search text (lib/datasets/search-text.ts); version rows have none, so
 * on them (`versions`) it falls back to the JSON text.
 */
export function conditions(client: Db, q: ItemListQuery, alias: Sql, opts: { versions?: boolean } = {}): Sql[] {
  const d = dialectOf(client);
  const out: Sql[] = [];
  if (q.status) out.push(sql`${alias}."status" = ${q.status}`);
  if (q.origin) out.push(sql`${alias}."origin" = ${q.origin}`);
  if (q.sourceTraceId) out.push(sql`${alias}."sourceTraceId" = ${q.sourceTraceId}`);
  if (q.sourceObservationId) out.push(sql`${alias}."sourceObservationId" = ${q.sourceObservationId}`);
  const term = searchTerm(q.search);
  if (term && !opts.versions) out.push(d.contains(sql`${alias}."searchText"`, term));
  else if (term) {
    const pattern = `%${escapeLike(term)}%`;
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
const VERSION_COLUMNS = [...SHARED_COLUMNS, "itemId", "validFrom", "itemCreatedAt"];

type RawItem = Omit<Parameters<typeof itemView>[0], "input" | "expectedOutput" | "metadata"> & { input: string | null; expectedOutput: string | null; metadata: string | null };

function fromRaw(r: RawItem): Parameters<typeof itemView>[0] {
  const parse = (v: string | null) => (v === null ? null : (JSON.parse(v) as unknown));
  return { ...r, input: parse(r.input), expectedOutput: parse(r.expectedOutput), metadata: parse(r.metadata) };
}

export const whereOf = (parts: Sql[]) => (parts.length ? sql`AND ${join(parts, " AND ")}` : empty);

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
  const where = whereOf(conditions(client, q, sql`i`));
  const offset = (q.page - 1) * q.limit;
  const scope = datasetId === null ? sql`i."projectId" = ${projectId}` : inDataset(projectId, datasetId);
  const rows = await client.$queryRaw<RawItem[]>`SELECT ${columns(client, sql`i`, ITEM_COLUMNS)} FROM "DatasetItem" i
      WHERE ${scope} ${where}
      ORDER BY i."createdAt" DESC, i."id" DESC LIMIT ${q.limit} OFFSET ${offset}`;
  // A short page is the last one: the count is known without a second scan
  // (a search that matches little or nothing would otherwise scan twice).
  const total =
    rows.length < q.limit && (rows.length > 0 || offset === 0)
      ? offset + rows.length
      : decode.number((await client.$queryRaw<{ n: unknown }[]>`SELECT COUNT(*) AS n FROM "DatasetItem" i WHERE ${scope} ${where}`)[0]?.n);
  return { items: rows.map((r) => itemView(fromRaw(r))), totalItems: total };
}

/**
 * The items of a dataset of the project. The project is checked on the
 * dataset (once, a constant subquery), not on every item: with only datasetId
 * to match, SQLite answers counts and pages from the (datasetId, …) indexes
 * without reading each item's row (`"projectId" = ?` on the items made it
 * read them all, JSON included).
 */
function inDataset(projectId: string, datasetId: string): Sql {
  return sql`i."datasetId" = ${datasetId} AND EXISTS (SELECT 1 FROM "Dataset" d WHERE d."id" = ${datasetId} AND d."projectId" = ${projectId})`;
}

/**
 * The dataset as it was at `at`: the versions valid then (validFrom <= at <
 * validTo) that were ACTIVE, newest item first — answered from the
 * (datasetId, status, itemCreatedAt, itemId, validFrom, validTo) index, so a
 * page never scans the dataset's history (experiments page a pinned dataset
 * this way). createdAt is the item's first version; updatedAt the version's own time.
 */
async function listItemsAsOf(client: Db, projectId: string, datasetId: string, at: Date, q: ItemListQuery): Promise<ItemPage> {
  const valid = sql`v."datasetId" = ${datasetId} AND v."status" = 'ACTIVE' AND v."validFrom" <= ${at} AND (v."validTo" IS NULL OR v."validTo" > ${at})
    AND EXISTS (SELECT 1 FROM "Dataset" d WHERE d."id" = ${datasetId} AND d."projectId" = ${projectId})`;
  const where = whereOf(conditions(client, { ...q, status: undefined }, sql`v`, { versions: true }));
  const offset = (q.page - 1) * q.limit;
  type Row = RawItem & { itemId: string; validFrom: unknown; itemCreatedAt: unknown };
  const rows = await client.$queryRaw<Row[]>`SELECT ${columns(client, sql`v`, VERSION_COLUMNS)} FROM "DatasetItemVersion" v
    WHERE ${valid} ${where} ORDER BY v."itemCreatedAt" DESC, v."itemId" DESC LIMIT ${q.limit} OFFSET ${offset}`;
  const total =
    rows.length < q.limit && (rows.length > 0 || offset === 0)
      ? offset + rows.length
      : decode.number((await client.$queryRaw<{ n: unknown }[]>`SELECT COUNT(*) AS n FROM "DatasetItemVersion" v WHERE ${valid} ${where}`)[0]?.n);
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
      createdAt: decode.date(r.itemCreatedAt),
      updatedAt: decode.date(r.validFrom),
    }),
  );
  return { items, totalItems: total };
}

/** Where a keyset walk stands: the last item handed out (the items table's order). */
export interface ItemCursor {
  createdAt: Date;
  id: string;
}

/**
 * The next `limit` items after `after`, in the items table's order and with
 * its filters (search, status, origin): the export walks a dataset this way,
 * a page at a time, never holding it all and never paying for an OFFSET.
 */
export async function listItemsAfter(
  client: Db,
  projectId: string,
  datasetId: string,
  q: Omit<ItemListQuery, "page" | "limit" | "version">,
  after: ItemCursor | null,
  limit: number,
): Promise<{ items: ItemView[]; next: ItemCursor | null }> {
  const parts = conditions(client, { page: 1, limit, ...q }, sql`i`);
  if (after) parts.push(sql`(i."createdAt" < ${after.createdAt} OR (i."createdAt" = ${after.createdAt} AND i."id" < ${after.id}))`);
  const rows = await client.$queryRaw<RawItem[]>`SELECT ${columns(client, sql`i`, ITEM_COLUMNS)} FROM "DatasetItem" i
    WHERE ${inDataset(projectId, datasetId)} ${whereOf(parts)}
    ORDER BY i."createdAt" DESC, i."id" DESC LIMIT ${limit}`;
  const items = rows.map((r) => itemView(fromRaw(r)));
  const last = rows[rows.length - 1];
  return { items, next: rows.length === limit && last ? { createdAt: decode.date(last.createdAt), id: last.id } : null };
}
