// The traces search, read side: a case-insensitive substring of a trace's name,
// input or output words (search-text.ts), or the trace's id. Terms of 3+
// characters are answered from the search index (search-index.ts); shorter
// ones cannot use a trigram index and test each row's JSON text, as before.
//
// SQLite's planner cannot tell a common word from a rare one (FTS5 gives no
// estimate), so the table's default view (newest first) gets a plan that is
// fast for both: walk the index newest first (its keys are timestamps) to the
// page's last match, then read just the matches from that millisecond on and
// sort them the usual way. A rare word's walk ends at the index's end, a
// common word's after a page. PostgreSQL's planner weighs pg_trgm's estimates
// itself for a common word (the plain condition serves there); a rare one is
// read up front as a list of ids (fewMatches).
import { dialectOf, type Db } from "../db/client";
import { decode, empty, raw, sql, type Dialect, type Sql } from "../db/sql";
import type { Filter, FilterCondition } from "../query/filter";
import { escapeLike } from "../query/where";
import { KEY_SLOTS } from "./search-index";
import { ftsPhrase, indexedTerm } from "./search-text";

const T = (col: string) => sql([`"t"."${col}"`] as unknown as TemplateStringsArray);

// The index's matches joined to their traces' keys, the index as the outer loop (CROSS JOIN fixes the order in
// SQLite), so a walk by key DESC stops early. (FTS5 ignores a rowid constraint bound as REAL, which is how
// better-sqlite3 binds JS numbers: `rowid = ?` next to MATCH then matches every row. Joins on the key are exact.)
const FTS_FROM = sql`"TraceSearchText" CROSS JOIN "TraceSearch" "s" ON "s"."key" = "TraceSearchText"."rowid"`;

export interface SearchSqlOptions {
  /** The project the query reads (SQLite: the index is read once, as a list of the project's matching ids). */
  projectId?: string;
  /** SQLite, with projectId: only the index's keys from this one on (the newest-first page: nthMatchFloor). */
  fromKey?: number;
  /** PostgreSQL: the term's matches, read up front because they are few (fewMatches): the condition is their ids. */
  matches?: string[];
}

/** The SQL of a search condition on "t". */
export function searchSql(d: Dialect, value: string, opts: SearchSqlOptions = {}): Sql {
  const byId = sql`"t"."id" = ${value}`;
  const term = indexedTerm(value);
  if (term === null) {
    const pattern = `%${escapeLike(value)}%`;
    return sql`(${d.ilike(d.asText(T("input")), pattern)} OR ${d.ilike(d.asText(T("output")), pattern)} OR ${d.ilike(T("name"), pattern)} OR ${byId})`;
  }
  if (d.provider === "postgresql") {
    if (opts.matches) return d.inList(sql`"t"."id"`, [...opts.matches, value]);
    const text = sql`"s"."text"`;
    return sql`(EXISTS (SELECT 1 FROM "TraceSearch" "s" WHERE "s"."projectId" = "t"."projectId" AND "s"."traceId" = "t"."id"
      AND ${d.ilike(text, `%${escapeLike(term)}%`)}) OR ${byId})`;
  }
  const match = sql`"TraceSearchText" MATCH ${ftsPhrase(term)}`;
  if (opts.projectId === undefined) {
    return sql`(EXISTS (SELECT 1 FROM "TraceSearch" "s" CROSS JOIN "TraceSearchText" ON "TraceSearchText"."rowid" = "s"."key"
      WHERE "s"."projectId" = "t"."projectId" AND "s"."traceId" = "t"."id" AND ${match}) OR ${byId})`;
  }
  // A literal: FTS5 uses a rowid bound for its walk only when it is an INTEGER, and drivers bind JS numbers as REAL
  // (then every match is read and filtered after: 400 ms for a common word at 1M traces instead of 0.5).
  const from = opts.fromKey === undefined ? empty : sql` AND "TraceSearchText"."rowid" >= ${raw(String(Math.trunc(opts.fromKey)))}`;
  // Uncorrelated, and the id alternative inside the list (an OR would hide it from the planner): SQLite reads
  // the index once and looks the matches up by Trace's primary key.
  return sql`"t"."id" IN (SELECT "s"."traceId" FROM ${FTS_FROM} WHERE ${match} AND "s"."projectId" = ${opts.projectId}${from}
    UNION ALL SELECT ${value})`;
}

/** The one search condition of a filter, on SQLite, when its term uses the index; and the other conditions. */
export function indexedSearch(client: Db, filter: Filter): { value: string; term: string; rest: Filter } | null {
  return dialectOf(client).provider === "sqlite" ? oneIndexedSearch(filter) : null;
}

