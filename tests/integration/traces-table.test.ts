// The traces table's queries on both databases: every filter, sorting, paging,
// the capped count, prev/next in a view, and the bulk bookmark/delete paths.
import { beforeAll, describe, expect, it } from "vitest";
import type { IngestEvent } from "@/lib/ingest/events";
import { ingestEvents } from "@/lib/ingest/service";
import { resolveSelection, setBookmarks } from "@/lib/traces/bulk";
import { deleteTraces } from "@/lib/traces/delete";
import { countTraces, countTracesCapped, listTraces, observationScoresForTraces, scoresForTraces } from "@/lib/traces/list";
import { traceNeighbours } from "@/lib/traces/neighbours";
import { scoreNames, traceNames } from "@/lib/traces/options";
import { parseTraceTableParams, type SearchParamsRecord } from "@/lib/traces/table-params";
import { dbFor, targets, uid } from "../support/targets";

const at = (min: number, sec = 0) => new Date(Date.UTC(2026, 0, 1, 0, min, sec));

/** Four traces that differ in every filterable way. */
function fixture(): IngestEvent[] {
  return [
    { kind: "trace", id: "t1", name: "alpha", timestamp: at(0), userId: "u1", sessionId: "s1", tags: ["a", "b"], environment: "production", release: "r1", version: "v1", metadata: { region: "eu" }, input: "please refund my order", output: { reply: "ok" } },
    { kind: "observation", id: "t1-g", traceId: "t1", type: "GENERATION", name: "llm", model: "gpt-4o", startTime: at(0), endTime: at(0, 3), level: "ERROR", statusMessage: "boom", usage: { input: 100, output: 20 }, cost: { total: 0.02 } },
    { kind: "trace", id: "t2", name: "beta", timestamp: at(1), userId: "u2", sessionId: "s2", tags: ["b"], environment: "staging", release: "r2", metadata: { region: "us" }, input: "hello", output: "a shipping answer" },
    { kind: "observation", id: "t2-s", traceId: "t2", type: "SPAN", name: "step", startTime: at(1), endTime: at(1, 1), level: "WARNING" },
    { kind: "trace", id: "t3", name: "alpha", timestamp: at(2), userId: "u1", environment: "production", input: "third" },
    { kind: "observation", id: "t3-g", traceId: "t3", type: "GENERATION", name: "llm", model: "claude-3-5-sonnet-20241022", startTime: at(2), endTime: at(2, 5), usage: { input: 10, output: 10 }, cost: { total: 0.5 } },
    { kind: "trace", id: "t4", name: "gamma", timestamp: at(3) },
    { kind: "score", id: "sc1", traceId: "t1", name: "helpfulness", value: 0.2, dataType: "NUMERIC" },
    { kind: "score", id: "sc2", traceId: "t1", name: "correct", value: 0, dataType: "BOOLEAN" },
    { kind: "score", id: "sc3", traceId: "t2", name: "helpfulness", value: 0.9, dataType: "NUMERIC" },
    { kind: "score", id: "sc4", traceId: "t2", name: "correct", value: 1, dataType: "BOOLEAN" },
    { kind: "score", id: "sc5", traceId: "t3", name: "label", value: "good", dataType: "CATEGORICAL" },
  ];
}

