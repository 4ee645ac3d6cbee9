// Dataset items: the one writer (single upserts, promotion and import all go
// through writeItems), status changes, deletes, reads. Every write also stores
// the new state as a version (lib/datasets/versions.ts reads them back).
import "server-only";
import { randomUUID } from "node:crypto";
import type { Db, Tx } from "../db/client";
import { dialectOf, transaction } from "../db/client";
import { decode, ident, join, sql, type Sql } from "../db/sql";
import { DomainError } from "../errors";
import { isoAlways as iso } from "../iso";
import { makeJsonStorable } from "../ingest/storable";
import { checkAgainst, datasetValidators } from "./json-schema";
import { searchTextOf } from "./search-text";
import type { DatasetView, ItemChange, ItemInput, ItemOrigin, ItemStatus, ItemView } from "./schemas";

/** One item to write. Fields left undefined keep the stored value on an update (and are empty on a create). */
export interface ItemWrite {
  id?: string;
  input?: unknown;
  expectedOutput?: unknown;
  metadata?: unknown;
  status?: ItemStatus;
  sourceTraceId?: string | null;
  sourceObservationId?: string | null;
  origin?: ItemOrigin;
  ruleId?: string | null;
  promotionKey?: string | null;
  correctionScoreId?: string | null;
  correctionTakenAt?: Date | null;
}

export interface WriteOutcome {
  item: ItemView;
  change: "created" | "updated" | "unchanged";
}

/** The promotion key of a source: a source is promoted into a dataset once. */
export function promotionKey(traceId: string, observationId?: string | null): string {
  return JSON.stringify([traceId, observationId ?? null]);
}

