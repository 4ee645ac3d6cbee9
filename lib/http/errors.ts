// The one error contract of the HTTP API:
// { "error": { "code": "bad_request", "message": "...", "details": [{ "path": "...", "issue": "..." }] } }
import type { ZodError } from "zod";

export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorDetail {
  path: string;
  issue: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** "batch[3].body.startTime" from zod's path array, under an optional prefix. */
export function formatPath(path: readonly PropertyKey[], prefix = ""): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || "(root)";
}

export function zodDetails(error: ZodError, prefix = ""): ErrorDetail[] {
  return error.issues.map((i) => ({ path: formatPath(i.path, prefix), issue: i.message }));
}

/** One line naming the wrong fields, for messages and forms. */
export function describeDetails(details: ErrorDetail[]): string {
  return details
    .slice(0, 5)
    .map((d) => `${d.path}: ${d.issue}`)
    .join("; ");
}

export function invalid(error: ZodError, what: string, prefix = ""): ApiError {
  const details = zodDetails(error, prefix);
  return new ApiError("bad_request", `Invalid ${what}: ${describeDetails(details)}`, details);
}

export function errorBody(code: ErrorCode, message: string, details?: ErrorDetail[]) {
  return { error: { code, message, ...(details?.length ? { details } : {}) } };
}