describe.each(targets())("traces table queries on $name", (t) => {
  const db = dbFor(t);
  const projectId = uid("tt");
  const ids = async (params: SearchParamsRecord) => {
    const p = parseTraceTableParams(params, at(10));
    expect(p.issues).toEqual([]);
    const rows = await listTraces(db, projectId, { filter: p.filter, sort: p.sort, page: p.page, limit: p.limit });
    // The count must agree with the rows on a single page.
    if (p.page === 1 && rows.length < p.limit) expect(await countTraces(db, projectId, p.filter)).toBe(rows.length);
    return rows.map((r) => r.id);
  };

  beforeAll(async () => {
    expect((await ingestEvents(projectId, fixture(), db)).traces).toBe(4);
  });

  it("lists newest first with rollups and previews", async () => {
    const rows = await listTraces(db, projectId, { filter: {}, page: 1, limit: 50 });
    expect(rows.map((r) => r.id)).toEqual(["t4", "t3", "t2", "t1"]);
    const t1 = rows.find((r) => r.id === "t1")!;
    expect(t1).toMatchObject({ name: "alpha", userId: "u1", sessionId: "s1", tags: ["a", "b"], errorCount: 1, observationCount: 1, latencyMs: 3000, inputTokens: 100, outputTokens: 20 });
    expect(t1.totalCost).toBeCloseTo(0.02, 9);
    expect(t1.inputPreview).toContain("refund");
  });

  it("filters by time range (custom and preset)", async () => {
    expect(await ids({ from: at(1).toISOString(), to: at(2).toISOString() })).toEqual(["t3", "t2"]);
    // "now" is at(10) in these tests: the last hour holds everything, a range after it nothing.
    expect(await ids({ range: "1h" })).toHaveLength(4);
    expect(await ids({ from: at(4).toISOString() })).toEqual([]);
  });

  it("filters by name, user, session, environment, release and version", async () => {
    expect(await ids({ name: "alpha" })).toEqual(["t3", "t1"]);
    expect(await ids({ name: "alpha,gamma" })).toEqual(["t4", "t3", "t1"]);
    expect(await ids({ userId: "u1" })).toEqual(["t3", "t1"]);
    expect(await ids({ sessionId: "s2" })).toEqual(["t2"]);
    expect(await ids({ environment: "staging" })).toEqual(["t2"]);
    expect(await ids({ release: "r1" })).toEqual(["t1"]);
    expect(await ids({ version: "v1" })).toEqual(["t1"]);
  });

  it("filters by tags (all of them), level and model", async () => {
    expect(await ids({ tags: "b" })).toEqual(["t2", "t1"]);
    expect(await ids({ tags: "a,b" })).toEqual(["t1"]);
    expect(await ids({ tags: "nope" })).toEqual([]);
    expect(await ids({ level: "error" })).toEqual(["t1"]);
    expect(await ids({ level: "warning" })).toEqual(["t2", "t1"]);
    expect(await ids({ model: "gpt-4o" })).toEqual(["t1"]);
    // a model name finds its dated versions
    expect(await ids({ model: "claude-3-5-sonnet" })).toEqual(["t3"]);
  });

  it("filters by latency and cost ranges", async () => {
    expect(await ids({ minLatency: "2000" })).toEqual(["t3", "t1"]);
    expect(await ids({ minLatency: "2000", maxLatency: "4000" })).toEqual(["t1"]);
    expect(await ids({ minCost: "0.1" })).toEqual(["t3"]);
    expect(await ids({ maxCost: "0.1" })).toEqual(["t1"]);
  });

  it("filters by score conditions (numeric, boolean, categorical) and combines them", async () => {
    expect(await ids({ score: "helpfulness<0.5" })).toEqual(["t1"]);
    expect(await ids({ score: "helpfulness>=0.5" })).toEqual(["t2"]);
    expect(await ids({ score: "correct=false" })).toEqual(["t1"]);
    expect(await ids({ score: "correct=true" })).toEqual(["t2"]);
    expect(await ids({ score: "label=good" })).toEqual(["t3"]);
    expect(await ids({ score: ["helpfulness>0.1", "correct=true"] })).toEqual(["t2"]);
    expect(await ids({ score: "helpfulness<0.5", name: "beta" })).toEqual([]);
  });

  it("filters by metadata, bookmark, full-text search and combinations", async () => {
    expect(await ids({ metadata: "region=eu" })).toEqual(["t1"]);
    expect(await ids({ metadata: ["region=us", "missing=x"] })).toEqual([]);
    expect(await ids({ search: "refund" })).toEqual(["t1"]); // input
    expect(await ids({ search: "SHIPPING" })).toEqual(["t2"]); // output, case-insensitive
    expect(await ids({ search: "100%" })).toEqual([]); // LIKE wildcards are literal
    expect(await ids({ name: "alpha", userId: "u1", level: "error", tags: "a" })).toEqual(["t1"]);
    expect(await ids({ bookmarked: "true" })).toEqual([]);
  });

  it("reports bad params instead of failing the view", () => {
    const p = parseTraceTableParams({ minLatency: "fast", score: "helpfulness", range: "forever", name: "alpha" });
    expect(p.issues.map((i) => i.param).sort()).toEqual(["minLatency", "range", "score"]);
    expect(p.filter).toEqual([{ type: "stringOptions", column: "name", operator: "any of", value: ["alpha"] }]);
    expect(p.filtered).toBe(true);
    expect(parseTraceTableParams({}).filtered).toBe(false);
  });

  it("sorts on numeric columns with nulls last, both ways", async () => {
    expect(await ids({ sort: "latency.desc" })).toEqual(["t3", "t1", "t2", "t4"]);
    expect(await ids({ sort: "latency.asc" })).toEqual(["t2", "t1", "t3", "t4"]);
    expect(await ids({ sort: "cost.desc" })).toEqual(["t3", "t1", "t4", "t2"]); // no cost: last, by id
    expect(await ids({ sort: "timestamp.asc" })).toEqual(["t1", "t2", "t3", "t4"]);
    expect(await ids({ sort: "tokens.desc" })).toEqual(["t1", "t3", "t4", "t2"]); // ties broken by id
    expect(await ids({ sort: "name.asc" })).toEqual(["t1", "t3", "t2", "t4"]);
  });

  it("pages with a stable order and a capped count", async () => {
    expect(await ids({ limit: "25", page: "1" })).toEqual(["t4", "t3", "t2", "t1"]);
    const p2 = await listTraces(db, projectId, { filter: {}, page: 2, limit: 3 });
    expect(p2.map((r) => r.id)).toEqual(["t1"]);
    expect(await countTracesCapped(db, projectId, {}, 10)).toEqual({ count: 4, capped: false });
    expect(await countTracesCapped(db, projectId, {}, 3)).toEqual({ count: 3, capped: true });
  });

  it("finds the previous and next trace of a view", async () => {
    const byTime = { filter: {}, sort: { column: "timestamp" as const, dir: "desc" as const } };
    expect(await traceNeighbours(db, projectId, "t3", byTime)).toEqual({ prev: "t4", next: "t2" });
    expect(await traceNeighbours(db, projectId, "t4", byTime)).toEqual({ prev: null, next: "t3" });
    const alpha = { filter: { name: ["alpha"] }, sort: byTime.sort };
    expect(await traceNeighbours(db, projectId, "t3", alpha)).toEqual({ prev: null, next: "t1" });
    // Latency desc: t3, t1, t2, then t4 (no latency) last.
    const slow = { filter: {}, sort: { column: "latency" as const, dir: "desc" as const } };
    expect(await traceNeighbours(db, projectId, "t2", slow)).toEqual({ prev: "t1", next: "t4" });
    expect(await traceNeighbours(db, projectId, "t4", slow)).toEqual({ prev: "t2", next: null });
    expect(await traceNeighbours(db, projectId, "missing", slow)).toEqual({ prev: null, next: null });
  });

  it("lists names and score names for the pickers and score columns", async () => {
    expect(await traceNames(db, projectId)).toEqual(["alpha", "beta", "gamma"]);
    expect(await scoreNames(db, projectId)).toEqual(["correct", "helpfulness", "label"]);
  });

  it("bookmarks a selection and all traces matching a view, then deletes them", async () => {
    const other = uid("tt-bulk");
    await ingestEvents(other, fixture(), db);
    expect(await setBookmarks(db, other, await resolveSelection(db, other, { ids: ["t1", "t2", "t1"], allMatching: false, view: "" }), true)).toBe(2);
    expect(await countTraces(db, other, { bookmarked: true })).toBe(2);
    const alpha = await resolveSelection(db, other, { ids: [], allMatching: true, view: "name=alpha&sort=latency.desc" });
    expect(alpha.sort()).toEqual(["t1", "t3"]);
    expect(await setBookmarks(db, other, alpha, false)).toBe(2);
    expect((await listTraces(db, other, { filter: { bookmarked: true }, page: 1, limit: 10 })).map((r) => r.id)).toEqual(["t2"]);

    const failing = await resolveSelection(db, other, { ids: [], allMatching: true, view: "level=warning" });
    expect(await deleteTraces(db, other, failing)).toBe(2);
    expect((await listTraces(db, other, { filter: {}, page: 1, limit: 10 })).map((r) => r.id)).toEqual(["t4", "t3"]);
    expect(await db.score.count({ where: { projectId: other, traceId: { in: ["t1", "t2"] } } })).toBe(0);
    expect(await db.observation.count({ where: { projectId: other, traceId: { in: ["t1", "t2"] } } })).toBe(0);
    // The first project is untouched.
    expect(await countTraces(db, projectId, {})).toBe(4);
  });
});

