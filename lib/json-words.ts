// The words of a JSON value for a search index or a substring search: its
// string values, numbers, booleans and keys in document order, one per line,
// without JSON punctuation or escapes (so both databases search the same text,
// whatever their own JSON text form). Pure.

/** The words of `value`, newline-separated, up to `cap` characters (a 5 MB payload is not walked whole). */
export function jsonWords(value: unknown, cap: number): string {
  const parts: string[] = [];
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length && size < cap) {
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
  return parts.join("\n").slice(0, cap);
}
