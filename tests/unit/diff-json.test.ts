// The structural JSON diff of the compare view: key by key, nested, string
// leaves word-diffed.
import { describe, expect, it } from "vitest";
import { asStructured, diffJson, formatJsonPath, jsonDiffUnchanged } from "@/lib/diff-json";

describe("diffJson", () => {
  it("lists added, removed and changed keys, nested, in key order", () => {
    const entries = diffJson({ answer: "the cat sat", meta: { n: 1, old: true }, tags: ["a", "b"] }, { answer: "the dog sat", meta: { n: 2, added: "x" }, tags: ["a"] })!;
    expect(entries.map((e) => [formatJsonPath(e.path), e.kind])).toEqual([
      ["answer", "changed"],
      ["meta.added", "added"],
      ["meta.n", "changed"],
      ["meta.old", "removed"],
      ["tags[0]", "same"],
      ["tags[1]", "removed"],
    ]);
    expect(entries[0]!.parts).toEqual([
      { kind: "same", text: "the " },
      { kind: "removed", text: "cat" },
      { kind: "added", text: "dog" },
      { kind: "same", text: " sat" },
    ]);
  });
  it("reads JSON held in strings, ignores key order, and leaves plain text to the text diff", () => {
    expect(asStructured('{"a": 1}')).toEqual({ a: 1 });
    expect(asStructured("{not json}")).toBeNull();
    expect(jsonDiffUnchanged(diffJson('{"b":1,"a":2}', { a: 2, b: 1 })!)).toBe(true);
    expect(diffJson("plain", { a: 1 })).toBeNull();
    expect(formatJsonPath([])).toBe("(root)");
    expect(formatJsonPath(["a b", 0])).toBe('["a b"][0]');
  });
  it("diffs a value whose type changed as text", () => {
    expect(diffJson({ a: { x: 1 } }, { a: [1] })).toEqual([{ path: ["a"], kind: "changed", before: { x: 1 }, after: [1], parts: expect.any(Array) }]);
  });
});
