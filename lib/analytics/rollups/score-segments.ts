// What the dashboard's own ScoreRollup readers (boolean-counts.ts,
// scores-by-model.ts) share: the range's whole hours read from the rollup rows
// (whole days from the day rows, serve.ts segments), and the minutes at either
// end answered by the caller's rows query, both read at once. Null when the
// rollups cannot answer: off, a backfill pending, or no whole hour in range.
import type { Db, Tx } from "../../db/client";
import { join, sql, type Sql } from "../../db/sql";
import { rollupsEnabled } from "./maintain";
import { ceilTo, floorTo, rollupsReady, segments, type Segment } from "./serve";
import { HOUR_MS } from "./tables";

export interface ScoreSegmentRows<E> {
  /** The rollup rows of every segment, as `select` shaped them. */
  rollupRows: Record<string, unknown>[];
  /** The rows query's answers for the parts of an hour at either end. */
  edgeRows: E[];
}

/** The conditions every read of a segment's ScoreRollup rows (alias "s") starts with, then `more`, ANDed. */
export function segmentWhere(projectId: string, seg: Segment, more: Sql[]): Sql {
  return join(
    [sql`"s"."projectId" = ${projectId}`, sql`"s"."grain" = ${seg.grain}`, sql`"s"."start" >= ${seg.from}`, sql`"s"."start" < ${seg.to}`, ...more],
    " AND ",
  );
}

export async function readScoreSegments<E>(
  client: Db | Tx,
  projectId: string,
  from: Date,
  to: Date,
  select: (seg: Segment) => Sql,
  onRows: (from: Date, to: Date) => Promise<E[]>,
): Promise<ScoreSegmentRows<E> | null> {
  if (!rollupsEnabled()) return null;
  const start = ceilTo(from, HOUR_MS);
  const end = floorTo(to, HOUR_MS);
  if (start.getTime() >= end.getTime()) return null;
  if (!(await rollupsReady(client, projectId))) return null;
  const edges = [
    [from, start],
    [end, to],
  ].filter(([a, b]) => a.getTime() < b.getTime());
  const [rollupRows, edgeRows] = await Promise.all([
    Promise.all(segments(null, start, end).map((seg) => client.$queryRaw<Record<string, unknown>[]>(select(seg)))),
    Promise.all(edges.map(([a, b]) => onRows(a, b))),
  ]);
  return { rollupRows: rollupRows.flat(), edgeRows: edgeRows.flat() };
}
