// The observations list: a page of a project's observations matching the one
// filter (lib/query/observation-where.ts), newest first, and a capped count.
import "server-only";
import { dialectOf, type Db } from "../db/client";
import { decode, sql } from "../db/sql";
import type { Filter } from "../query/filter";
import { observationWhere } from "../query/observation-where";
import { isoAlways as iso } from "../iso";
import type { ObservationListRow } from "./view";

/** Counting stops here ("10,000+"): an exact count of millions of rows costs a scan on every page view. */
export const OBSERVATION_COUNT_CAP = 10_000;

export async function listObservations(client: Db, projectId: string, q: { filter: Filter; page: number; limit: number }): Promise<ObservationListRow[]> {
  const where = observationWhere(client, projectId, q.filter);
  const latency = dialectOf(client).msBetween(sql`"o"."endTime"`, sql`"o"."startTime"`);
  const rows = await client.$queryRaw<Record<string, unknown>[]>`
    SELECT "o"."id", "o"."traceId", "o"."type", "o"."name", "o"."model", "o"."level", "o"."startTime", ${latency} AS "latencyMs", "o"."totalTokens", "o"."totalCost"
    FROM "Observation" AS "o" WHERE ${where}
    ORDER BY "o"."startTime" DESC, "o"."id" DESC LIMIT ${q.limit} OFFSET ${(q.page - 1) * q.limit}`;
  return rows.map((r) => ({
    id: String(r.id),
    traceId: String(r.traceId),
    type: String(r.type),
    name: (r.name as string | null) ?? null,
    model: (r.model as string | null) ?? null,
    level: String(r.level),
    startTime: iso(decode.date(r.startTime)),
    latencyMs: decode.numberOrNull(r.latencyMs),
    totalTokens: decode.number(r.totalTokens),
    totalCost: decode.numberOrNull(r.totalCost),
  }));
}

export async function countObservations(client: Db, projectId: string, filter: Filter): Promise<{ count: number; capped: boolean }> {
  const where = observationWhere(client, projectId, filter);
  const [row] = await client.$queryRaw<{ n: unknown }[]>`SELECT COUNT(*) AS "n" FROM (SELECT 1 FROM "Observation" AS "o" WHERE ${where} LIMIT ${OBSERVATION_COUNT_CAP + 1}) AS "c"`;
  const n = decode.number(row?.n);
  return { count: Math.min(n, OBSERVATION_COUNT_CAP), capped: n > OBSERVATION_COUNT_CAP };
}

/** Exact, for a bulk promotion's total. */
export async function countObservationsExact(client: Db, projectId: string, filter: Filter): Promise<number> {
  const where = observationWhere(client, projectId, filter);
  const [row] = await client.$queryRaw<{ n: unknown }[]>`SELECT COUNT(*) AS "n" FROM "Observation" AS "o" WHERE ${where}`;
  return decode.number(row?.n);
}