/**
 * One meaning for a trace's score (issue 12, item 15): the trace's own scores
 * (numeric: their mean; else the latest), in the column, the filters, the sort
 * and prev/next alike. Observation scores are their own columns and never
 * leak into the trace's value.
 */
function scoreFixture(): IngestEvent[] {
  const obs = (id: string, traceId: string, minute: number): IngestEvent => ({ kind: "observation", id, traceId, type: "GENERATION", name: "llm", startTime: at(minute), endTime: at(minute, 1) });
  const score = (id: string, traceId: string, value: number, observationId?: string, name = "helpfulness"): IngestEvent => ({ kind: "score", id, traceId, observationId, name, value, dataType: "NUMERIC" });
  return [
    { kind: "trace", id: "a", name: "a", timestamp: at(0) },
    obs("a-g", "a", 0),
    score("a-own", "a", 0.8), // the header says 0.8 ...
    score("a-obs", "a", 0.4, "a-g"), // ... and its generation got 0.4: the trace is still 0.8
    { kind: "trace", id: "b", name: "b", timestamp: at(1) },
    obs("b-g", "b", 1),
    score("b-obs", "b", 0.9, "b-g"), // only an observation score: the trace has none
    { kind: "trace", id: "c", name: "c", timestamp: at(2) },
    score("c-1", "c", 0.2), // two reviewers on the trace itself: mean 0.5
    score("c-2", "c", 0.8),
    { kind: "trace", id: "d", name: "d", timestamp: at(3) },
    score("d-own", "d", 0.3),
    { kind: "score", id: "d-label", traceId: "d", name: "verdict", value: "bad", dataType: "CATEGORICAL" },
    { kind: "score", id: "d-obs-label", traceId: "d", observationId: "d-g", name: "verdict", value: "good", dataType: "CATEGORICAL" },
    obs("d-g", "d", 3),
  ];
}

