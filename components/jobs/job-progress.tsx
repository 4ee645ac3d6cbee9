"use client";
// A background job's progress, polled until it ends: done / total with a bar,
// failures listed with their reason, the outcome, and Cancel while it runs.
// The page can be left: the job goes on, and /<project>/jobs/<id> shows it again.
import Link from "next/link";
import { useEffect, useState } from "react";
import { cancelJobAction, jobProgress } from "@/lib/jobs/actions";
import { isFinished, type JobView } from "@/lib/jobs/schemas";
import { Alert } from "../ui/alert";
import { Badge, type BadgeTone } from "../ui/badge";
import { Button } from "../ui/button";
import { DESCRIBE_RESULT } from "./describe-result";

const POLL_MS = 1000;

const TONE: Record<JobView["status"], BadgeTone> = { QUEUED: "neutral", RUNNING: "info", DONE: "success", FAILED: "error", CANCELLED: "warning" };
const LABEL: Record<JobView["status"], string> = { QUEUED: "Queued", RUNNING: "Running", DONE: "Done", FAILED: "Failed", CANCELLED: "Cancelled" };

export interface JobProgressProps {
  projectId: string;
  job: JobView;
  /** the outcome in words ("120 added, 3 skipped"), from the job's result */
  describeResult?: (result: unknown) => string | null;
  /** called once when the job ends (e.g. to refresh the page's data) */
  onFinished?: (job: JobView) => void;
  canCancel?: boolean;
  /** hides the link to the job's own page (on that page) */
  standalone?: boolean;
}

export function JobProgress({ projectId, job: initial, describeResult, onFinished, canCancel = true, standalone = false }: JobProgressProps) {
  const [job, setJob] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const finished = isFinished(job);

  useEffect(() => {
    if (finished) return;
    let stop = false;
    const timer = setInterval(async () => {
      const state = await jobProgress({ projectId, jobId: job.id }).catch(() => null);
      if (stop || !state) return;
      if (!state.ok || !state.data) return setError(state.error ?? "Could not read the job's progress.");
      setJob(state.data);
      if (isFinished(state.data)) onFinished?.(state.data);
    }, POLL_MS);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [finished, job.id, projectId, onFinished]);

  const total = job.total ?? 0;
  const pct = total > 0 ? Math.min(100, Math.round((job.done / total) * 100)) : finished ? 100 : 0;
  const describe = describeResult ?? DESCRIBE_RESULT[job.kind];
  const outcome = job.result !== null && describe ? describe(job.result) : null;

  return (
    <div className="job-progress" aria-live="polite" data-job-status={job.status}>
      <div className="job-progress-head">
        <Badge tone={TONE[job.status]}>{LABEL[job.status]}</Badge>
        <span className="strong">{job.label}</span>
        {!standalone && (
          <Link className="link small" href={`/${encodeURIComponent(projectId)}/jobs/${job.id}`}>
            Open
          </Link>
        )}
        {!finished && canCancel && (
          <Button
            size="sm"
            variant="ghost"
            onClick={async () => {
              const state = await cancelJobAction({ projectId, jobId: job.id });
              if (!state.ok) setError(state.error ?? "Could not cancel.");
            }}
          >
            Cancel
          </Button>
        )}
      </div>
      <div className="job-bar" role="progressbar" aria-valuemin={0} aria-valuemax={total || undefined} aria-valuenow={job.done} aria-label="Progress">
        <div className="job-bar-fill" style={{ width: `${pct}%` }} />
      </div>
      <div className="small muted">
        {job.done.toLocaleString("en-US")}
        {job.total !== null ? ` / ${job.total.toLocaleString("en-US")}` : ""} done
        {job.failed > 0 ? ` · ${job.failed.toLocaleString("en-US")} failed` : ""}
        {!finished && job.status === "QUEUED" ? " · waiting to start" : ""}
      </div>
      {outcome && <p className="small">{outcome}</p>}
      {job.error && <Alert tone="error">{job.error}</Alert>}
      {error && <Alert tone="error">{error}</Alert>}
      {job.failures.length > 0 && (
        <details className="job-failures">
          <summary className="small">
            {job.failed.toLocaleString("en-US")} failure{job.failed === 1 ? "" : "s"}
            {job.failures.length < job.failed ? ` (first ${job.failures.length} listed)` : ""}
          </summary>
          <ul className="small">
            {job.failures.map((f, i) => (
              <li key={i}>
                <span className="mono">{f.source}</span>: {f.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
