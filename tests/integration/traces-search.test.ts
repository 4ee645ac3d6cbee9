// The traces search index on both databases: a substring of a trace's name,
// input or output words, case-insensitive, kept current by the ingestion
// writer (updates, deletion), per project, wildcards literal, short terms by
// the row scan; the table's list and capped count agree with the exact count.
import { beforeAll, describe, expect, it } from "vitest";
import type { IngestEvent } from "@/lib/ingest/events";
import { ingestEvents } from "@/lib/ingest/service";
import { deleteTraces } from "@/lib/traces/delete";
import { countTraces, countTracesCapped, listTraces } from "@/lib/traces/list";
import { fewMatches } from "@/lib/traces/search";
import { parseTraceTableParams, type SearchParamsRecord } from "@/lib/traces/table-params";
import { dbFor, targets, uid } from "../support/targets";

const at = (min: number, ms = 0) => new Date(Date.UTC(2026, 0, 1, 0, min, 0, ms));

function fixture(): IngestEvent[] {
  return [
    { kind: "trace", id: "s1", name: "Checkout-Agent", timestamp: at(0), input: { messages: [{ role: "user", content: "Please REFUND my order #4411" }] }, output: "done" },
    { kind: "trace", id: "s2", name: "support", timestamp: at(1), input: "hello", output: { reply: "Your parcel is on its Shipping route", score: 42 } },
    { kind: "trace", id: "s3", name: "support", timestamp: at(2), input: "100% sure, a_b and c%d", output: null },
    { kind: "trace", id: "s4", name: "quiet", timestamp: at(3) },
    // Two traces in the same millisecond as s4's neighbour: the index keeps both, in id order on the page.
    { kind: "trace", id: "s5", name: "same-ms", timestamp: at(4, 7), input: "refund twin a" },
    { kind: "trace", id: "s6", name: "same-ms", timestamp: at(4, 7), input: "refund twin b" },
    { kind: "trace", id: "refund-id", name: "by id", timestamp: at(5), input: "nothing to see" },
  ];
}

