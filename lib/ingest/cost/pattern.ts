// Compiling match patterns. Pure (no server imports) so the Settings form and
// the ingestion pricer agree on what a valid pattern is.

/** Longest pattern accepted; long user regexes are where catastrophic backtracking hides. */
export const MAX_PATTERN_LENGTH = 500;

// Langfuse's price list (and users copying from it) write the PCRE flag "(?i)",
// which JavaScript rejects; matching is always case-insensitive here anyway.
const INLINE_FLAG = /^\(\?i\)/;

/**
 * True when a repeated group contains a repeat, like `(a+)+` or `(\w*x)*`:
 * the shape whose backtracking grows exponentially with the input. Patterns run
 * on every priced generation, so one such pattern could stall ingestion; a
 * project's own patterns are refused when saved and ignored if one is already
 * stored. (A heuristic with false positives, e.g. `([^/]+/)*`: the built-in
 * list uses such vetted prefixes and is not checked by it.)
 */
export function hasNestedQuantifier(pattern: string): boolean {
  const stack: boolean[] = []; // per open group: does it contain a quantifier?
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
      continue;
    }
    if (ch === "[") inClass = true;
    else if (ch === "(") stack.push(false);
    else if (ch === ")") {
      const inner = stack.pop() ?? false;
      const next = pattern[i + 1];
      const repeated = next === "+" || next === "*" || (next === "{" && /^\{\d*,\d*\}|^\{\d{2,}\}/.test(pattern.slice(i + 1)));
      if (inner && repeated) return true;
      if (inner && stack.length) stack[stack.length - 1] = true;
    } else if ((ch === "+" || ch === "*" || ch === "{") && stack.length) {
      stack[stack.length - 1] = true;
    }
  }
  return false;
}

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
