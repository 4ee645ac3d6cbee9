// The structural JSON diff of the compare view: key by key, nested, string
// leaves word-diffed.
import { describe, expect, it } from "vitest";
import { DIFF_MAX_CHARS } from "@/lib/diff";
import { asStructured, collapseUnchanged, diffJson, formatJsonPath, JSON_DIFF_MAX_ENTRIES, jsonDiffUnchanged } from "@/lib/diff-json";

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

describe("diffJson bounds", () => {
  it("folds long runs of unchanged keys, keeping two of context around each change", () => {
    const base = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${String(i).padStart(2, "0")}`, i]));
    const entries = diffJson(base, { ...base, k15: "changed" })!;
    const folded = collapseUnchanged(entries);
    expect(folded.map((e) => (e.kind === "collapsed" ? `…${e.count}` : `${formatJsonPath((e as { path: (string | number)[] }).path)}:${e.kind}`))).toEqual([
      "…13",
      "k13:same",
      "k14:same",
      "k15:changed",
      "k16:same",
      "k17:same",
      "…12",
    ]);
    // A short run stays as it is.
    expect(collapseUnchanged(diffJson({ a: 1, b: 2, c: 3 }, { a: 1, b: 9, c: 3 })!).every((e) => e.kind !== "collapsed")).toBe(true);
  });
  it("gives up on a structure of more than JSON_DIFF_MAX_ENTRIES leaves (the text diff caps it)", () => {
    const big = Array.from({ length: JSON_DIFF_MAX_ENTRIES + 1 }, (_, i) => i);
    expect(diffJson(big, [...big, 1])).toBeNull();
    expect(diffJson(big.slice(2), big.slice(2).concat(5))).toHaveLength(JSON_DIFF_MAX_ENTRIES);
  });
  it("marks a changed leaf too long to diff and shows it cut", () => {
    const e = diffJson({ answer: "x".repeat(DIFF_MAX_CHARS + 5) }, { answer: "y" })!;
    expect(e[0]).toMatchObject({ kind: "changed", tooLong: "size" });
    expect(e[0]!.parts!.map((p) => p.kind)).toEqual(["removed", "added"]);
    expect(e[0]!.parts![0]!.text).toHaveLength(DIFF_MAX_CHARS + 1);
  });
});
