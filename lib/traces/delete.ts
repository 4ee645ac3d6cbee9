// Deleting traces with everything that hangs off them, 500 at a time, each
// chunk in one transaction. It runs where the ingestion writer runs
// (withWriteStore): on SQLite the writer's own handle, under its lock, so a
// delete queues with the ingestion writes instead of holding the write lock
// from another connection, and its rollup upserts take the handle's prepared
// statements and JS sketch merge (2-3x faster than a Prisma transaction:
// taking 500 traces out of the rollups 133 vs 473 ms, timed once on
// bench:retention's 20k-trace file). PostgreSQL: the writer's own connection
// (pg-writer.ts); there the traces' search rows are deleted here too (SQLite's
// trigger does it with the trace: search-index.ts).
import { removeFromRollupsIn } from "../analytics/rollups/remove";
import type { Db } from "../db/client";
import { sql } from "../db/sql";
import { withWriteStore } from "../ingest/store";

export async function deleteTraces(client: Db, projectId: string, traceIds: string[]): Promise<number> {
  if (!traceIds.length) return 0;
  let deleted = 0;
  for (let i = 0; i < traceIds.length; i += 500) {
    const ids = traceIds.slice(i, i + 500);
    deleted += await withWriteStore(client, async (store) => {
      const d = store.dialect;
      const ofTraces = d.inList(sql`"traceId"`, ids);
      const obsIds = (await store.query(sql`SELECT "id" FROM "Observation" WHERE "projectId" = ${projectId} AND ${ofTraces}`)).map((r) => String(r.id));
      await removeFromRollupsIn(store, projectId, { traceIds: ids });
      await store.exec(sql`DELETE FROM "Score" WHERE "projectId" = ${projectId} AND ${ofTraces}`);
      const onThem = sql`(("objectType" = 'TRACE' AND ${d.inList(sql`"objectId"`, ids)}) OR ("objectType" = 'OBSERVATION' AND ${d.inList(sql`"objectId"`, obsIds)}))`;
      await store.exec(sql`DELETE FROM "Comment" WHERE "projectId" = ${projectId} AND ${onThem}`);
      await store.exec(sql`DELETE FROM "QueueItem" WHERE "projectId" = ${projectId} AND ${onThem}`);
      await store.exec(sql`DELETE FROM "Observation" WHERE "projectId" = ${projectId} AND ${ofTraces}`);
      if (d.provider === "postgresql") await store.exec(sql`DELETE FROM "TraceSearch" WHERE "projectId" = ${projectId} AND ${ofTraces}`);
      return (await store.query(sql`DELETE FROM "Trace" WHERE "projectId" = ${projectId} AND ${d.inList(sql`"id"`, ids)} RETURNING "id"`)).length;
    });
  }
  return deleted;
}
