// The one error domain code throws, and the one Result shape for outcomes a
// caller is expected to branch on. Ground floor: imports nothing from
// lib/http, lib/db or Next, so every layer may use it. The edges translate it:
// route() (lib/http/route.ts) to an HTTP status and the error JSON, the action
// builder (lib/auth/action-guard.ts) to a form's state.

/** What went wrong, in domain terms; lib/http/errors.ts holds the one code → HTTP table. */
export const DOMAIN_ERROR_CODES = ["invalid", "not_found", "conflict", "forbidden"] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** A field path as zod gives it: ["batch", 3, "body", "value"]. */
export type FieldPath = readonly PropertyKey[];

export interface Issue {
  /** A path, or one already written out by formatPath. */
  path: FieldPath | string;
  message: string;
}

export class DomainError extends Error {
  readonly path?: FieldPath;
  /** A short form of the message for the field (the API's `details[].issue`), when it differs. */
  readonly issue?: string;
  /** Further wrong fields beside the first (e.g. every observation of a batch that may not move). */
  readonly issues?: readonly Issue[];

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    opts: { path?: FieldPath | string; issue?: string; issues?: readonly Issue[] } = {},
  ) {
    super(message);
    this.name = "DomainError";
    if (opts.path !== undefined) this.path = typeof opts.path === "string" ? [opts.path] : opts.path;
    if (opts.issue !== undefined) this.issue = opts.issue;
    if (opts.issues !== undefined) this.issues = opts.issues;
  }

  /** Every wrong field with its issue, paths formatted (empty when the error names none). */
  details(prefix: FieldPath = []): { path: string; issue: string }[] {
    if (this.issues?.length) {
      return this.issues.map((i) => ({ path: typeof i.path === "string" ? i.path : formatPath([...prefix, ...i.path]), issue: i.message }));
    }
    return this.path ? [{ path: formatPath([...prefix, ...this.path]), issue: this.issue ?? this.message }] : [];
  }

  /** "value: must be at most 5": the message under its field's name, for one-line answers. */
  describe(prefix: FieldPath = []): string {
    const at = this.path ? formatPath([...prefix, ...this.path]) : formatPath(prefix);
    return at ? `${at}: ${this.message}` : this.message;
  }
}

/** An outcome a caller branches on; the failure carries the domain error. */
export type Result<T = undefined> = { ok: true; data: T } | { ok: false; error: DomainError };

export function ok(): Result<undefined>;
export function ok<T>(data: T): Result<T>;
export function ok<T>(data?: T): Result<T | undefined> {
  return { ok: true, data };
}

export function fail<T = never>(code: DomainErrorCode, message: string, opts?: ConstructorParameters<typeof DomainError>[2]): Result<T> {
  return { ok: false, error: new DomainError(code, message, opts) };
}

/** The data of a Result, or its error thrown (for callers that let the edge answer). */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw result.error;
  return result.data;
}

/**
 * Prisma's unique-constraint violation, the usual source of a `conflict`: P2002
 * from a model query, and from a raw query (`$executeRaw`) a P2010 whose
 * driver-adapter cause says so (the same on SQLite and PostgreSQL).
 */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } };
  return e.code === "P2002" || (e.code === "P2010" && e.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation");
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The one way a path is written: `["batch", 3, "body", "start time"]` → `batch[3].body["start time"]`. */
export function formatPath(path: FieldPath): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else {
      const name = String(key);
      if (IDENTIFIER.test(name)) out += out ? `.${name}` : name;
      else out += `[${JSON.stringify(name)}]`;
    }
  }
  return out;
}

/** A DomainError saying the thing does not exist (pages turn it into notFound()). */
export function isDomainNotFound(err: unknown): boolean {
  return err instanceof DomainError && err.code === "not_found";
}
