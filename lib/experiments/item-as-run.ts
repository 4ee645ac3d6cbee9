// A dataset item as a run item ran it: the version valid at the run item's
// datasetVersion when the link named one, else the item as it is now. The one
// place the run page, the compare view and the evaluators read an item's
// input and expected output for a run item, so "what was expected" means one
// thing in all three.
import "server-only";
import type { Db } from "../db/client";
import { dialectOf } from "../db/client";
import { sql } from "../db/sql";

export interface ItemRef {
  itemId: string;
  /** the run item's datasetVersion (null: the item as it is) */
  version: Date | null;
}

export interface ItemAsRun<T> {
  input: T;
  expectedOutput: T;
}

/** The key of an (item, version) pair in the maps below. */
export const itemAsRunKey = (itemId: string, version: Date | null) => `${itemId}\u0000${version?.getTime() ?? ""}`;

function byVersion(refs: readonly ItemRef[]): Map<number | null, string[]> {
  const out = new Map<number | null, string[]>();
  for (const r of refs) {
    const k = r.version?.getTime() ?? null;
    const list = out.get(k) ?? [];
    if (!list.includes(r.itemId)) list.push(r.itemId);
    out.set(k, list);
  }
  return out;
}

/**
 * Input and expected output (JSON values) of each ref, keyed by itemAsRunKey.
 * A ref whose version has no valid row (it should not happen: links are
 * checked against the version) is missing from the map.
 */
export async function itemsAsRun(client: Db, projectId: string, refs: readonly ItemRef[]): Promise<Map<string, ItemAsRun<unknown>>> {
  const out = new Map<string, ItemAsRun<unknown>>();
  for (const [at, ids] of byVersion(refs)) {
    if (at === null) {
      const rows = await client.datasetItem.findMany({ where: { projectId, id: { in: ids } }, select: { id: true, input: true, expectedOutput: true } });
      // A model read: JSON fields are values already.
      for (const r of rows) out.set(itemAsRunKey(r.id, null), { input: r.input ?? null, expectedOutput: r.expectedOutput ?? null });
    } else {
      const version = new Date(at);
      const rows = await client.datasetItemVersion.findMany({
        where: { projectId, itemId: { in: ids }, validFrom: { lte: version }, OR: [{ validTo: null }, { validTo: { gt: version } }] },
        select: { itemId: true, input: true, expectedOutput: true },
      });
      for (const r of rows) out.set(itemAsRunKey(r.itemId, version), { input: r.input ?? null, expectedOutput: r.expectedOutput ?? null });
    }
  }
  return out;
}

/**
 * The same read, bounded: the first `chars` characters of each JSON column's
 * text, cut in the database (a run page of 100 items never loads a 1 MB input).
 */
export async function itemPreviewsAsRun(client: Db, projectId: string, refs: readonly ItemRef[], chars: number): Promise<Map<string, ItemAsRun<unknown>>> {
  const d = dialectOf(client);
  const out = new Map<string, ItemAsRun<unknown>>();
  for (const [at, ids] of byVersion(refs)) {
    const rows =
      at === null
        ? await client.$queryRaw<Record<string, unknown>[]>`
            SELECT "id", ${d.preview(sql`"input"`, chars)} AS "input", ${d.preview(sql`"expectedOutput"`, chars)} AS "expectedOutput"
            FROM "DatasetItem" WHERE "projectId" = ${projectId} AND ${d.inList(sql`"id"`, ids)}`
        : await client.$queryRaw<Record<string, unknown>[]>`
            SELECT "itemId" AS "id", ${d.preview(sql`"input"`, chars)} AS "input", ${d.preview(sql`"expectedOutput"`, chars)} AS "expectedOutput"
            FROM "DatasetItemVersion" WHERE "projectId" = ${projectId} AND ${d.inList(sql`"itemId"`, ids)}
              AND "validFrom" <= ${new Date(at)} AND ("validTo" IS NULL OR "validTo" > ${new Date(at)})`;
    for (const r of rows) out.set(itemAsRunKey(String(r.id), at === null ? null : new Date(at)), { input: r.input, expectedOutput: r.expectedOutput });
  }
  return out;
}
