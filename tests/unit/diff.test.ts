// Diffs for the item history, the correction editor and the compare view:
// word level (multi-line text too), bounded in size and time.
import { describe, expect, it } from "vitest";
import { DIFF_MAX_CHARS, diffParts, diffText, diffValues, isUnchanged } from "@/lib/diff";

const changed = (parts: ReturnType<typeof diffParts>) => parts.filter((p) => p.kind !== "same").map((p) => [p.kind, p.text]);

describe("diff", () => {
  it("diffs prose by word", () => {
    expect(diffParts("the answer is 5", "the answer is 4")).toEqual([
      { kind: "same", text: "the answer is " },
      { kind: "removed", text: "5" },
      { kind: "added", text: "4" },
    ]);
  });
  it("shows a rewritten text replaced whole, not as interleaved words", () => {
    const before = "Of course. I've created a ticket and an agent will email you within 24 hours.";
    const after = "Refunds take 5 business days.";
    expect(diffParts(before, after)).toEqual([
      { kind: "removed", text: before },
      { kind: "added", text: after },
    ]);
    // Multi-line: the changed pair of lines likewise, the shared lines kept.
    expect(changed(diffParts("intro\nthe old answer was long and wrong\n", "intro\nRefunds: 5 days\n"))).toEqual([
      ["removed", "the old answer was long and wrong\n"],
      ["added", "Refunds: 5 days\n"],
    ]);
  });
  it("compares JSON by content, not key order", () => {
    expect(isUnchanged(diffParts({ b: 1, a: [1, 2] }, { a: [1, 2], b: 1 }))).toBe(true);
    expect(diffText({ b: 1, a: 2 })).toBe('{\n  "a": 2,\n  "b": 1\n}');
  });
  it("diffs structured values by word inside the changed line", () => {
    const parts = diffParts({ a: 1, b: 2 }, { a: 1, b: 3 });
    expect(changed(parts)).toEqual([
      ["removed", "2"],
      ["added", "3"],
    ]);
    expect(parts.map((p) => p.text).join("")).toContain('"b": ');
  });
  it("diffs a multi-line answer word by word: only the changed word is marked", () => {
    const before = "The capital of France is Paris.\nIt lies on the Seine.\nPopulation: about 2 million.";
    const after = "The capital of France is Lyon.\nIt lies on the Seine.\nPopulation: about 2 million.";
    const parts = diffParts(before, after);
    expect(changed(parts)).toEqual([
      ["removed", "Paris"],
      ["added", "Lyon"],
    ]);
    // Every character of each side is still there, in order.
    expect(parts.filter((p) => p.kind !== "added").map((p) => p.text).join("")).toBe(before);
    expect(parts.filter((p) => p.kind !== "removed").map((p) => p.text).join("")).toBe(after);
  });
  it("keeps added and removed lines whole", () => {
    expect(changed(diffParts("one\ntwo\n", "one\ntwo\nthree\n"))).toEqual([["added", "three\n"]]);
  });
  it("does not diff a side over the cap: it says so and cuts the text", () => {
    const long = "word ".repeat(DIFF_MAX_CHARS / 5 + 100);
    const d = diffValues("short", long);
    expect(d).toMatchObject({ tooLong: true, reason: "size", before: "short", afterChars: long.length });
    if (d.tooLong) expect(d.after).toHaveLength(DIFF_MAX_CHARS);
    // diffParts (the item history) shows it as the whole before removed, the cut after added.
    const parts = diffParts("short", long);
    expect(parts.map((p) => p.kind)).toEqual(["removed", "added"]);
    expect(parts[1]!.text).toHaveLength(DIFF_MAX_CHARS + 1);
    expect(parts[1]!.text.endsWith("…")).toBe(true);
  });
  it("gives up on time instead of stalling, and returns fast", () => {
    // Two unrelated texts just under the cap: the worst case for jsdiff's edit search.
    const a = Array.from({ length: 3000 }, (_, i) => `a${i * 7919 % 10007}`).join(" ").slice(0, DIFF_MAX_CHARS);
    const b = Array.from({ length: 3000 }, (_, i) => `b${i * 104729 % 10007}`).join(" ").slice(0, DIFF_MAX_CHARS);
    const t0 = Date.now();
    const d = diffValues(a, b, { deadline: Date.now() + 20 });
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(d).toMatchObject({ tooLong: true, reason: "time" });
    // A deadline already past: no diff starts.
    expect(diffValues("a b", "a c", { deadline: Date.now() - 1 })).toMatchObject({ tooLong: true, reason: "time" });
  });
  it("word-diffs a long single-line text under the cap (no switch to a line diff)", () => {
    const before = `${"lorem ipsum ".repeat(500)}end`;
    const after = `${"lorem ipsum ".repeat(500)}finish`;
    expect(changed(diffParts(before, after))).toEqual([
      ["removed", "end"],
      ["added", "finish"],
    ]);
  });
});