function oneIndexedSearch(filter: Filter): { value: string; term: string; rest: Filter } | null {
  const searches = filter.filter((c) => c.column === "search");
  if (searches.length !== 1) return null;
  const c = searches[0] as FilterCondition;
  if (c.type !== "string" || c.operator !== "contains") return null;
  const term = indexedTerm(c.value);
  return term === null ? null : { value: c.value, term, rest: filter.filter((x) => x !== c) };
}

/**
 * A filter that is one indexed search and nothing else: the index walk serves it. With other conditions a walk
 * could read every match of a common word to find none that fits them (a common word and a name it never
 * appears under: 8 s at 1M traces); the plain condition lets the planner walk the other condition's index instead,
 * probing the id list read once.
 */
export function walkableSearch(client: Db, filter: Filter): { value: string; term: string } | null {
  const one = indexedSearch(client, filter);
  return one && !one.rest.length ? one : null;
}

function walk(projectId: string, term: string, restWhere: Sql): Sql {
  return sql`FROM ${FTS_FROM} JOIN "Trace" "t" ON "t"."projectId" = "s"."projectId" AND "t"."id" = "s"."traceId"
    WHERE "TraceSearchText" MATCH ${ftsPhrase(term)} AND "s"."projectId" = ${projectId} AND ${restWhere}`;
}

/**
 * The first key of the millisecond holding the n-th newest match (matching the rest of the filter too), or
 * undefined when there are fewer. Every match of the first n by (timestamp, id) DESC has a key from it on.
 */
export async function nthMatchFloor(client: Db, projectId: string, term: string, restWhere: Sql, n: number): Promise<number | undefined> {
  const [row] = await client.$queryRaw<{ k: unknown }[]>`
    SELECT "TraceSearchText"."rowid" AS "k" ${walk(projectId, term, restWhere)}
    ORDER BY "TraceSearchText"."rowid" DESC LIMIT 1 OFFSET ${n - 1}`;
  if (!row) return undefined;
  return Math.floor(decode.number(row.k) / KEY_SLOTS) * KEY_SLOTS;
}

/** How many traces match, counting to cap + 1 at most: the index walk, plus the trace whose id is the term if its text does not hold it. */
export async function countWalk(client: Db, projectId: string, value: string, term: string, restWhere: Sql, cap: number): Promise<number> {
  const [walked] = await client.$queryRaw<{ n: unknown }[]>`
    SELECT COUNT(*) AS "n" FROM (SELECT 1 ${walk(projectId, term, restWhere)} LIMIT ${cap + 1}) AS "m"`;
  const [byId] = await client.$queryRaw<{ n: unknown }[]>`
    SELECT COUNT(*) AS "n" FROM "Trace" "t" WHERE ${restWhere} AND "t"."id" = ${value}
      AND NOT EXISTS (SELECT 1 FROM "TraceSearch" "s" CROSS JOIN "TraceSearchText" ON "TraceSearchText"."rowid" = "s"."key"
        WHERE "s"."projectId" = "t"."projectId" AND "s"."traceId" = "t"."id"
        AND "TraceSearchText" MATCH ${ftsPhrase(term)})`;
  return decode.number(walked?.n) + decode.number(byId?.n);
}

/**
 * PostgreSQL, a filter with one indexed search: the ids of the traces whose text holds the term when there are at
 * most `cap` of them (else null). Its planner cannot estimate the EXISTS … ILIKE condition (it assumes half the
 * rows match), so a rare word or one that matches nothing walked every trace in the sort's order (~1 s at 1M
 * traces); the ids as a list it estimates exactly. The trigram index finds them (a rare word: under 1 ms); a
 * common word stops reading at cap + 1 and keeps the plain condition, which serves it well.
 */
export function fewMatches(client: Db, projectId: string, filter: Filter, cap: number): Promise<string[] | null> {
  const d = dialectOf(client);
  if (d.provider !== "postgresql") return Promise.resolve(null);
  const one = oneIndexedSearch(filter);
  if (!one) return Promise.resolve(null);
  // A page reads its list and its count at once: the two share one read while it runs (nothing is kept after).
  const pending = inFlight.get(client) ?? new Map<string, Promise<string[] | null>>();
  inFlight.set(client, pending);
  const key = `${projectId}\u0000${cap}\u0000${one.term}`;
  let read = pending.get(key);
  if (!read) {
    read = client.$queryRaw<{ traceId: string }[]>`
      SELECT "s"."traceId" FROM "TraceSearch" "s" WHERE "s"."projectId" = ${projectId} AND ${d.ilike(sql`"s"."text"`, `%${escapeLike(one.term)}%`)}
      LIMIT ${cap + 1}`
      .then((rows) => (rows.length > cap ? null : rows.map((r) => r.traceId)))
      .finally(() => pending.delete(key));
    pending.set(key, read);
  }
  return read;
}

const inFlight = new WeakMap<Db, Map<string, Promise<string[] | null>>>();
