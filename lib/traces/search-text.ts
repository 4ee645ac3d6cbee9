// The text the traces search index holds for one trace, made in JS by the
// writer whenever the trace's name, input or output changes: the name, then the
// words of the input and of the output (string values, numbers, booleans and
// keys; no JSON punctuation or escapes), lowercased, each payload capped. Made
// here rather than by SQL over the JSON so SQLite (FTS5, trigram) and
// PostgreSQL (pg_trgm) index the very same text and give the same answers
// (jsonb's text form differs from JSON.stringify's). Pure.
import { jsonWords } from "../json-words";

/** How much of each of input and output the index looks at (a 5 MB payload is not indexed whole). */
export const SEARCH_PAYLOAD_CHARS = 4_096;

/** A trigram index answers terms of at least this many characters; shorter ones scan the rows. */
export const SEARCH_MIN_CHARS = 3;

const words = (value: unknown) => jsonWords(value, SEARCH_PAYLOAD_CHARS);

/** The indexed text of a trace; null when it has nothing to find (no row is kept then). */
export function traceSearchText(name: string | null, input: unknown, output: unknown): string | null {
  const text = [name ?? "", words(input), words(output)].filter(Boolean).join("\n");
  return text ? text.toLowerCase() : null;
}

/** The term as the index holds it, or null when it is too short for the trigram index. */
export function indexedTerm(value: string): string | null {
  const term = value.toLowerCase();
  return [...term].length >= SEARCH_MIN_CHARS ? term : null;
}

/** An FTS5 phrase for a term: on a trigram table a phrase matches exactly the texts holding it as a substring. */
export function ftsPhrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}
