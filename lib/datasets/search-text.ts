// The items search reads one stored text per item, made here when the item is
// written: the words of its input and expected output (string values, numbers,
// booleans and keys; no JSON punctuation or escapes), lowercased. So a search
// for `say "hi"` finds an input holding that string, both databases answer the
// same (jsonb's text form differs from JSON.stringify's), and no JSON is
// converted to text at query time. Pure.

/** How much text of an item the search looks at (a 5 MB payload is not copied whole). */
export const SEARCH_TEXT_CHARS = 20_000;

/** The stored search text of an item's input and expected output. */
export function searchTextOf(input: unknown, expectedOutput: unknown): string | null {
  const parts: string[] = [];
  let size = 0;
  const stack: unknown[] = [expectedOutput, input];
  while (stack.length && size < SEARCH_TEXT_CHARS) {
    const v = stack.pop();
    if (v === null || v === undefined) continue;
    if (typeof v === "object") {
      const entries = Array.isArray(v) ? v : Object.entries(v as Record<string, unknown>).flat();
      for (let i = entries.length - 1; i >= 0; i--) stack.push(entries[i]);
      continue;
    }
    const text = String(v);
    parts.push(text);
    size += text.length + 1;
  }
  if (!parts.length) return null;
  return parts.join("\n").slice(0, SEARCH_TEXT_CHARS).toLowerCase();
}

/** A search as the stored text holds it (lowercased, trimmed); empty means no search. */
export function searchTerm(search: string | undefined): string {
  return (search ?? "").trim().toLowerCase();
}
