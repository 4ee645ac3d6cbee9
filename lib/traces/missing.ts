// What a trace's instrumentation left out, as SQL on the trace ("t") and its
// observations ("o"). One home for the definitions, so the health figures
// (lib/analytics/health.ts) and the traces filter `missing` (where.ts) count
// exactly the same traces. The kinds themselves are missing-kinds.ts (client-safe).
import { sql, type Sql } from "../db/sql";
import { TRACE_KINDS, type MissingKind } from "./missing-kinds";

export { isMissingKind, MISSING_KINDS, MISSING_LABELS, type MissingKind } from "./missing-kinds";

const GENERATION = sql`"o"."type" = 'GENERATION'`;

/** The row condition, on "t" for trace kinds and on "o" for observation kinds. */
export function missingSql(kind: MissingKind): Sql {
  switch (kind) {
    case "input":
      return sql`"t"."input" IS NULL`;
    case "output":
      return sql`"t"."output" IS NULL`;
    case "model":
      return sql`(${GENERATION} AND ("o"."model" IS NULL OR "o"."model" = ''))`;
    // Usage arrives as any of input/output/total; the writer fills total from the parts, so no total means none was sent.
    case "usage":
      return sql`(${GENERATION} AND "o"."totalTokens" IS NULL)`;
    case "cost":
      return sql`(${GENERATION} AND "o"."totalCost" IS NULL)`;
    // An event is a point in time: it never has an end.
    case "end":
      return sql`("o"."endTime" IS NULL AND "o"."type" <> 'EVENT')`;
  }
}

/**
 * A trace missing it: the row test, or an observation of the trace that is.
 * EXISTS walks Observation(projectId, traceId, startTime) for the one trace,
 * so the filter costs a short index probe per candidate trace.
 */
export function traceMissing(kind: MissingKind): Sql {
  if (TRACE_KINDS.has(kind)) return missingSql(kind);
  return sql`EXISTS (SELECT 1 FROM "Observation" AS "o" WHERE "o"."projectId" = "t"."projectId" AND "o"."traceId" = "t"."id" AND ${missingSql(kind)})`;
}
