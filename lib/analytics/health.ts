// Instrumentation health: per trace name, how many traces arrived without
// input or output, how many generations without a model, usage or cost (so
// their cost is unknown), how many observations never ended. Two grouped
// queries over the traces the filter keeps (the trace rows; their
// observations through Observation(projectId, traceId, startTime)), with the
// conditions of lib/traces/missing.ts, so each figure's link to the traces
// table (?missing=…) finds exactly the traces it counts.
import type { Db } from "../db/client";
import { decode, join, sql, type Sql } from "../db/sql";
import type { Filter } from "../query/filter";
import { missingSql } from "../traces/missing";
import { traceWhere } from "../traces/where";
import { healthCells, share, type HealthFigures, type HealthReport } from "./health-view";

export interface HealthQuery {
  /** The shared traces filter (name, user, model, metadata, ...). */
  filter: Filter;
  /** Trace timestamp bounds, inclusive (the traces table's from/to). */
  from?: Date;
  to?: Date;
}

const count = (cond: Sql) => sql`SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;

function where(client: Db, projectId: string, q: HealthQuery): Sql {
  const parts = [traceWhere(client, projectId, q.filter)];
  if (q.from) parts.push(sql`"t"."timestamp" >= ${q.from}`);
  if (q.to) parts.push(sql`"t"."timestamp" <= ${q.to}`);
  return join(parts, " AND ");
}

const EMPTY: Omit<HealthFigures, "traceName"> = {
  traces: 0, missingInput: 0, missingOutput: 0,
  generations: 0, missingModel: 0, missingUsage: 0, missingCost: 0,
  observations: 0, neverEnded: 0,
};

/** The largest share of any gap in a row (0 when complete). */
function worst(r: HealthFigures): number {
  return Math.max(0, ...healthCells(r).map((c) => share(c) ?? 0));
}

export async function instrumentationHealth(client: Db, projectId: string, q: HealthQuery): Promise<HealthReport> {
  const w = where(client, projectId, q);
  const [traces, observations] = await Promise.all([
    client.$queryRaw<Record<string, unknown>[]>`
      SELECT "t"."name" AS "name", COUNT(*) AS "traces",
        ${count(missingSql("input"))} AS "missingInput", ${count(missingSql("output"))} AS "missingOutput"
      FROM "Trace" AS "t"
      WHERE ${w}
      GROUP BY "t"."name"`,
    client.$queryRaw<Record<string, unknown>[]>`
      SELECT "t"."name" AS "name",
        ${count(sql`"o"."type" = 'GENERATION'`)} AS "generations",
        ${count(missingSql("model"))} AS "missingModel", ${count(missingSql("usage"))} AS "missingUsage", ${count(missingSql("cost"))} AS "missingCost",
        ${count(sql`"o"."type" <> 'EVENT'`)} AS "observations", ${count(missingSql("end"))} AS "neverEnded"
      FROM "Trace" AS "t"
      JOIN "Observation" AS "o" ON "o"."projectId" = "t"."projectId" AND "o"."traceId" = "t"."id"
      WHERE ${w}
      GROUP BY "t"."name"`,
  ]);
  const byName = new Map<string | null, HealthFigures>();
  const row = (name: unknown) => {
    const key = name === null || name === undefined ? null : String(name);
    let r = byName.get(key);
    if (!r) byName.set(key, (r = { traceName: key, ...EMPTY }));
    return r;
  };
  for (const t of traces) Object.assign(row(t.name), { traces: decode.number(t.traces), missingInput: decode.number(t.missingInput), missingOutput: decode.number(t.missingOutput) });
  for (const o of observations) {
    Object.assign(row(o.name), {
      generations: decode.number(o.generations),
      missingModel: decode.number(o.missingModel),
      missingUsage: decode.number(o.missingUsage),
      missingCost: decode.number(o.missingCost),
      observations: decode.number(o.observations),
      neverEnded: decode.number(o.neverEnded),
    });
  }
  // The most incomplete first (its worst share), so a broken pipeline tops the list; then the busiest; unnamed after named.
  const rows = [...byName.values()].sort(
    (a, b) => worst(b) - worst(a) || b.traces - a.traces || (a.traceName === null ? 1 : b.traceName === null ? -1 : a.traceName.localeCompare(b.traceName)),
  );
  const total: HealthFigures = { traceName: null, ...EMPTY };
  for (const r of rows) for (const k of Object.keys(EMPTY) as (keyof typeof EMPTY)[]) total[k] += r[k];
  return { rows, total };
}
