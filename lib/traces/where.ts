// The traces where-builder: the one filter model (lib/query/filter.ts) on the
// trace row's own columns and rollups, so the common filters ride the
// (projectId, ...) indexes instead of scanning observations.
import { dialectOf, type Db, type Tx } from "../db/client";
import { join, sql, type Dialect, type Sql } from "../db/sql";
import type { Filter, FilterCondition } from "../query/filter";
import { DomainError } from "../errors";
import { buildConditions, cmp, escapeLike, FilterError, filterIssues, stringSql, type ViewColumns } from "../query/where";
import { traceConditions } from "./filter";
import { searchSql } from "./search";
import { isMissingKind, MISSING_KINDS, traceMissing, type MissingKind } from "./missing";
import type { TraceFilter } from "./schemas";
import { traceScoreLabel, traceScoreNumber } from "./score-value";

const T = (col: string) => sql([`"t"."${col}"`] as unknown as TemplateStringsArray);

const TEXT = ["string", "stringOptions"] as const;

function tags(c: FilterCondition, d: Dialect): Sql {
  if (c.type !== "arrayOptions") throw new FilterError("tags take arrayOptions", "type");
  const each = c.value.map((tag) => {
    const contains = d.jsonArrayContains(T("tags"), tag);
    // SQLite: a cheap substring test on the short tags text first, so json_each
    // only runs on the rows that can match (it costs ~10x a substring test).
    return d.provider === "sqlite" ? sql`(instr(${T("tags")}, ${JSON.stringify(tag)}) > 0 AND ${contains})` : contains;
  });
  if (c.operator === "all of") return sql`(${join(each, " AND ")})`;
  if (c.operator === "any of") return sql`(${join(each, " OR ")})`;
  return sql`NOT (${join(each, " OR ")})`;
}

function level(c: FilterCondition): Sql {
  if (c.type === "string" && c.operator === "=" && c.value === "error") return sql`"t"."errorCount" > 0`;
  if (c.type === "string" && c.operator === "=" && c.value === "warning") return sql`("t"."warningCount" > 0 OR "t"."errorCount" > 0)`;
  throw new FilterError("level is error or warning (=)", "value");
}

// A model name also finds its dated versions: "gpt-4o" matches "gpt-4o-2024-08-06" (any element starting with it).
function model(c: FilterCondition, d: Dialect): Sql {
  if (c.type !== "string") throw new FilterError("model takes a string", "type");
  const text = d.asText(T("models"));
  const v = escapeLike(c.value);
  if (c.operator === "starts with") return d.ilike(text, `%"${v}%`);
  if (c.operator === "=") return d.ilike(text, `%"${v}"%`);
  if (c.operator === "contains") return d.ilike(text, `%${v}%`);
  throw new FilterError("model takes =, starts with or contains", "operator");
}

// The index-backed search (search.ts): a substring of the name, input or output words, or the id.
function stringValue(c: FilterCondition): string {
  if (c.type !== "string" || c.operator !== "contains") throw new FilterError("search takes contains", "operator");
  return c.value;
}

function search(c: FilterCondition, d: Dialect): Sql {
  return searchSql(d, stringValue(c));
}

// The runs a trace ran in: any run item of a run with that name linking it
// (the legacy SDK's item.link, the plain API, the OTel link), or, for a trace
// whose link never landed (refused or still pending), the OTel SDK's
// langfuse.experiment.name kept in metadata.experiment (lib/ingest/otel/map-experiment.ts).
// The run item side rides DatasetRunItem's (projectId, traceId) index.
// A negative operator means "in no run so named": NOT of the positive test.
function experiment(c: FilterCondition, d: Dialect): Sql {
  if (c.type !== "string") throw new FilterError("experiment takes a string", "type");
  const negated = c.operator === "!=" ? "=" : c.operator === "does not contain" ? "contains" : null;
  const op = negated ?? c.operator;
  const runName = stringSql(d, sql`"r"."name"`, op, c.value);
  const otelName = d.jsonPathText(T("metadata"), ["experiment", "name"]);
  const inRun = sql`(EXISTS (SELECT 1 FROM "DatasetRunItem" "ri" JOIN "DatasetRun" "r" ON "r"."id" = "ri"."datasetRunId"
      WHERE "ri"."projectId" = "t"."projectId" AND "ri"."traceId" = "t"."id" AND ${runName})
    OR (${otelName} IS NOT NULL AND ${stringSql(d, otelName, op, c.value)}))`;
  return negated ? sql`NOT ${inRun}` : inRun;
}

