// Turning zod issues into the `{ path, issue }` details of Loupe's error
// contract. Shared by the Langfuse batch adapter and the native trace API so
// both name a wrong field the same way: `batch[3].body.startTime: invalid datetime`.

import { z } from "zod";
import { formatPath } from "../../errors";

export interface IssueDetail {
  path: string;
  issue: string;
}

function describe(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "array";
  if (typeof input === "number" && !Number.isInteger(input)) return "a non-integer number";
  return typeof input;
}

/**
 * Parse-level messages: shorter than zod's defaults and they say "required"
 * for a missing field, which is what a client author needs to read.
 */
export const issueMessages: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case "invalid_type":
      if (iss.input === undefined) return "required";
      if (iss.expected === "int") return `expected an integer, received ${describe(iss.input)}`;
      return `expected ${iss.expected}, received ${describe(iss.input)}`;
    case "invalid_value":
      if (iss.input === undefined) return "required";
      return `expected one of ${iss.values.map((v) => String(v)).join(", ")}, received ${JSON.stringify(iss.input) ?? "undefined"}`;
    case "invalid_format":
      if (iss.format === "datetime") return "invalid datetime (expected ISO 8601 with a time zone)";
      return undefined;
    case "too_big":
      if (iss.origin === "string") return `must be at most ${String(iss.maximum)} characters`;
      if (iss.origin === "array") return `must have at most ${String(iss.maximum)} items`;
      return undefined;
    case "too_small":
      if (iss.origin === "string" && Number(iss.minimum) === 1) return "must not be empty";
      if (iss.origin === "number") return `must be ${iss.inclusive ? ">=" : ">"} ${String(iss.minimum)}`;
      return undefined;
    default:
      return undefined;
  }
};

/** Details for every issue, each path prefixed with where the parsed value sits. */
export function toIssueDetails(error: z.ZodError, prefix: readonly PropertyKey[] = []): IssueDetail[] {
  return error.issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]),
    issue: issue.message,
  }));
}

/** One-line message naming the first wrong field; the details carry the rest. */
export function summarise(details: readonly IssueDetail[]): string {
  const first = details[0];
  if (!first) return "invalid request";
  const head = first.path ? `${first.path}: ${first.issue}` : first.issue;
  return details.length > 1 ? `${head} (and ${details.length - 1} more)` : head;
}