describe.each(targets())("traces search on $name", (t) => {
  const db = dbFor(t);
  const projectId = uid("search");
  const otherProject = uid("search-other");
  const page = async (params: SearchParamsRecord, project = projectId, limit?: number) => {
    const p = parseTraceTableParams(params, at(10));
    expect(p.issues).toEqual([]);
    const rows = await listTraces(db, project, { filter: p.filter, sort: p.sort, page: p.page, limit: limit ?? p.limit });
    return rows.map((r) => r.id);
  };
  /** The page, checked against the exact count and the table's capped count. */
  const ids = async (search: string, project = projectId) => {
    const got = await page({ search }, project);
    const filter = parseTraceTableParams({ search }, at(10)).filter;
    expect(await countTraces(db, project, filter)).toBe(got.length);
    expect(await countTracesCapped(db, project, filter, 1000)).toEqual({ count: got.length, capped: false });
    return got;
  };

  beforeAll(async () => {
    await db.project.createMany({ data: [{ id: projectId, name: "Search" }, { id: otherProject, name: "Other" }] });
    expect((await ingestEvents(projectId, fixture(), db)).traces).toBe(7);
    await ingestEvents(otherProject, [{ kind: "trace", id: "o1", name: "support", timestamp: at(0), input: "please refund me too" }], db);
  });

  it("finds a word of the input, the output or the name, case-insensitively, as a substring", async () => {
    expect(await ids("refund")).toEqual(["s6", "s5", "s1"]); // input (nested JSON)
    expect(await ids("REFUND my")).toEqual(["s1"]); // across a space, any case
    expect(await ids("shipping rou")).toEqual(["s2"]); // output
    expect(await ids("42")).toEqual(["s2"]); // a number in the output (2 characters: the row scan)
    expect(await ids("heckout-ag")).toEqual(["s1"]); // the name, a substring
    expect(await ids("content")).toEqual(["s1"]); // a key
    expect(await ids("zqxjv")).toEqual([]);
  });

  it("reads a term's few matches up front on PostgreSQL, and leaves a common one to the plain condition", async () => {
    const filter = (search: string) => parseTraceTableParams({ search }, at(10)).filter;
    if (t.name === "sqlite") {
      expect(await fewMatches(db, projectId, filter("refund"), 2)).toBeNull(); // SQLite walks its FTS5 index instead
      return;
    }
    expect((await fewMatches(db, projectId, filter("refund"), 3))?.sort()).toEqual(["s1", "s5", "s6"]);
    expect(await fewMatches(db, projectId, filter("refund"), 2)).toBeNull();
    expect(await fewMatches(db, projectId, filter("zqxjv"), 2)).toEqual([]);
    expect(await fewMatches(db, projectId, filter("he"), 2)).toBeNull(); // short: the row scan
    // The list from the ids and the count from the plain condition agree (ids() checks both).
    expect(await ids("twin")).toEqual(["s6", "s5"]);
  });

  it("keeps projects apart", async () => {
    expect(await ids("please", otherProject)).toEqual(["o1"]);
    expect(await ids("please")).toEqual(["s1"]);
  });

  it("takes LIKE and FTS wildcards and quotes literally", async () => {
    expect(await ids("100%")).toEqual(["s3"]);
    expect(await ids("a_b")).toEqual(["s3"]);
    expect(await ids("c%d")).toEqual(["s3"]);
    expect(await ids("a%b")).toEqual([]);
    expect(await ids("x_y")).toEqual([]);
    expect(await ids('"refund')).toEqual([]);
    expect(await ids("refund*")).toEqual([]);
    expect(await ids("refund OR hello")).toEqual([]);
  });

  it("answers short terms by the row scan, and still finds a trace by its id", async () => {
    expect(await ids("he")).toEqual(["s2", "s1"]); // "hello", "Checkout-Agent"
    expect(await ids("s4")).toEqual(["s4"]); // id equality, no text
    expect(await ids("refund-id")).toEqual(["refund-id"]); // its own id, nothing in its text
  });

  it("pages newest first through ties in one millisecond", async () => {
    expect(await page({ search: "refund" }, projectId, 1)).toEqual(["s6"]);
    expect(await page({ search: "refund", page: "2" }, projectId, 1)).toEqual(["s5"]);
    expect(await page({ search: "refund", page: "3" }, projectId, 1)).toEqual(["s1"]);
    expect(await page({ search: "refund", page: "4" }, projectId, 1)).toEqual([]);
    expect(await page({ search: "refund", sort: "timestamp.asc" })).toEqual(["s1", "s5", "s6"]);
    expect(await page({ search: "refund", sort: "name.asc" })).toEqual(["s1", "s5", "s6"]);
    expect(await page({ search: "refund", name: "same-ms" })).toEqual(["s6", "s5"]);
    expect(await countTracesCapped(db, projectId, parseTraceTableParams({ search: "refund" }, at(10)).filter, 2)).toEqual({ count: 2, capped: true });
  });

  it("follows updates: a changed input is found by its new words only; a moved timestamp keeps the trace found", async () => {
    const id = "u1";
    await ingestEvents(projectId, [{ kind: "trace", id, name: "upd", timestamp: at(6), input: "marmalade sandwich" }], db);
    expect(await ids("marmalade")).toEqual([id]);
    await ingestEvents(projectId, [{ kind: "trace", id, input: "pickled herring" }], db);
    expect(await ids("marmalade")).toEqual([]);
    expect(await ids("herring")).toEqual([id]);
    await ingestEvents(projectId, [{ kind: "trace", id, timestamp: at(0, 1) }], db);
    expect(await ids("herring")).toEqual([id]);
    expect(await page({ search: "upd" })).toEqual([id]);
  });

  it("forgets deleted traces", async () => {
    await ingestEvents(projectId, [{ kind: "trace", id: "d1", name: "doomed", timestamp: at(7), input: "ephemeral words" }], db);
    expect(await ids("ephemeral")).toEqual(["d1"]);
    expect(await deleteTraces(db, projectId, ["d1"])).toBe(1);
    expect(await ids("ephemeral")).toEqual([]);
    // Its search row went with it (no orphan left for the index to carry).
    expect(await db.$queryRaw`SELECT "traceId" FROM "TraceSearch" WHERE "projectId" = ${projectId} AND "traceId" = 'd1'`).toEqual([]);
    // Re-created with the same id: found again, once.
    await ingestEvents(projectId, [{ kind: "trace", id: "d1", name: "doomed", timestamp: at(7), input: "ephemeral words" }], db);
    expect(await ids("ephemeral")).toEqual(["d1"]);
  });
});
