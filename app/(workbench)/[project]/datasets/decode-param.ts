/** Route params arrive percent-encoded for some characters (item ids are chosen by clients); a lone "%" must not throw. */
export function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
