// What a server action returns to its form: an overall error, errors per
// field (named by the zod path), or success with an optional payload.
import type { ZodError } from "zod";
import { formatPath } from "./errors";

export type FormState<T = undefined> = {
  ok?: boolean;
  error?: string;
  fieldErrors?: Record<string, string>;
  data?: T;
};

export function fieldErrors(error: ZodError): FormState<never> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[formatPath(issue.path) || "(root)"] ??= issue.message;
  // The form shows each message beside its field; the summary is the first message, without the internal path.
  const first = Object.values(fields)[0];
  return { ok: false, error: first ?? "Invalid input", fieldErrors: fields };
}

/** FormData → plain object (repeated keys become arrays) for zod parsing. */
export function formObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of form.entries()) {
    if (typeof v !== "string") continue;
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

// Kept here too for callers that met it here first; domain code imports it from lib/errors.
export { isUniqueViolation } from "./errors";
