// The where-builders of the one filter model (traces, sessions, observations,
// scores) on both databases, on rows seeded directly.
import { beforeAll, describe, expect, it } from "vitest";
import { filterSchema, type Filter } from "@/lib/query/filter";
import { observationWhere } from "@/lib/query/observation-where";
import { scoreWhere } from "@/lib/query/score-where";
import { FilterError } from "@/lib/query/where";
import { countSessions, listSessions } from "@/lib/sessions/list";
import { countTraces, listTraces } from "@/lib/traces/list";
import { dbFor, targets, uid } from "../support/targets";

const at = (h: number, m = 0) => new Date(Date.UTC(2026, 0, 10, h, m));
const f = (conditions: unknown[]): Filter => filterSchema.parse(conditions);

describe.each(targets())("filter where-builders on $name", (t) => {
  const db = dbFor(t);
  const projectId = uid("where");

  beforeAll(async () => {
    await db.trace.createMany({
      data: [
        { projectId, id: "w1", name: "alpha", timestamp: at(10), userId: "Alice", sessionId: "S-One", environment: "production", tags: ["a", "b"], metadata: { region: "eu" }, latencyMs: 100, totalCost: 0.5, bookmarked: true, errorCount: 1 },
        { projectId, id: "w2", name: "beta", timestamp: at(10, 30), userId: "bob", sessionId: "S-One", environment: "staging", tags: ["b"], metadata: { region: "us" }, latencyMs: 2000, totalCost: 0.1 },
        { projectId, id: "w3", name: "Alpha", timestamp: at(11), sessionId: "s-two", environment: "production", tags: [] },
      ],
    });
    await db.session.create({ data: { projectId, id: "s-two", bookmarked: true } });
    await db.observation.createMany({
      data: [
        { projectId, id: "o1", traceId: "w1", type: "GENERATION", name: "llm", startTime: at(10), endTime: new Date(at(10).getTime() + 1000), level: "ERROR", model: "gpt-4o", totalTokens: 100, totalCost: 0.5, metadata: { step: "plan" } },
        { projectId, id: "o2", traceId: "w2", type: "SPAN", name: "retrieve", startTime: at(10, 30) },
        { projectId, id: "o3", traceId: "w2", type: "GENERATION", name: "llm", startTime: at(10, 31), endTime: new Date(at(10, 31).getTime() + 500), model: "claude-3", totalTokens: 10 },
      ],
    });
    await db.score.createMany({
      data: [
        { projectId, id: "sc1", traceId: "w1", name: "helpfulness", value: 0.2, dataType: "NUMERIC", timestamp: at(10, 1) },
        { projectId, id: "sc2", traceId: "w2", name: "helpfulness", value: 0.9, dataType: "NUMERIC", timestamp: at(10, 31) },
        { projectId, id: "sc3", traceId: "w2", name: "correct", value: 1, stringValue: "True", dataType: "BOOLEAN", timestamp: at(10, 32) },
        { projectId, id: "sc4", traceId: "w3", name: "label", stringValue: "good", dataType: "CATEGORICAL", source: "ANNOTATION", timestamp: at(11, 1) },
        { projectId, id: "sc5", traceId: "w2", observationId: "o3", name: "helpfulness", value: 0, dataType: "NUMERIC", timestamp: at(10, 33) },
      ],
    });
  });

  const traces = async (conditions: unknown[]) => {
    const filter = f(conditions);
    const rows = await listTraces(db, projectId, { filter, sort: { column: "timestamp", dir: "asc" }, page: 1, limit: 50 });
    expect(await countTraces(db, projectId, filter)).toBe(rows.length);
    return rows.map((r) => r.id);
  };
  const sessions = async (conditions: unknown[]) => {
    const filter = f(conditions);
    const rows = await listSessions(db, projectId, { filter, sort: { column: "timestamp", dir: "asc" }, page: 1, limit: 50 });
    expect(await countSessions(db, projectId, filter)).toBe(rows.length);
    return rows.map((r) => r.id);
  };
  const observations = async (conditions: unknown[]) => {
    const rows = await db.$queryRaw<{ id: string }[]>`SELECT "o"."id" FROM "Observation" AS "o" WHERE ${observationWhere(db, projectId, f(conditions))} ORDER BY "o"."id"`;
    return rows.map((r) => r.id);
  };
  const scores = async (conditions: unknown[]) => {
    const rows = await db.$queryRaw<{ id: string }[]>`SELECT "s"."id" FROM "Score" AS "s" WHERE ${scoreWhere(db, projectId, f(conditions))} ORDER BY "s"."id"`;
    return rows.map((r) => r.id);
  };

  it("traces: a trace without a tag list is in \"none of\" on both databases", async () => {
    const other = uid("where-untagged");
    await db.trace.createMany({ data: [{ projectId: other, id: "u1", timestamp: at(9) }, { projectId: other, id: "u2", timestamp: at(9, 1), tags: ["a"] }] });
    const rows = await listTraces(db, other, { filter: f([{ type: "arrayOptions", column: "tags", operator: "none of", value: ["a"] }]), sort: { column: "timestamp", dir: "asc" }, page: 1, limit: 50 });
    expect(rows.map((r) => r.id)).toEqual(["u1"]);
  });

  it("traces: text conditions, case-insensitive where they match by pattern", async () => {
    expect(await traces([])).toEqual(["w1", "w2", "w3"]);
    expect(await traces([{ type: "string", column: "userId", operator: "=", value: "Alice" }])).toEqual(["w1"]);
    expect(await traces([{ type: "string", column: "name", operator: "contains", value: "ALP" }])).toEqual(["w1", "w3"]);
    expect(await traces([{ type: "string", column: "name", operator: "starts with", value: "b" }])).toEqual(["w2"]);
    expect(await traces([{ type: "string", column: "userId", operator: "!=", value: "bob" }])).toEqual(["w1", "w3"]);
    expect(await traces([{ type: "stringOptions", column: "name", operator: "none of", value: ["beta"] }])).toEqual(["w1", "w3"]);
    expect(await traces([{ type: "stringOptions", column: "environment", operator: "any of", value: ["staging", "nope"] }])).toEqual(["w2"]);
    expect(await traces([{ type: "string", column: "search", operator: "contains", value: "100%" }])).toEqual([]);
  });

  it("traces: tags, numbers, dates, booleans and metadata", async () => {
    expect(await traces([{ type: "arrayOptions", column: "tags", operator: "any of", value: ["a"] }])).toEqual(["w1"]);
    expect(await traces([{ type: "arrayOptions", column: "tags", operator: "all of", value: ["a", "b"] }])).toEqual(["w1"]);
    expect(await traces([{ type: "arrayOptions", column: "tags", operator: "none of", value: ["a"] }])).toEqual(["w2", "w3"]);
    expect(await traces([{ type: "number", column: "latency", operator: ">", value: 500 }])).toEqual(["w2"]);
    expect(await traces([{ type: "number", column: "cost", operator: "<=", value: 0.1 }])).toEqual(["w2"]);
    expect(await traces([{ type: "datetime", column: "timestamp", operator: ">=", value: at(10, 30).toISOString() }])).toEqual(["w2", "w3"]);
    expect(await traces([{ type: "boolean", column: "bookmarked", operator: "=", value: true }])).toEqual(["w1"]);
    expect(await traces([{ type: "stringObject", column: "metadata", key: "region", operator: "=", value: "eu" }])).toEqual(["w1"]);
    expect(await traces([{ type: "stringObject", column: "metadata", key: "region", operator: "contains", value: "U" }])).toEqual(["w1", "w2"]);
  });

  it("traces: scores by the trace's own score, of each kind, combined with AND", async () => {
    // w2's observation scored 0: not the trace's score
    expect(await traces([{ type: "numericScore", column: "score", key: "helpfulness", operator: "<", value: 0.5 }])).toEqual(["w1"]);
    expect(await traces([{ type: "booleanScore", column: "score", key: "correct", operator: "=", value: true }])).toEqual(["w2"]);
    expect(await traces([{ type: "categoricalScore", column: "score", key: "label", operator: "=", value: "good" }])).toEqual(["w3"]);
    expect(
      await traces([
        { type: "numericScore", column: "score", key: "helpfulness", operator: ">", value: 0.5 },
        { type: "string", column: "name", operator: "=", value: "alpha" },
      ]),
    ).toEqual([]);
  });

  it("sessions: the same filter object, row conditions and aggregates", async () => {
    expect(await sessions([])).toEqual(["S-One", "s-two"]);
    // PostgreSQL's LIKE is case-sensitive; the session id search is not, on either database.
    expect(await sessions([{ type: "string", column: "id", operator: "contains", value: "s-o" }])).toEqual(["S-One"]);
    expect(await sessions([{ type: "arrayOptions", column: "userIds", operator: "any of", value: ["bob"] }])).toEqual(["S-One"]);
    expect(await sessions([{ type: "arrayOptions", column: "environments", operator: "all of", value: ["production", "staging"] }])).toEqual(["S-One"]);
    expect(await sessions([{ type: "arrayOptions", column: "environments", operator: "none of", value: ["staging"] }])).toEqual(["s-two"]);
    expect(await sessions([{ type: "number", column: "errorCount", operator: ">", value: 0 }])).toEqual(["S-One"]);
    expect(await sessions([{ type: "number", column: "traceCount", operator: ">=", value: 2 }])).toEqual(["S-One"]);
    expect(await sessions([{ type: "boolean", column: "bookmarked", operator: "=", value: true }])).toEqual(["s-two"]);
    expect(await sessions([{ type: "boolean", column: "bookmarked", operator: "=", value: false }])).toEqual(["S-One"]);
    expect(await sessions([{ type: "datetime", column: "lastTimestamp", operator: ">=", value: at(10, 45).toISOString() }])).toEqual(["s-two"]);
    expect(await sessions([{ type: "datetime", column: "firstTimestamp", operator: "<=", value: at(10, 15).toISOString() }])).toEqual(["S-One"]);
  });

  it("observations and scores", async () => {
    expect(await observations([{ type: "stringOptions", column: "type", operator: "any of", value: ["GENERATION"] }])).toEqual(["o1", "o3"]);
    expect(await observations([{ type: "number", column: "latency", operator: ">=", value: 600 }])).toEqual(["o1"]);
    expect(await observations([{ type: "string", column: "model", operator: "starts with", value: "GPT" }])).toEqual(["o1"]);
    expect(await observations([{ type: "string", column: "level", operator: "=", value: "ERROR" }])).toEqual(["o1"]);
    expect(await observations([{ type: "stringObject", column: "metadata", key: "step", operator: "=", value: "plan" }])).toEqual(["o1"]);
    expect(await observations([{ type: "number", column: "tokens", operator: "<", value: 50 }])).toEqual(["o3"]);
    expect(await scores([{ type: "string", column: "name", operator: "=", value: "helpfulness" }, { type: "number", column: "value", operator: ">", value: 0.5 }])).toEqual(["sc2"]);
    expect(await scores([{ type: "stringOptions", column: "dataType", operator: "any of", value: ["BOOLEAN", "CATEGORICAL"] }])).toEqual(["sc3", "sc4"]);
    expect(await scores([{ type: "string", column: "source", operator: "=", value: "ANNOTATION" }])).toEqual(["sc4"]);
    expect(await scores([{ type: "datetime", column: "timestamp", operator: "<", value: at(10, 31).toISOString() }])).toEqual(["sc1"]);
    expect(await scores([{ type: "string", column: "observationId", operator: "=", value: "o3" }])).toEqual(["sc5"]);
  });

  it("refuses a column the view does not have, or a type the column does not take", async () => {
    await expect(traces([{ type: "string", column: "password", operator: "=", value: "x" }])).rejects.toBeInstanceOf(FilterError);
    await expect(sessions([{ type: "number", column: "bookmarked", operator: "=", value: 1 }])).rejects.toBeInstanceOf(FilterError);
    expect(() => scoreWhere(db, projectId, f([{ type: "number", column: "name", operator: "=", value: 1 }]))).toThrow(/takes string, stringOptions/);
  });
});
