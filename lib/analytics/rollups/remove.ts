// Deletes keep the rollups exact: before rows are deleted, in the deleting
// transaction, their contributions are taken out (a trace with its
// observations and scores; scores by id or by dataset run).
import { dialectOf, type Tx } from "../../db/client";
import { sql, type Sql } from "../../db/sql";
import { insertRowsAsValues, type Row, type WriteStore } from "../../ingest/store";
import { applyRollupDeltas } from "./apply";
import { RollupDeltas } from "./deltas";
import { markRollupsStale, rollupsEnabled } from "./maintain";
import { addRows } from "./rebuild";

/** A Prisma interactive transaction as the rollup code's store. */
export function txStore(tx: Tx): WriteStore {
  const exec = async (q: Sql) => {
    await tx.$executeRaw(q);
  };
  return {
    dialect: dialectOf(tx),
    query: (q) => tx.$queryRaw<Row[]>(q),
    exec,
    insertRows: (table, cols, rows, tail) => insertRowsAsValues(exec, table, cols, rows, tail),
  };
}

export type Removal = { traceIds: string[] } | { scoreIds: string[] } | { datasetRunId: string };

/** Takes out of the rollups what the rows about to be deleted contribute. Call it in the deleting transaction, before the deletes. */
export function removeFromRollups(tx: Tx, projectId: string, what: Removal): Promise<void> {
  return removeFromRollupsIn(txStore(tx), projectId, what);
}

/** The same, in a write store's transaction (deleteTraces runs on the ingestion writer's: on SQLite its handle is faster). */
export async function removeFromRollupsIn(store: WriteStore, projectId: string, what: Removal): Promise<void> {
  if (!rollupsEnabled()) return markRollupsStale(store, projectId);
  const d = store.dialect;
  const deltas = new RollupDeltas();
  if ("traceIds" in what) {
    if (!what.traceIds.length) return;
    await addRows(store, projectId, deltas, -1, {
      traces: d.inList(sql`"t"."id"`, what.traceIds),
      observations: d.inList(sql`"o"."traceId"`, what.traceIds),
      scores: d.inList(sql`"s"."traceId"`, what.traceIds),
    });
  } else if ("scoreIds" in what) {
    if (!what.scoreIds.length) return;
    await addRows(store, projectId, deltas, -1, { scores: d.inList(sql`"s"."id"`, what.scoreIds) });
  } else {
    await addRows(store, projectId, deltas, -1, { scores: sql`"s"."datasetRunId" = ${what.datasetRunId}` });
  }
  await applyRollupDeltas(store, projectId, deltas);
}
