// Diffs for the item history and the correction editor.
import { describe, expect, it } from "vitest";
import { diffParts, diffText, isUnchanged } from "@/lib/diff";

describe("diff", () => {
  it("diffs prose by word", () => {
    expect(diffParts("the answer is 5", "the answer is 4")).toEqual([
      { kind: "same", text: "the answer is " },
      { kind: "removed", text: "5" },
      { kind: "added", text: "4" },
    ]);
  });
  it("compares JSON by content, not key order", () => {
    expect(isUnchanged(diffParts({ b: 1, a: [1, 2] }, { a: [1, 2], b: 1 }))).toBe(true);
    expect(diffText({ b: 1, a: 2 })).toBe('{\n  "a": 2,\n  "b": 1\n}');
  });
  it("diffs structured values by line", () => {
    const parts = diffParts({ a: 1, b: 2 }, { a: 1, b: 3 });
    expect(parts.filter((p) => p.kind !== "same").map((p) => [p.kind, p.text.trim()])).toEqual([
      ["removed", '"b": 2'],
      ["added", '"b": 3'],
    ]);
  });
});
