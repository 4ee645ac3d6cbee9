// The text the traces search index holds: what a search can find in a trace.
import { describe, expect, it } from "vitest";
import { ftsPhrase, indexedTerm, SEARCH_PAYLOAD_CHARS, traceSearchText } from "@/lib/traces/search-text";

describe("traceSearchText", () => {
  it("holds the name and the words of input and output, lowercased, without JSON punctuation or escapes", () => {
    const text = traceSearchText("Checkout", { messages: [{ role: "user", content: 'Say "Hi"\nplease' }], n: 42, ok: true }, "Done");
    expect(text).toBe(['checkout', 'messages', 'role', 'user', 'content', 'say "hi"\nplease', 'n', '42', 'ok', 'true', 'done'].join("\n"));
  });

  it("is null for a trace with nothing to find", () => {
    expect(traceSearchText(null, null, undefined)).toBeNull();
    expect(traceSearchText(null, {}, [])).toBeNull();
  });

  it("caps each payload, so a huge output does not crowd out the input", () => {
    const big = "x".repeat(SEARCH_PAYLOAD_CHARS * 3);
    const text = traceSearchText("n", "needle in the input", { out: big })!;
    expect(text).toContain("needle in the input");
    expect(text.length).toBeLessThanOrEqual(1 + 1 + "needle in the input".length + 1 + SEARCH_PAYLOAD_CHARS);
  });
});

describe("search terms", () => {
  it("uses the index from 3 characters on", () => {
    expect(indexedTerm("ab")).toBeNull();
    expect(indexedTerm("ÄbC")).toBe("äbc");
  });

  it("quotes a term as one FTS5 phrase, quotes doubled", () => {
    expect(ftsPhrase('say "hi" OR x*')).toBe('"say ""hi"" OR x*"');
  });
});
