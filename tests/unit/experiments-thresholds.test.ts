// Pass rules of the compare view: defaults from the score config or the
// figures, the URL codec, and the verdict on a score.
import { describe, expect, it } from "vitest";
import { defaultRule, describePassRule, formatPassRule, parsePassRule, passes, resolveRules, type PassRule, type ScoreFigure } from "@/lib/experiments/thresholds";

const num = (value: number): ScoreFigure => ({ dataType: "NUMERIC", value, stringValue: null });
const bool = (v: boolean): ScoreFigure => ({ dataType: "BOOLEAN", value: v ? 1 : 0, stringValue: String(v) });
const cat = (label: string): ScoreFigure => ({ dataType: "CATEGORICAL", value: null, stringValue: label });
const cfg = (dataType: string, minValue: number | null = null, maxValue: number | null = null) => ({ name: "x", dataType, minValue, maxValue });

describe("default pass rules", () => {
  it("come from the score config", () => {
    expect(defaultRule(cfg("BOOLEAN"), [])).toEqual({ kind: "boolean", pass: true });
    expect(defaultRule(cfg("NUMERIC", 0, 10), [])).toEqual({ kind: "numeric", op: ">=", value: 5 });
    expect(defaultRule(cfg("NUMERIC", 1, null), [])).toEqual({ kind: "numeric", op: ">=", value: 0.5 });
    expect(defaultRule(cfg("CATEGORICAL"), [cat("good")])).toEqual({ kind: "none" });
  });
  it("come from the figures without a config: 0/1 as boolean, other numbers ≥ 0.5, categories none", () => {
    expect(defaultRule(undefined, [num(0), num(1), num(1)])).toEqual({ kind: "boolean", pass: true });
    expect(defaultRule(undefined, [bool(true)])).toEqual({ kind: "boolean", pass: true });
    expect(defaultRule(undefined, [num(0.3), num(1)])).toEqual({ kind: "numeric", op: ">=", value: 0.5 });
    expect(defaultRule(undefined, [cat("ok")])).toEqual({ kind: "none" });
  });
  it("an override in the URL wins over the config", () => {
    const rules = resolveRules(["a", "b", "c"], [{ name: "b", dataType: "NUMERIC", minValue: 0, maxValue: 4 }], new Map([["a", [num(0.7)]]]), { c: { kind: "categories", values: ["good"] } });
    expect(rules).toEqual({
      a: { rule: { kind: "numeric", op: ">=", value: 0.5 }, source: "default" },
      b: { rule: { kind: "numeric", op: ">=", value: 2 }, source: "config" },
      c: { rule: { kind: "categories", values: ["good"] }, source: "url" },
    });
  });
});

describe("passes", () => {
  it("judges numbers at the threshold inclusively for >=, strictly for >", () => {
    const ge: PassRule = { kind: "numeric", op: ">=", value: 0.5 };
    expect([passes(ge, num(0.5)), passes(ge, num(0.49)), passes({ kind: "numeric", op: ">", value: 0.5 }, num(0.5))]).toEqual([true, false, false]);
    expect(passes({ kind: "numeric", op: "<=", value: 2 }, num(1))).toBe(true);
  });
  it("judges booleans, categories, and gives no verdict without a score or a rule", () => {
    expect([passes({ kind: "boolean", pass: true }, bool(true)), passes({ kind: "boolean", pass: true }, num(0)), passes({ kind: "boolean", pass: false }, bool(false))]).toEqual([true, false, true]);
    expect([passes({ kind: "categories", values: ["good", "ok"] }, cat("ok")), passes({ kind: "categories", values: ["good"] }, cat("bad"))]).toEqual([true, false]);
    expect(passes({ kind: "boolean", pass: true }, null)).toBeNull();
    expect(passes({ kind: "none" }, num(1))).toBeNull();
  });
});

describe("the URL codec", () => {
  it("parses every form and formats it back", () => {
    const cases: [string, PassRule][] = [
      [">=0.8", { kind: "numeric", op: ">=", value: 0.8 }],
      ["<2", { kind: "numeric", op: "<", value: 2 }],
      ["0.7", { kind: "numeric", op: ">=", value: 0.7 }],
      ["true", { kind: "boolean", pass: true }],
      ["none", { kind: "none" }],
      ["good|ok", { kind: "categories", values: ["good", "ok"] }],
    ];
    for (const [text, rule] of cases) {
      expect(parsePassRule(text)).toEqual({ ok: true, rule });
      expect(parsePassRule(formatPassRule(rule))).toEqual({ ok: true, rule });
    }
    expect(describePassRule({ kind: "numeric", op: ">=", value: 0.8 })).toBe("≥ 0.8");
  });
  it("refuses a bad value with a reason", () => {
    expect(parsePassRule(">=abc")).toEqual({ ok: false, message: expect.stringContaining("after >= comes a number") });
    expect(parsePassRule("good||ok")).toEqual({ ok: false, message: expect.stringContaining("empty category") });
    expect(parsePassRule("  ")).toMatchObject({ ok: false });
  });
});