describe.each(targets())("a trace's score means its own scores, on $name", (t) => {
  const db = dbFor(t);
  const projectId = uid("tt-score");
  const ids = async (params: SearchParamsRecord) => {
    const p = parseTraceTableParams(params, at(10));
    expect(p.issues).toEqual([]);
    const rows = await listTraces(db, projectId, { filter: p.filter, sort: p.sort, page: p.page, limit: p.limit });
    expect(await countTraces(db, projectId, p.filter)).toBe(rows.length);
    return rows.map((r) => r.id);
  };

  beforeAll(async () => {
    const res = await ingestEvents(projectId, scoreFixture(), db);
    expect(res.traces).toBe(4);
  });

  it("shows the trace's own scores in its columns and observation scores apart", async () => {
    const trace = await scoresForTraces(db, projectId, ["a", "b", "c", "d"]);
    expect(trace.get("a")).toEqual({ helpfulness: 0.8 });
    expect(trace.get("b")).toBeUndefined();
    expect(trace.get("c")).toEqual({ helpfulness: 0.5 });
    expect(trace.get("d")).toEqual({ helpfulness: 0.3, verdict: "bad" });
    const obs = await observationScoresForTraces(db, projectId, ["a", "b", "c", "d"]);
    expect(obs.get("a")).toEqual({ helpfulness: 0.4 });
    expect(obs.get("b")).toEqual({ helpfulness: 0.9 });
    expect(obs.get("c")).toBeUndefined();
    expect(obs.get("d")).toEqual({ verdict: "good" });
  });

  it("filters on the value the column shows: no trace is both below 0.5 and above 0.7", async () => {
    const low = await ids({ score: "helpfulness<0.5" });
    const high = await ids({ score: "helpfulness>0.7" });
    expect(low).toEqual(["d"]);
    expect(high).toEqual(["a"]);
    expect(low.filter((id) => high.includes(id))).toEqual([]);
    // the mean of two reviewers, not "any score"
    expect(await ids({ score: "helpfulness=0.5" })).toEqual(["c"]);
    expect(await ids({ score: "helpfulness>=0.2" })).toEqual(["d", "c", "a"]);
    // a trace scored only on an observation has no trace score
    expect(await ids({ score: "helpfulness>0" })).not.toContain("b");
    // labels: the trace's own, not its observation's
    expect(await ids({ score: "verdict=bad" })).toEqual(["d"]);
    expect(await ids({ score: "verdict=good" })).toEqual([]);
  });

  it("sorts by a score column with traces without that score last, and keeps prev/next in that order", async () => {
    expect(await ids({ sort: "score:helpfulness.desc" })).toEqual(["a", "c", "d", "b"]);
    expect(await ids({ sort: "score:helpfulness.asc" })).toEqual(["d", "c", "a", "b"]);
    const view = parseTraceTableParams({ sort: "score:helpfulness.desc" }, at(10));
    expect(view.sort).toEqual({ column: "score:helpfulness", dir: "desc" });
    expect(await traceNeighbours(db, projectId, "c", view)).toEqual({ prev: "a", next: "d" });
    expect(await traceNeighbours(db, projectId, "d", view)).toEqual({ prev: "c", next: "b" });
    expect(await traceNeighbours(db, projectId, "b", view)).toEqual({ prev: "d", next: null });
    // a score name with dots keeps its direction
    expect(parseTraceTableParams({ sort: "score:eval.v2.asc" }).sort).toEqual({ column: "score:eval.v2", dir: "asc" });
  });
});