// Instrumentation gaps (missing.ts): ?missing=usage finds the traces with a generation that reported no usage.
function missing(c: FilterCondition): Sql {
  const kinds = c.type === "string" ? [c.value] : c.type === "stringOptions" ? c.value : null;
  if (!kinds) throw new FilterError("missing takes a string or stringOptions", "type");
  const bad = kinds.find((k) => !isMissingKind(k));
  if (bad !== undefined) throw new FilterError(`missing is one of ${MISSING_KINDS.join(", ")}: ${bad}`, "value");
  const any = sql`(${join(kinds.map((k) => traceMissing(k as MissingKind)), " OR ")})`;
  if (c.operator === "=" || c.operator === "any of") return any;
  if (c.operator === "!=" || c.operator === "none of") return sql`NOT ${any}`;
  throw new FilterError("missing takes =, !=, any of or none of", "operator");
}

// A score condition is on the trace's own score, the value its column shows (score-value.ts).
function score(c: FilterCondition): Sql {
  if (c.type === "numericScore") return sql`${traceScoreNumber(c.key)} ${cmp(c.operator)} ${c.value}`;
  if (c.type === "booleanScore") return sql`${traceScoreNumber(c.key)} ${cmp(c.operator)} ${c.value ? 1 : 0}`;
  if (c.type === "categoricalScore") return sql`${traceScoreLabel(c.key)} ${cmp(c.operator)} ${c.value}`;
  throw new FilterError("score takes numericScore, categoricalScore or booleanScore", "type");
}

/** The columns a trace filter may name. */
export const TRACE_COLUMNS: ViewColumns = {
  id: { types: TEXT, expr: T("id") },
  timestamp: { types: ["datetime"], expr: T("timestamp") },
  name: { types: TEXT, expr: T("name") },
  userId: { types: TEXT, expr: T("userId") },
  sessionId: { types: TEXT, expr: T("sessionId") },
  environment: { types: TEXT, expr: T("environment") },
  release: { types: TEXT, expr: T("release") },
  version: { types: TEXT, expr: T("version") },
  tags: { types: ["arrayOptions"], build: tags },
  level: { types: ["string"], build: level },
  model: { types: ["string"], build: model },
  latency: { types: ["number"], expr: T("latencyMs") },
  cost: { types: ["number"], expr: T("totalCost") },
  tokens: { types: ["number"], expr: T("totalTokens") },
  observations: { types: ["number"], expr: T("observationCount") },
  errors: { types: ["number"], expr: T("errorCount") },
  bookmarked: { types: ["boolean"], expr: T("bookmarked") },
  metadata: { types: ["stringObject"], expr: T("metadata") },
  experiment: { types: ["string"], build: experiment },
  score: { types: ["numericScore", "categoricalScore", "booleanScore"], build: score },
  search: { types: ["string"], build: search },
  missing: { types: ["string", "stringOptions"], build: missing },
};

/** Conditions that read each row's payload or probe another table: the table's count stops early for them. */
/** A saved filter (a rule's, a live evaluator's) refused unless it fits the traces view, at the form's `conditions` field. */
export function checkTraceFilter(filter: Filter): void {
  const [issue] = filterIssues(TRACE_COLUMNS, filter);
  if (issue) throw new DomainError("invalid", `A condition does not fit traces: ${issue.message}`, { path: "conditions" });
}

export const ROW_SCAN_COLUMNS: ReadonlySet<string> = new Set(["search", "tags", "score", "metadata", "model", "experiment", "missing"]);

/** WHERE for the traces of a project matching a filter (the table aliases Trace as "t"). */
export function traceWhere(client: Db | Tx, projectId: string, filter: Filter | TraceFilter, opts: { searchMatches?: string[] | null } = {}): Sql {
  // The search knows the project, so SQLite reads the index once for it; PostgreSQL may have read its few matches (search.ts).
  const matches = opts.searchMatches ?? undefined;
  const columns: ViewColumns = { ...TRACE_COLUMNS, search: { types: ["string"], build: (c, d) => searchSql(d, stringValue(c), { projectId, matches }) } };
  const { where } = buildConditions(dialectOf(client), columns, traceConditions(filter));
  return join([sql`"t"."projectId" = ${projectId}`, ...where], " AND ");
}
