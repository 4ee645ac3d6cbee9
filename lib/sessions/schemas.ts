// The sessions table's filters and sort, read from the URL. No server imports.
import { z } from "zod";

const isoDate = z.coerce.date({ message: "must be an ISO 8601 date" });

export const SESSION_SORT_COLUMNS = ["timestamp", "lastActivity", "duration", "traces", "cost", "tokens", "errors"] as const;
export type SessionSortColumn = (typeof SESSION_SORT_COLUMNS)[number];

/**
 * A shorthand for the common session conditions, from strings (tests, forms).
 * Not a second model: `sessionConditions` (lib/sessions/filter.ts) turns it into
 * the one filter; the page reads its URL with the one codec (parseSessionView).
 */
export const sessionFilterSchema = z.object({
  /** Sessions with activity in [from, to]: the first trace at or before `to`, the last at or after `from`. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Sessions where this end user has at least one trace. */
  userId: z.string().trim().min(1).max(500).optional(),
  /** Sessions with at least one trace in this environment. */
  environment: z.string().trim().min(1).max(200).optional(),
  errors: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  bookmarked: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  /** Part of the session id. */
  q: z.string().trim().min(1).max(200).optional(),
});
export type SessionFilter = z.infer<typeof sessionFilterSchema>;

export interface SessionListRow {
  id: string;
  bookmarked: boolean;
  /** ISO: first trace */
  firstTimestamp: string;
  /** ISO: last trace */
  lastTimestamp: string;
  /** first trace start → last trace end */
  durationMs: number | null;
  traceCount: number;
  userIds: string[];
  environments: string[];
  totalCost: number | null;
  totalTokens: number;
  errorCount: number;
  /** by score name: the average numeric value, or the latest label; session scores and its traces' own scores (not their observations') */
  scores: Record<string, number | string>;
}

export const sessionBookmarkSchema = z.object({ projectId: z.string().min(1), sessionId: z.string().min(1).max(500), bookmarked: z.boolean() });
