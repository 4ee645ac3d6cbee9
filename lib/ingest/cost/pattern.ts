// Compiling match patterns. Pure (no server imports) so the Settings form and
// the ingestion pricer agree on what a valid pattern is.
//
// Patterns run on RE2 (re2js, a pure-JS port): matching takes time linear in
// the model name whatever the pattern, so no stored pattern can stall
// ingestion, e.g. `^(a|a)*$` or `^(a+)+$` against "aaaa…ab". RE2 is the syntax
// of Langfuse's own price list (Go/ClickHouse): `(?i)`, groups, classes,
// `\d`, `{m,n}`; it has no lookaround or backreferences, which model ids need
// not, so patterns using them are refused as invalid.
import { RE2JS } from "re2js";

/** Longest pattern accepted; long user regexes are where catastrophic backtracking hides. */
export const MAX_PATTERN_LENGTH = 500;

/**
 * True when a repeated group contains a repeat, like `(a+)+` or `(\w*x)*`:
 * the shape whose backtracking grows exponentially in backtracking engines.
 * RE2 runs them in linear time, so this is a second wall, not the first: a
 * project's own patterns of this shape are refused when saved (they are
 * always a mistake) and ignored if one is already stored. (A heuristic with false positives, e.g. `([^/]+/)*`: the built-in
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

/** What a compiled pattern offers: does it match anywhere in the model id (case-insensitive). */
export interface ModelPattern {
  test(model: string): boolean;
}

/** The pattern compiled by RE2, case-insensitive, or undefined when RE2 cannot compile it. */
export function compilePattern(pattern: string): ModelPattern | undefined {
  if (pattern.length === 0 || pattern.length > MAX_PATTERN_LENGTH) return undefined;
  try {
    return RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
  } catch {
    return undefined;
  }
}

export function isValidPattern(pattern: string): boolean {
  return compilePattern(pattern) !== undefined;
}
