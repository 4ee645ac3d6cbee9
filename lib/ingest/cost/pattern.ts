// Compiling match patterns. Pure (no server imports) so the Settings form and
// the ingestion pricer agree on what a valid pattern is.

/** Longest pattern accepted; long user regexes are where catastrophic backtracking hides. */
export const MAX_PATTERN_LENGTH = 500;

// Langfuse's price list (and users copying from it) write the PCRE flag "(?i)",
// which JavaScript rejects; matching is always case-insensitive here anyway.
const INLINE_FLAG = /^\(\?i\)/;

/** The pattern as a case-insensitive RegExp, or undefined when it is not a valid regular expression. */
export function compilePattern(pattern: string): RegExp | undefined {
  if (pattern.length === 0 || pattern.length > MAX_PATTERN_LENGTH) return undefined;
  try {
    return new RegExp(pattern.replace(INLINE_FLAG, ""), "i");
  } catch {
    return undefined;
  }
}

export function isValidPattern(pattern: string): boolean {
  return compilePattern(pattern) !== undefined;
}
