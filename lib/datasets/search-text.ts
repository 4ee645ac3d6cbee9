// The items search reads one stored text per item, made here when the item is
// written: the words of its input and expected output (string values, numbers,
// booleans and keys; no JSON punctuation or escapes), lowercased. So a search
// for `say "hi"` finds an input holding that string, both databases answer the
// same (jsonb's text form differs from JSON.stringify's), and no JSON is
// converted to text at query time. Pure.
import { jsonWords } from "../json-words";

/** How much text of an item the search looks at (a 5 MB payload is not copied whole). */
export const SEARCH_TEXT_CHARS = 20_000;

/** The stored search text of an item's input and expected output. */
export function searchTextOf(input: unknown, expectedOutput: unknown): string | null {
  // One walk over both, input first, sharing the cap.
  const text = jsonWords([input, expectedOutput], SEARCH_TEXT_CHARS);
  return text ? text.toLowerCase() : null;
}

/** A search as the stored text holds it (lowercased, trimmed); empty means no search. */
export function searchTerm(search: string | undefined): string {
  return (search ?? "").trim().toLowerCase();
}
