// The one error contract of the HTTP API:
// { "error": { "code": "bad_request", "message": "...", "details": [{ "path": "...", "issue": "..." }] } }
// Domain code throws DomainError (lib/errors.ts); this file alone says which
// HTTP code and status each domain code answers with.
import type { ZodError } from "zod";
import { DomainError, formatPath, type DomainErrorCode } from "../errors";

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

/** The one domain → HTTP table (as Dub's errorCodeToHttpStatus): the code in the error JSON; its status is ERROR_STATUS[code]. */
export const DOMAIN_TO_HTTP: Record<DomainErrorCode, ErrorCode> = {
  invalid: "unprocessable",
  not_found: "not_found",
  conflict: "conflict",
  forbidden: "forbidden",
};

export function statusOf(err: DomainError): number {
  return ERROR_STATUS[DOMAIN_TO_HTTP[err.code]];
}

export interface ErrorDetail {
  path: string;
  issue: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    /** For 429/503: when the client may try again (the Retry-After header; the SDKs honour it or retry anyway). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function zodDetails(error: ZodError): ErrorDetail[] {
  return error.issues.map((i) => ({ path: formatPath(i.path) || "(root)", issue: i.message }));
}

/** One line naming the wrong fields, for messages and forms. */
export function describeDetails(details: ErrorDetail[]): string {
  return details
    .slice(0, 5)
    .map((d) => `${d.path}: ${d.issue}`)
    .join("; ");
}

export function invalid(error: ZodError, what: string): ApiError {
  const details = zodDetails(error);
  return new ApiError("bad_request", `Invalid ${what}: ${describeDetails(details)}`, details);
}

export function errorBody(code: ErrorCode, message: string, details?: ErrorDetail[]) {
  return { error: { code, message, ...(details?.length ? { details } : {}) } };
}

/** A domain error as the API answers it: the message under its field's name, the field in the details. */
export function domainErrorBody(err: DomainError) {
  const details = err.details();
  const message = err.issues?.length ? describeDetails(details) : err.describe();
  return errorBody(DOMAIN_TO_HTTP[err.code], message, details);
}
