// The promotion mapping: defaults, JSON paths, literals, the correction rule.
import { describe, expect, it } from "vitest";
import { applyMapping, atPath, DEFAULT_MAPPING, mappingSchema, parsePath, type PromotionSource } from "@/lib/datasets/mapping";

const source = (over: Partial<PromotionSource> = {}): PromotionSource => ({
  traceId: "t1",
  observationId: null,
  input: { messages: [{ role: "user", content: "2+2?" }], "odd key": 1 },
  output: { content: "5" },
  metadata: { env: "prod" },
  correction: null,
  ...over,
});

describe("JSON paths", () => {
  it("parses dotted, indexed and quoted steps, with or without $", () => {
    expect(parsePath("$.messages[0].content")).toEqual(["messages", 0, "content"]);
    expect(parsePath("messages[0]")).toEqual(["messages", 0]);
    expect(parsePath('$["odd key"]')).toEqual(["odd key"]);
    expect(parsePath("$")).toEqual([]);
  });
  it("refuses what is not a path", () => {
    for (const bad of ["$.", "a b", "$[x]", "a[0]b", "$..a"]) expect(parsePath(bad)).toBeNull();
  });
  it("finds values and answers undefined for a path that leads nowhere (never the prototype)", () => {
    const v = source().input;
    expect(atPath(v, ["messages", 0, "content"])).toBe("2+2?");
    expect(atPath(v, ["messages", 5])).toBeUndefined();
    expect(atPath(v, ["messages", "length"])).toBeUndefined();
    expect(atPath(v, ["constructor"])).toBeUndefined();
  });
});

describe("applyMapping", () => {
  it("defaults: input ← input, expected ← output when there is no correction, metadata ← none", () => {
    expect(applyMapping(DEFAULT_MAPPING, source())).toEqual({
      ok: true,
      item: { input: source().input, expectedOutput: { content: "5" }, metadata: null, usedCorrection: false },
    });
  });
  it("takes the reviewer's correction over the output when there is one", () => {
    const r = applyMapping(DEFAULT_MAPPING, source({ correction: { scoreId: "s1", value: "4", updatedAt: "2026-01-01T00:00:00.000Z" } }));
    expect(r).toMatchObject({ ok: true, item: { expectedOutput: "4", usedCorrection: true } });
  });
  it("maps paths and literals, and names the field whose path leads nowhere", () => {
    const mapping = mappingSchema.parse({
      input: { from: "input", path: "$.messages[0].content" },
      expectedOutput: { from: "literal", value: { answer: 4 } },
      metadata: { from: "metadata", path: "env" },
    });
    expect(applyMapping(mapping, source())).toMatchObject({ ok: true, item: { input: "2+2?", expectedOutput: { answer: 4 }, metadata: "prod" } });
    const missing = applyMapping({ ...mapping, input: { from: "input", path: "$.prompt" } }, source());
    expect(missing).toEqual({ ok: false, reason: "input: input has nothing at $.prompt" });
    expect(applyMapping({ ...DEFAULT_MAPPING, expectedOutput: { from: "correction" } }, source())).toEqual({ ok: false, reason: "expectedOutput: this trace has no correction" });
  });
  it("refuses a malformed mapping with the field named", () => {
    const r = mappingSchema.safeParse({ ...DEFAULT_MAPPING, input: { from: "input", path: "a b" } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(["input", "path"]);
  });
});
