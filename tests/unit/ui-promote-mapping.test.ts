// The promote dialog's mapping form: the defaults round-trip, a literal must be
// JSON, a path must parse, each error is on its own field; and the outcome line.
import { describe, expect, it } from "vitest";
import { draftOf, mappingOf } from "@/components/promote/mapping-form";
import { applyMapping, DEFAULT_MAPPING } from "@/lib/datasets/mapping";
import { describePromotion, sourceLabel } from "@/lib/datasets/promote-schemas";

describe("promote mapping form", () => {
  it("starts from the default mapping and gives it back unchanged", () => {
    expect(mappingOf(draftOf())).toEqual({ mapping: DEFAULT_MAPPING, errors: {} });
  });

  it("reads a path and a JSON literal, and the preview maps a source with them", () => {
    const draft = draftOf();
    draft.input = { from: "input", path: " $.messages[0].content ", literal: "" };
    draft.metadata = { from: "literal", path: "", literal: '{"suite": "refunds"}' };
    const { mapping, errors } = mappingOf(draft);
    expect(errors).toEqual({});
    expect(mapping).toEqual({ input: { from: "input", path: "$.messages[0].content" }, expectedOutput: { from: "correctionOrOutput" }, metadata: { from: "literal", value: { suite: "refunds" } } });
    const source = { traceId: "t", observationId: null, input: { messages: [{ content: "hi" }] }, output: "hello", metadata: null, correction: { scoreId: "s", value: "hi there", updatedAt: "2026-01-01T00:00:00.000Z" } };
    expect(applyMapping(mapping!, source)).toEqual({ ok: true, item: { input: "hi", expectedOutput: "hi there", metadata: { suite: "refunds" }, usedCorrection: true } });
  });

  it("names each bad field: a literal that is not JSON, a path that does not parse", () => {
    const draft = draftOf();
    draft.metadata = { from: "literal", path: "", literal: "{oops" };
    expect(mappingOf(draft)).toEqual({ mapping: null, errors: { metadata: 'the literal must be JSON, e.g. "text", 42, {"k": 1} or null' } });
    const bad = draftOf();
    bad.expectedOutput = { from: "output", path: "a..b", literal: "" };
    expect(mappingOf(bad)).toEqual({ mapping: null, errors: { expectedOutput: "path must look like $.messages[0].content" } });
  });

  it("words the outcome and the sources", () => {
    expect(describePromotion({ added: 1200, updated: 0, skipped: 3 })).toBe("1,200 added, 0 updated, 3 skipped");
    expect(describePromotion(null)).toBeNull();
    expect(sourceLabel({ traceId: "t1" })).toBe("trace t1");
    expect(sourceLabel({ traceId: "t1", observationId: "o1" })).toBe("observation o1 (trace t1)");
  });
});
