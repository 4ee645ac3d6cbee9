// The stored search text of an item: the words, not the JSON.
import { describe, expect, it } from "vitest";
import { SEARCH_TEXT_CHARS, searchTerm, searchTextOf } from "@/lib/datasets/search-text";

describe("searchTextOf", () => {
  it("keeps strings, numbers, booleans and keys, lowercased, without JSON escapes", () => {
    const text = searchTextOf({ messages: [{ role: "user", content: 'Say "Hi",\nplease' }], n: 42, ok: true }, "Ünïcode ANSWER")!;
    expect(text).toContain('say "hi",\nplease');
    expect(text).toContain("ünïcode answer");
    for (const word of ["messages", "role", "user", "content", "42", "true"]) expect(text.split("\n")).toContain(word);
    expect(text).not.toContain("{");
  });
  it("is null for nothing to search, and bounded for a huge payload", () => {
    expect(searchTextOf(null, undefined)).toBeNull();
    expect(searchTextOf({}, [])).toBeNull();
    const huge = searchTextOf("x".repeat(SEARCH_TEXT_CHARS * 3), "tail")!;
    expect(huge.length).toBe(SEARCH_TEXT_CHARS);
  });
  it("makes the term comparable: trimmed and lowercased", () => {
    expect(searchTerm("  Spider ")).toBe("spider");
    expect(searchTerm(undefined)).toBe("");
  });
});
