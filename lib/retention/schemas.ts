// Retention: the per-project setting, as the settings form, the action and the
// sweep share it, and what Settings shows of the last sweep. No server imports.
import { z } from "zod";
import type { JobView } from "../jobs/schemas";

export const RETENTION_MIN_DAYS = 1;
/** Ten years: a bound so a typo (36500) is refused rather than silently meaning "forever". */
export const RETENTION_MAX_DAYS = 3650;

const WHOLE_DAYS = "Enter a whole number of days, or leave it empty to keep traces forever";

/** Days to keep traces; "" (or nothing) means keep forever (null). */
export const retentionDaysSchema = z.preprocess(
  (v) => {
    if (v === undefined || v === null) return null;
    if (typeof v !== "string") return v;
    const text = v.trim().replace(/[,_\s]/g, "");
    return text === "" ? null : /^[+-]?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  },
  z
    .number({ message: WHOLE_DAYS })
    .int(WHOLE_DAYS)
    .min(RETENTION_MIN_DAYS, `Keep traces at least ${RETENTION_MIN_DAYS} day`)
    .max(RETENTION_MAX_DAYS, `Keep traces at most ${RETENTION_MAX_DAYS.toLocaleString("en-US")} days (10 years), or leave it empty to keep them forever`)
    .nullable(),
);

export const retentionFormSchema = z.object({ projectId: z.string().min(1), retentionDays: retentionDaysSchema });
export type RetentionFormInput = z.output<typeof retentionFormSchema>;

export const retentionRefSchema = z.object({ projectId: z.string().min(1) });

/** What a finished sweep reports (the job's result). */
export interface RetentionResult {
  deleted: number;
  /** traces with a timestamp before this were deleted */
  cutoff: string | null;
  days: number | null;
}

/** Settings' retention section: the setting and the newest sweep (running or finished). */
export interface RetentionView {
  retentionDays: number | null;
  /** when the schedule (or Run now) last queued a sweep */
  queuedAt: string | null;
  lastSweep: JobView | null;
}

export function describeRetention(result: unknown): string | null {
  if (!result || typeof result !== "object") return null;
  const r = result as Partial<RetentionResult>;
  if (typeof r.deleted !== "number") return null;
  const what = `${r.deleted.toLocaleString("en-US")} trace${r.deleted === 1 ? "" : "s"} deleted`;
  if (!r.cutoff) return `${what} (retention is off: nothing expires)`;
  return `${what}: everything with a timestamp before ${r.cutoff.slice(0, 16).replace("T", " ")} UTC${r.days ? ` (older than ${r.days} days)` : ""}`;
}
