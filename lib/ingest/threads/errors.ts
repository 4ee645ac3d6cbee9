// Errors across a worker thread's port: structured clone drops a class, so an
// error travels as its fields and is made again on the other side — a
// DomainError as a DomainError, an ApiError as an ApiError (routes answer the
// same status and details as in one thread), anything else as an Error with its
// name, code and stack.
import { DomainError, type DomainErrorCode, type Issue } from "../../errors";
import { ApiError, type ErrorCode, type ErrorDetail } from "../../http/errors";

export interface SentError {
  kind: "domain" | "api" | "error";
  name: string;
  message: string;
  stack?: string;
  code?: string;
  path?: (string | number)[];
  issue?: string;
  issues?: Issue[];
  details?: ErrorDetail[];
}

export function sendable(err: unknown): SentError {
  if (err instanceof DomainError) {
    return { kind: "domain", name: err.name, message: err.message, code: err.code, path: err.path?.map((p) => (typeof p === "symbol" ? String(p) : p)), issue: err.issue, issues: err.issues ? [...err.issues] : undefined };
  }
  if (err instanceof ApiError) return { kind: "api", name: err.name, message: err.message, code: err.code, details: err.details };
  const e = err instanceof Error ? err : new Error(String(err));
  return { kind: "error", name: e.name, message: e.message, stack: e.stack, code: (e as { code?: string }).code };
}

export function received(e: SentError): Error {
  if (e.kind === "domain") return new DomainError(e.code as DomainErrorCode, e.message, { path: e.path, issue: e.issue, issues: e.issues });
  if (e.kind === "api") return new ApiError(e.code as ErrorCode, e.message, e.details);
  const err = new Error(e.message) as Error & { code?: string };
  err.name = e.name;
  if (e.code) err.code = e.code;
  if (e.stack) err.stack = e.stack;
  return err;
}
