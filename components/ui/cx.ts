/** Joins class names, skipping falsy ones (tiny clsx; no package needed). */
export function cx(...parts: Array<string | false | null | undefined>): string {
  return parts.filter(Boolean).join(" ");
}
