// The bounds every ingestion protocol enforces (Langfuse batch, OTLP, the
// plain trace API, POST /api/public/scores), in one place so the protocols
// agree and the README can state them. Both databases must store whatever
// passes: PostgreSQL's Int is 32-bit, its btree index entries must stay well
// under ~2.7 KB, and a date outside a sane range breaks every list that reads it.
// Pure: the zod schemas (client-safe) import it.

export const LIMITS = {
  /** ids (trace, observation, score, parent, session): Langfuse's own cap */
  idLength: 800,
  /** indexed or filtered strings: name, userId, sessionId, release, version, model, promptName, each tag */
  indexedStringLength: 1000,
  /** a CORRECTION score's text (a corrected output: no 500-character cap as TEXT scores have in Langfuse) */
  correctionLength: 1_000_000,
  /** tags per trace */
  tagCount: 100,
  /** Langfuse's environment rule: /^(?!langfuse)[a-z0-9-_]+$/, at most 40 characters */
  environmentLength: 40,
  /** nesting of a JSON payload (input, output, metadata, modelParameters): `{"a":{"b":1}}` is 2 levels */
  jsonDepth: 100,
  /** token counts, promptVersion and usage-by-type values: PostgreSQL's 32-bit Int */
  maxCount: 2_147_483_647,
  /** USD per cost value (input, output, total, each cost by type) */
  maxCost: 1_000_000,
  /** earliest accepted timestamp: the Unix epoch */
  minTime: Date.UTC(1970, 0, 1),
  /** latest accepted timestamp: this many years after the server's clock */
  futureYears: 5,
} as const;

/** The latest accepted instant, from the current clock. */
export function maxTime(now = Date.now()): number {
  return now + LIMITS.futureYears * 365.25 * 24 * 3600 * 1000;
}

/** Why a date cannot be stored, or undefined when it can. */
export function timeProblem(date: Date): string | undefined {
  const t = date.getTime();
  if (Number.isNaN(t)) return "invalid date";
  if (t < LIMITS.minTime) return `must not be before 1970-01-01T00:00:00Z (got ${date.toISOString()})`;
  if (t > maxTime()) return `must not be more than ${LIMITS.futureYears} years in the future (got ${safeIso(date)})`;
  return undefined;
}

/** toISOString throws for years past ±275760; a message must never throw. */
function safeIso(date: Date): string {
  try {
    return date.toISOString();
  } catch {
    return String(date.getTime());
  }
}

export const ENVIRONMENT_PATTERN = /^(?!langfuse)[a-z0-9_-]+$/;

/** Langfuse's rule for environment names; the message says what is allowed. */
export function environmentProblem(value: string): string | undefined {
  if (value.length > LIMITS.environmentLength) return `must be at most ${LIMITS.environmentLength} characters`;
  if (!ENVIRONMENT_PATTERN.test(value)) {
    return 'must be lowercase letters, digits, "-" or "_" and not start with "langfuse"';
  }
  return undefined;
}

/** Why a number is not a storable count (integer in 0..maxCount). */
export function countProblem(value: number): string | undefined {
  if (!Number.isFinite(value)) return "must be a finite number";
  if (!Number.isInteger(value)) return "expected an integer, received a non-integer number";
  if (value < 0) return "must be >= 0";
  if (value > LIMITS.maxCount) return `must be <= ${LIMITS.maxCount}`;
  return undefined;
}

/** Why a number is not a storable cost in USD (finite, 0..maxCost). */
export function costProblem(value: number): string | undefined {
  if (!Number.isFinite(value)) return "must be a finite number";
  if (value < 0) return "must be >= 0";
  if (value > LIMITS.maxCost) return `must be <= ${LIMITS.maxCost} (USD)`;
  return undefined;
}