type StoredItem = {
  projectId: string;
  id: string;
  datasetId: string;
  input: unknown;
  expectedOutput: unknown;
  metadata: unknown;
  status: string;
  sourceTraceId: string | null;
  sourceObservationId: string | null;
  origin: string;
  ruleId: string | null;
  promotionKey: string | null;
  correctionScoreId: string | null;
  correctionTakenAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

/**
 * The view of an item whose JSON fields hold values (a Prisma model read, or a
 * row being written). Raw queries select them as text and parse first
 * (item-list.ts): decoding a value twice would turn the string "4" into 4.
 */
export function itemView(r: StoredItem): ItemView {
  return {
    id: r.id,
    datasetId: r.datasetId,
    status: r.status as ItemStatus,
    input: r.input ?? null,
    expectedOutput: r.expectedOutput ?? null,
    metadata: r.metadata ?? null,
    sourceTraceId: r.sourceTraceId,
    sourceObservationId: r.sourceObservationId,
    origin: r.origin as ItemOrigin,
    ruleId: r.ruleId,
    version: decode.number(r.version),
    createdAt: iso(decode.date(r.createdAt)),
    updatedAt: iso(decode.date(r.updatedAt)),
  };
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Creates or updates items of one dataset, in one transaction, each with its
 * version row. An id held by another dataset of the project is a conflict;
 * every item is checked against the dataset's JSON Schemas first, so a misfit
 * writes nothing. `pathOf(i)` prefixes error paths (e.g. the import row).
 * An update that changes nothing is reported "unchanged" and stores no version.
 */
export async function writeItems(
  client: Db,
  dataset: DatasetView,
  writes: ItemWrite[],
  actorUserId: string | null,
  opts: { pathOf?: (i: number) => (string | number)[]; now?: Date } = {},
): Promise<WriteOutcome[]> {
  if (!writes.length) return [];
  const projectId = dataset.projectId;
  const pathOf = opts.pathOf ?? (() => []);
  const now = opts.now ?? new Date();
  const validators = datasetValidators(dataset);
  const ids = writes.map((w) => w.id).filter((id): id is string => !!id);
  return transaction(client, async (tx) => {
    await takeWriteLock(tx, dataset.id);
    const stored = new Map<string, StoredItem>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await tx.datasetItem.findMany({ where: { projectId, id: { in: ids.slice(i, i + 500) } } });
      for (const r of rows) stored.set(r.id, r as StoredItem);
    }
    // An id deleted earlier keeps its versions (the dataset as of a past time
    // still holds it): a re-created item goes on from its last version number.
    const lastVersion = new Map<string, number>();
    const fresh = ids.filter((id) => !stored.has(id));
    for (let i = 0; i < fresh.length; i += 500) {
      const rows = await tx.datasetItemVersion.groupBy({ by: ["itemId"], where: { projectId, itemId: { in: fresh.slice(i, i + 500) } }, _max: { version: true } });
      for (const r of rows) lastVersion.set(r.itemId, decode.number(r._max.version ?? 0));
    }
    const outcomes: WriteOutcome[] = [];
    const inserts: StoredItem[] = [];
    const updates: StoredItem[] = [];
    const versions: Array<{ item: StoredItem; change: ItemChange }> = [];
    const seen = new Set<string>();
    writes.forEach((w, i) => {
      const id = w.id ?? randomUUID();
      if (seen.has(id)) throw new DomainError("invalid", `item id "${id}" appears twice`, { path: [...pathOf(i), "id"] });
      seen.add(id);
      const prev = stored.get(id);
      if (prev && prev.datasetId !== dataset.id) {
        throw new DomainError("conflict", `item "${id}" belongs to another dataset`, { path: [...pathOf(i), "id"] });
      }
      const keep = <K extends keyof ItemWrite & keyof StoredItem>(k: K, fallback: StoredItem[K]): StoredItem[K] =>
        (w[k] === undefined ? (prev ? prev[k] : fallback) : w[k]) as StoredItem[K];
      const json = (k: "input" | "expectedOutput" | "metadata") =>
        w[k] === undefined ? (prev ? (prev[k] ?? null) : null) : w[k] === null ? null : makeJsonStorable(structuredClone(w[k]));
      const next: StoredItem = {
        projectId,
        id,
        datasetId: dataset.id,
        input: json("input"),
        expectedOutput: json("expectedOutput"),
        metadata: json("metadata"),
        status: keep("status", "ACTIVE"),
        sourceTraceId: keep("sourceTraceId", null),
        sourceObservationId: keep("sourceObservationId", null),
        origin: prev ? prev.origin : (w.origin ?? "API"),
        ruleId: prev ? prev.ruleId : (w.ruleId ?? null),
        promotionKey: keep("promotionKey", null),
        correctionScoreId: keep("correctionScoreId", null),
        correctionTakenAt: keep("correctionTakenAt", null),
        version: prev ? decode.number(prev.version) + 1 : (lastVersion.get(id) ?? 0) + 1,
        createdAt: prev ? decode.date(prev.createdAt) : now,
        updatedAt: now,
      };
      checkAgainst(validators.input, next.input, [...pathOf(i), "input"]);
      checkAgainst(validators.expectedOutput, next.expectedOutput, [...pathOf(i), "expectedOutput"]);
      if (prev && !changed(prev, next)) {
        outcomes.push({ item: itemView(prev), change: "unchanged" });
        return;
      }
      (prev ? updates : inserts).push(next);
      versions.push({ item: next, change: !prev ? "CREATE" : prev.status !== next.status ? (next.status === "ARCHIVED" ? "ARCHIVE" : "RESTORE") : "UPDATE" });
      outcomes.push({ item: itemView(next), change: prev ? "updated" : "created" });
    });
    await insertItemRows(tx, inserts);
    for (const u of updates) await updateItemRow(tx, u);
    await insertVersionRows(tx, versions, actorUserId, now);
    return outcomes;
  });
}

function changed(prev: StoredItem, next: StoredItem): boolean {
  return (
    !sameJson(prev.input, next.input) ||
    !sameJson(prev.expectedOutput, next.expectedOutput) ||
    !sameJson(prev.metadata, next.metadata) ||
    prev.status !== next.status ||
    prev.sourceTraceId !== next.sourceTraceId ||
    prev.sourceObservationId !== next.sourceObservationId ||
    prev.correctionScoreId !== next.correctionScoreId ||
    (prev.correctionTakenAt ? decode.date(prev.correctionTakenAt).getTime() : null) !== (next.correctionTakenAt?.getTime() ?? null)
  );
}

/**
 * Makes the transaction a writer before it reads. On SQLite the ingestion
 * writer commits on its own connection: a transaction that has read and then
 * writes fails at once (SQLITE_BUSY_SNAPSHOT, no busy wait) if that writer
 * committed in between, while one whose first statement writes simply waits
 * its turn. On PostgreSQL, two writers of one dataset queue here, so both
 * never read the same version number.
 */
async function takeWriteLock(tx: Tx, datasetId: string | null) {
  if (dialectOf(tx).provider === "postgresql") {
    if (datasetId) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`dataset:${datasetId}`}, 0))`;
    return;
  }
  await tx.$executeRaw`UPDATE "Dataset" SET "updatedAt" = "updatedAt" WHERE "id" = ${datasetId ?? ""}`;
}

/** A JSON value as a statement parameter: SQL NULL for none, jsonb on PostgreSQL, text on SQLite. */
function jsonParam(tx: Tx, v: unknown): Sql {
  if (v === null || v === undefined) return sql`NULL`;
  const text = JSON.stringify(v);
  return dialectOf(tx).provider === "postgresql" ? sql`${text}::jsonb` : sql`${text}`;
}

const ITEM_COLS = [
  "projectId", "id", "datasetId", "input", "expectedOutput", "metadata", "status", "sourceTraceId", "sourceObservationId",
  "origin", "ruleId", "promotionKey", "correctionScoreId", "correctionTakenAt", "version", "createdAt", "updatedAt", "searchText",
] as const;
const JSON_ITEM_COLS = new Set(["input", "expectedOutput", "metadata"]);

async function insertItemRows(tx: Tx, rows: StoredItem[]) {
  for (let i = 0; i < rows.length; i += 200) {
    const tuples = rows
      .slice(i, i + 200)
      .map((r) => sql`(${join(ITEM_COLS.map((c) => (c === "searchText" ? sql`${searchTextOf(r.input, r.expectedOutput)}` : JSON_ITEM_COLS.has(c) ? jsonParam(tx, r[c]) : sql`${r[c]}`)))})`);
    await tx.$executeRaw`INSERT INTO "DatasetItem" (${join(ITEM_COLS.map((c) => ident(c)))}) VALUES ${join(tuples)}`;
  }
}

async function updateItemRow(tx: Tx, r: StoredItem) {
  await tx.$executeRaw`UPDATE "DatasetItem" SET "input" = ${jsonParam(tx, r.input)}, "expectedOutput" = ${jsonParam(tx, r.expectedOutput)},
    "metadata" = ${jsonParam(tx, r.metadata)}, "searchText" = ${searchTextOf(r.input, r.expectedOutput)}, "status" = ${r.status}, "sourceTraceId" = ${r.sourceTraceId},
    "sourceObservationId" = ${r.sourceObservationId}, "promotionKey" = ${r.promotionKey}, "correctionScoreId" = ${r.correctionScoreId},
    "correctionTakenAt" = ${r.correctionTakenAt}, "version" = ${r.version}, "updatedAt" = ${r.updatedAt}
    WHERE "projectId" = ${r.projectId} AND "id" = ${r.id}`;
}

/** Closes each item's current version (validTo = now), then stores the new ones. */
async function insertVersionRows(tx: Tx, rows: Array<{ item: StoredItem; change: ItemChange | "DELETE" }>, actor: string | null, now: Date) {
  const d = dialectOf(tx);
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    await tx.$executeRaw`UPDATE "DatasetItemVersion" SET "validTo" = ${now}
      WHERE "projectId" = ${chunk[0].item.projectId} AND "validTo" IS NULL AND ${d.inList(sql`"itemId"`, chunk.map((r) => r.item.id))}`;
    const tuples = chunk.map(({ item: r, change }) => {
      const status = change === "DELETE" ? "DELETED" : r.status;
      return sql`(${randomUUID()}, ${r.projectId}, ${r.datasetId}, ${r.id}, ${r.version}, ${jsonParam(tx, r.input)}, ${jsonParam(tx, r.expectedOutput)},
        ${jsonParam(tx, r.metadata)}, ${status}, ${r.sourceTraceId}, ${r.sourceObservationId}, ${change}, ${actor}, ${now}, ${decode.date(r.createdAt)})`;
    });
    await tx.$executeRaw`INSERT INTO "DatasetItemVersion" ("id", "projectId", "datasetId", "itemId", "version", "input", "expectedOutput",
      "metadata", "status", "sourceTraceId", "sourceObservationId", "change", "changedByUserId", "validFrom", "itemCreatedAt") VALUES ${join(tuples)}`;
  }
}

/** One item from an API or form input (merging into the stored item when `id` exists). */
export async function upsertItem(client: Db, dataset: DatasetView, input: ItemInput, actorUserId: string | null, origin: ItemOrigin = "API"): Promise<WriteOutcome> {
  const [outcome] = await writeItems(client, dataset, [{ ...input, origin }], actorUserId);
  return outcome;
}

export async function getItem(client: Db, projectId: string, itemId: string): Promise<ItemView | null> {
  const row = await client.datasetItem.findFirst({ where: { projectId, id: itemId } });
  return row ? itemView(row as StoredItem) : null;
}

export async function requireItem(client: Db, projectId: string, itemId: string): Promise<ItemView> {
  const item = await getItem(client, projectId, itemId);
  if (!item) throw new DomainError("not_found", `Dataset item "${itemId}" not found.`, { path: "id" });
  return item;
}

/** Deletes items; each leaves a DELETED version so the dataset as of an earlier time still holds it. */
export async function deleteItems(client: Db, projectId: string, itemIds: string[], actorUserId: string | null): Promise<number> {
  if (!itemIds.length) return 0;
  const now = new Date();
  return transaction(client, async (tx) => {
    await takeWriteLock(tx, null);
    const rows = (await tx.datasetItem.findMany({ where: { projectId, id: { in: itemIds } } })) as StoredItem[];
    if (!rows.length) return 0;
    await insertVersionRows(tx, rows.map((r) => ({ item: { ...r, version: decode.number(r.version) + 1 }, change: "DELETE" as const })), actorUserId, now);
    await tx.datasetItem.deleteMany({ where: { projectId, id: { in: rows.map((r) => r.id) } } });
    return rows.length;
  });
}
