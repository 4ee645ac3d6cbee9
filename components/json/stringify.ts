/** JSON text for display/copy. Strings stay as they are (no quotes); anything unserialisable degrades to String(). */
export function toJsonText(value: unknown, indent = 2): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "";
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v), indent) ?? String(value);
  } catch (err) {
    // JSON.stringify recurses: a value nested some thousands of levels overflows the stack.
    if (err instanceof RangeError) return "(nested too deeply to show as text)";
    return String(value);
  }
}
