// Deterministic evaluators, pure: every kind on hand-made outputs, the
// dataType each gives, bad configurations refused with their field, the
// kinds that need an expected output on live traces, and the stable sample.
import { describe, expect, it } from "vitest";
import { sampled } from "@/lib/query/sample";
import { DomainError } from "@/lib/errors";
import { checkLiveConfig, compileEvaluator, runOn, textOf, type EvalTarget } from "@/lib/evals/evaluate";
import { describeConfig, evaluatorConfigSchema, evaluatorFormSchema, type EvaluatorConfig } from "@/lib/evals/schemas";

const target = (output: unknown, expected?: unknown, figures: Partial<EvalTarget> = {}): EvalTarget => ({ output, expected, latencyMs: 1200, totalCost: 0.002, totalTokens: 900, ...figures });
const config = (c: unknown) => evaluatorConfigSchema.parse(c);
const run = (c: unknown, t: EvalTarget) => compileEvaluator(config(c))(t);
const refusal = (c: unknown): DomainError => {
  try {
    compileEvaluator(config(c));
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error("accepted");
};

describe("exact match", () => {
  it("compares the output with the expected output, BOOLEAN", () => {
    expect(run({ kind: "EXACT_MATCH" }, target("4", "4"))).toMatchObject({ value: 1, dataType: "BOOLEAN" });
    expect(run({ kind: "EXACT_MATCH" }, target("4 ", "4"))).toMatchObject({ value: 0, comment: 'output "4 " ≠ expected "4"' });
  });
  it("trims and ignores case when asked", () => {
    expect(run({ kind: "EXACT_MATCH", trim: true, ignoreCase: true }, target("  Paris\n", "paris")).value).toBe(1);
    expect(run({ kind: "EXACT_MATCH", trim: true }, target("  Paris\n", "paris")).value).toBe(0);
  });
  it("compares JSON values whatever their key order", () => {
    expect(run({ kind: "EXACT_MATCH" }, target({ b: 2, a: [1, { d: 1, c: 2 }] }, { a: [1, { c: 2, d: 1 }], b: 2 })).value).toBe(1);
    expect(run({ kind: "EXACT_MATCH" }, target({ a: 1 }, { a: 2 })).value).toBe(0);
  });
  it("uses the reference text instead of the expected output when one is set", () => {
    expect(run({ kind: "EXACT_MATCH", reference: "ok" }, target("ok", "something else")).value).toBe(1);
  });
  it("throws on an item without an expected output (an error for that item) and on a live trace without a reference", () => {
    const ex = compileEvaluator(config({ kind: "EXACT_MATCH" }));
    expect(runOn(ex, target("4", null))).toEqual({ ok: false, error: "the dataset item has no expected output" });
    expect(runOn(ex, target("4"))).toMatchObject({ ok: false, error: expect.stringContaining("reference text") });
  });
});

describe("contains, regex, JSON", () => {
  it("contains the expected output, case-insensitively when asked", () => {
    expect(run({ kind: "CONTAINS" }, target("The answer is 42.", "42")).value).toBe(1);
    expect(run({ kind: "CONTAINS" }, target("The answer is 42.", "ANSWER")).value).toBe(0);
    expect(run({ kind: "CONTAINS", ignoreCase: true }, target("The answer is 42.", "ANSWER")).value).toBe(1);
  });
  it("regex matches anywhere, with flags, BOOLEAN", () => {
    expect(run({ kind: "REGEX", pattern: "^\\d+$" }, target("1234"))).toMatchObject({ value: 1, dataType: "BOOLEAN" });
    expect(run({ kind: "REGEX", pattern: "^ok$" }, target("fine\nOK"))).toMatchObject({ value: 0 });
    expect(run({ kind: "REGEX", pattern: "^ok$", flags: "im" }, target("fine\nOK"))).toMatchObject({ value: 1 });
    expect(run({ kind: "REGEX", pattern: "a.b", flags: "s" }, target("a\nb")).value).toBe(1);
    expect(run({ kind: "REGEX", pattern: '"status":"done"' }, target({ status: "done" })).value).toBe(1);
  });
  it("regex runs in linear time on a pattern that backtracks exponentially elsewhere", () => {
    const started = performance.now();
    expect(run({ kind: "REGEX", pattern: "^(a+)+$" }, target(`${"a".repeat(5000)}b`)).value).toBe(0);
    expect(performance.now() - started).toBeLessThan(2000);
  });
  it("JSON valid: objects, arrays and JSON texts pass; prose and nothing fail", () => {
    expect(run({ kind: "JSON_VALID" }, target({ a: 1 }))).toMatchObject({ value: 1, dataType: "BOOLEAN" });
    expect(run({ kind: "JSON_VALID" }, target('{"a": [1, 2]}')).value).toBe(1);
    expect(run({ kind: "JSON_VALID" }, target("{a: 1}")).value).toBe(0);
    expect(run({ kind: "JSON_VALID" }, target(null))).toMatchObject({ value: 0, comment: "no output" });
  });
  it("JSON Schema: the output (parsed from a JSON text) fits or not, with the path that misfits", () => {
    const schema = { type: "object", required: ["answer"], properties: { answer: { type: "number" } } };
    expect(run({ kind: "JSON_SCHEMA", schema }, target({ answer: 4 })).value).toBe(1);
    expect(run({ kind: "JSON_SCHEMA", schema }, target('{"answer": 4}')).value).toBe(1);
    const miss = run({ kind: "JSON_SCHEMA", schema }, target({ answer: "four" }));
    expect(miss).toMatchObject({ value: 0, dataType: "BOOLEAN" });
    expect(miss.comment).toContain("output.answer");
  });
});

describe("threshold and similarity", () => {
  it("compares latency, cost or tokens with the bound", () => {
    expect(run({ kind: "THRESHOLD", metric: "latency", operator: "<=", value: 2000 }, target("x")).value).toBe(1);
    expect(run({ kind: "THRESHOLD", metric: "latency", operator: "<=", value: 1000 }, target("x"))).toMatchObject({ value: 0, comment: "latency 1200 not <= 1000" });
    expect(run({ kind: "THRESHOLD", metric: "cost", operator: ">=", value: 0.001 }, target("x")).value).toBe(1);
    expect(run({ kind: "THRESHOLD", metric: "tokens", operator: "<=", value: 500 }, target("x")).value).toBe(0);
  });
  it("a missing figure is an error for that target", () => {
    const ev = compileEvaluator(config({ kind: "THRESHOLD", metric: "cost", operator: "<=", value: 1 }));
    expect(runOn(ev, target("x", undefined, { totalCost: null }))).toEqual({ ok: false, error: "the trace has no cost recorded" });
  });
  it("similarity is 1 − Levenshtein / longer length, NUMERIC", () => {
    expect(run({ kind: "SIMILARITY" }, target("kitten", "sitting"))).toMatchObject({ value: 0.5714, dataType: "NUMERIC" });
    expect(run({ kind: "SIMILARITY" }, target("same", "same")).value).toBe(1);
    expect(run({ kind: "SIMILARITY" }, target("", "")).value).toBe(1);
    expect(run({ kind: "SIMILARITY" }, target("abc", "xyz")).value).toBe(0);
    expect(run({ kind: "SIMILARITY", ignoreCase: true, trim: true }, target(" ABC ", "abc")).value).toBe(1);
  });
  it("refuses to compare huge texts (an error for that item, not a stall)", () => {
    const ev = compileEvaluator(config({ kind: "SIMILARITY" }));
    expect(runOn(ev, target("a".repeat(30_000), "b"))).toMatchObject({ ok: false, error: expect.stringContaining("too long to compare") });
  });
});

describe("bad configurations", () => {
  it("an invalid regex is refused at config.pattern with RE2's reason", () => {
    const err = refusal({ kind: "REGEX", pattern: "(unclosed" });
    expect(err.path).toEqual(["config", "pattern"]);
    expect(err.message).toMatch(/not a valid regular expression/);
    // RE2 has no lookaround: refused rather than run slowly elsewhere.
    expect(refusal({ kind: "REGEX", pattern: "a(?=b)" }).path).toEqual(["config", "pattern"]);
  });
  it("a schema that does not compile is refused at config.schema", () => {
    const err = refusal({ kind: "JSON_SCHEMA", schema: { type: "nope" } });
    expect(err.path).toEqual(["config", "schema"]);
    expect(err.message).toMatch(/not a valid JSON Schema/);
  });
  it("the schema refuses unknown kinds, unknown keys, bad flags and a non-number bound", () => {
    expect(evaluatorConfigSchema.safeParse({ kind: "LLM_JUDGE" }).success).toBe(false);
    expect(evaluatorConfigSchema.safeParse({ kind: "CONTAINS", typo: true }).success).toBe(false);
    expect(evaluatorConfigSchema.safeParse({ kind: "REGEX", pattern: "x", flags: "g" }).error?.issues[0].path).toEqual(["flags"]);
    expect(evaluatorConfigSchema.safeParse({ kind: "THRESHOLD", metric: "latency", operator: "<=", value: "fast" }).error?.issues[0].path).toEqual(["value"]);
    expect(evaluatorConfigSchema.safeParse({ kind: "THRESHOLD", metric: "speed", operator: "<=", value: 1 }).error?.issues[0].path).toEqual(["metric"]);
  });
  it("live traces: the kinds that compare need a reference text, the others do not", () => {
    const live = (c: unknown) => () => checkLiveConfig(config(c));
    expect(live({ kind: "EXACT_MATCH" })).toThrow(expect.objectContaining({ path: ["config", "reference"] }));
    expect(live({ kind: "SIMILARITY" })).toThrow(/reference text/);
    expect(live({ kind: "CONTAINS", reference: "refund" })).not.toThrow();
    expect(live({ kind: "REGEX", pattern: "x" })).not.toThrow();
    expect(live({ kind: "THRESHOLD", metric: "latency", operator: "<=", value: 1 })).not.toThrow();
  });
  it("the form schema names the sampling and the name", () => {
    const base = { projectId: "p", name: "exact", config: { kind: "JSON_VALID" }, live: false, samplePercent: 100, enabled: true };
    expect(evaluatorFormSchema.safeParse(base).success).toBe(true);
    expect(evaluatorFormSchema.safeParse({ ...base, samplePercent: 120 }).error?.issues[0].path).toEqual(["samplePercent"]);
    expect(evaluatorFormSchema.safeParse({ ...base, name: "  " }).error?.issues[0].path).toEqual(["name"]);
  });
});

describe("helpers", () => {
  it("texts: strings as they are, nothing as empty, values as canonical JSON", () => {
    expect(textOf("a")).toBe("a");
    expect(textOf(null)).toBe("");
    expect(textOf({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
    expect(textOf(3)).toBe("3");
  });
  it("describes a config in one line", () => {
    const cases: [EvaluatorConfig, string][] = [
      [config({ kind: "REGEX", pattern: "^ok", flags: "i" }), "/^ok/i"],
      [config({ kind: "EXACT_MATCH", trim: true }), "equals the expected output (trim)"],
      [config({ kind: "THRESHOLD", metric: "cost", operator: "<=", value: 0.01 }), "cost <= 0.01"],
    ];
    for (const [c, text] of cases) expect(describeConfig(c)).toBe(text);
  });
  it("samples by a stable hash of (evaluator, trace): the same traces every time, about the rate", () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `trace-${i}`);
    const picked = ids.filter((id) => sampled("ev-1", id, 0.25));
    expect(picked.length).toBeGreaterThan(400);
    expect(picked.length).toBeLessThan(600);
    expect(ids.filter((id) => sampled("ev-1", id, 0.25))).toEqual(picked);
    // Another evaluator samples other traces.
    expect(ids.filter((id) => sampled("ev-2", id, 0.25))).not.toEqual(picked);
    expect(ids.filter((id) => sampled("ev-1", id, 0))).toEqual([]);
    expect(ids.filter((id) => sampled("ev-1", id, 1))).toHaveLength(2000);
  });
});
