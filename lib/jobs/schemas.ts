// Background jobs as pages and clients see them. No server imports.

export const JOB_KINDS = ["PROMOTE", "IMPORT", "RULE_BACKFILL", "EVAL_RUN", "ROLLUP_BACKFILL", "RETENTION"] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const JOB_STATUSES = ["QUEUED", "RUNNING", "DONE", "FAILED", "CANCELLED"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** One source or row a job could not handle, with the reason (e.g. an import row and field). */
export interface JobFailure {
  /** what failed, as the user would name it: "trace abc", "row 17" */
  source: string;
  reason: string;
}

export interface JobView {
  id: string;
  kind: JobKind;
  status: JobStatus;
  label: string;
  total: number | null;
  done: number;
  failed: number;
  result: unknown;
  failures: JobFailure[];
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export const isFinished = (j: Pick<JobView, "status">) => j.status === "DONE" || j.status === "FAILED" || j.status === "CANCELLED";
