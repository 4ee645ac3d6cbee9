// The CORRECTION score type in the pure parts: the protocol schemas (Langfuse
// batch, POST /api/public/scores, the reviewer's form), the internal-event
// check, the merge (name forced to "output") and the one score aggregation.
import { describe, expect, it } from "vitest";
import { eventIssues } from "@/lib/ingest/check-event";
import { scoreBodySchema } from "@/lib/ingest/langfuse/schemas-bodies";
import { LIMITS } from "@/lib/ingest/limits";
import { scoreRow } from "@/lib/ingest/merge";
import { createScoreBody } from "@/lib/public-api/schemas";
import { averageScores } from "@/lib/query/scores";
import { saveCorrectionSchema, scoreDisplay } from "@/lib/scores/schemas";

const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.success ? [] : r.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);

describe("Langfuse batch score body with dataType CORRECTION", () => {
  const body = (over: Record<string, unknown>) => scoreBodySchema.safeParse({ name: "output", value: "fixed", dataType: "CORRECTION", traceId: "t1", ...over });

  it("takes a text on a trace or an observation, of any length up to the field limit (no 500-char cap)", () => {
    expect(issues(body({}))).toEqual([]);
    expect(issues(body({ observationId: "o1", source: "ANNOTATION" }))).toEqual([]);
    expect(issues(body({ value: "x".repeat(5000) }))).toEqual([]);
    expect(issues(body({ value: "x".repeat(LIMITS.correctionLength + 1) }))).toEqual([`value: must be at most ${LIMITS.correctionLength} characters`]);
  });

  it("takes an empty text, as Langfuse does, and refuses a number, a session, a dataset run and a config", () => {
    expect(issues(body({ value: "" }))).toEqual([]);
    expect(issues(body({ value: 3 }))).toEqual(["value: must be a string (the corrected output) for dataType CORRECTION"]);
    expect(issues(body({ traceId: undefined, sessionId: "s1" }))).toEqual([
      "sessionId: CORRECTION scores cannot be associated with sessions. Please associate with a trace or observation instead.",
    ]);
    expect(issues(body({ traceId: undefined, datasetRunId: "r1" }))).toEqual([
      "datasetRunId: CORRECTION scores cannot be associated with dataset runs. Please associate with a trace or observation instead.",
    ]);
    expect(issues(body({ configId: "c1" }))).toEqual(["configId: must be absent for dataType CORRECTION (a correction has no score config)"]);
  });
});

describe("POST /api/public/scores with dataType CORRECTION", () => {
  const body = (over: Record<string, unknown>) => createScoreBody.safeParse({ name: "output", value: "fixed", dataType: "CORRECTION", traceId: "t1", ...over });

  it("accepts a text on a trace and refuses the rest by field", () => {
    expect(issues(body({}))).toEqual([]);
    expect(issues(body({ value: 1 }))).toEqual(["value: must be a string (the corrected output) for dataType CORRECTION"]);
    expect(issues(body({ value: "" }))).toEqual([]);
    expect(issues(body({ traceId: undefined, sessionId: "s1" }))[0]).toMatch(/^sessionId: CORRECTION scores cannot be associated with sessions/);
  });
});

describe("the internal event check (every path in)", () => {
  it("names the field of a correction that cannot be stored", () => {
    const e = { kind: "score" as const, id: "c", name: "output", value: "x", dataType: "CORRECTION" as const };
    expect(eventIssues({ ...e, traceId: "t" })).toEqual([]);
    expect(eventIssues({ ...e, sessionId: "s" }).map((i) => i.path)).toEqual(["sessionId"]);
    expect(eventIssues({ ...e, traceId: "t", value: 2 }).map((i) => i.path)).toEqual(["value"]);
  });
});

describe("the reviewer's correction form", () => {
  const parse = (over: Record<string, unknown>) => saveCorrectionSchema.safeParse({ projectId: "p", objectType: "TRACE", objectId: "t1", value: "fixed", ...over });

  it("keeps the text exactly as typed and refuses an empty one or a session", () => {
    const ok = parse({ value: "  indented\n" });
    expect(ok.success && ok.data.value).toBe("  indented\n");
    expect(issues(parse({ value: " \n" }))).toEqual(["value: Enter the corrected output (or clear the correction)"]);
    expect(issues(parse({ objectType: "SESSION" }))).toEqual(["objectType: A correction belongs to a trace or an observation"]);
  });
});

describe("merge and aggregation", () => {
  it("stores a correction named output with its text in stringValue and no value", () => {
    const row = scoreRow(undefined, { kind: "score", id: "c", name: "anything", value: "fixed", dataType: "CORRECTION", traceId: "t" }, new Date());
    expect(row).toMatchObject({ name: "output", dataType: "CORRECTION", stringValue: "fixed", value: null });
    expect(scoreDisplay(row)).toBe("fixed");
  });

  it("leaves corrections out of the one score aggregation", () => {
    const agg = averageScores([
      { key: "t1", name: "output", dataType: "NUMERIC", value: 1, stringValue: null },
      { key: "t1", name: "output", dataType: "CORRECTION", value: null, stringValue: "fixed" },
      { key: "t2", name: "output", dataType: "CORRECTION", value: null, stringValue: "fixed" },
    ]);
    expect(agg.get("t1")).toEqual({ output: 1 });
    expect(agg.has("t2")).toBe(false);
  });
});
