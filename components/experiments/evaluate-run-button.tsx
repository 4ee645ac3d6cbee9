"use client";
// "Evaluate this run again": scores every item of the run with the enabled
// evaluators attached to its dataset, as a background job whose progress
// shows here (and on /<project>/jobs). The run page places it, passing the
// run's latest EVAL_RUN job (lib/evals/queries.ts latestRunEvaluation) so the
// progress shows again when the page is reopened.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { JobProgress } from "@/components/jobs/job-progress";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { evaluateRunAction } from "@/lib/evals/actions";
import { describeRunEvaluation } from "@/lib/evals/schemas";
import type { JobView } from "@/lib/jobs/schemas";

export interface EvaluateRunButtonProps {
  projectId: string;
  runId: string;
  /** the run's latest evaluation job, if any */
  job?: JobView | null;
  /** false for roles that may not start it (viewers): the progress still shows */
  canRun?: boolean;
}

export function EvaluateRunButton({ projectId, runId, job: initial = null, canRun = true }: EvaluateRunButtonProps) {
  const router = useRouter();
  const [job, setJob] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const running = !!job && (job.status === "QUEUED" || job.status === "RUNNING");
  return (
    <div className="col gap-2 evaluate-run">
      {canRun && (
        <div>
          <Button
            variant="secondary"
            size="sm"
            loading={pending}
            disabled={running}
            onClick={() =>
              start(async () => {
                const res = await evaluateRunAction({ projectId, runId });
                if (!res.ok || !res.data) return setError(res.error ?? "Could not start the evaluation.");
                setError(null);
                setJob(res.data);
              })
            }
          >
            Evaluate this run again
          </Button>
        </div>
      )}
      {error && <Alert tone="error">{error}</Alert>}
      {job && (
        <JobProgress
          key={job.id}
          projectId={projectId}
          job={job}
          describeResult={describeRunEvaluation}
          onFinished={(finished) => {
            // The button is enabled again, and the page reads the new scores.
            setJob(finished);
            router.refresh();
          }}
          canCancel={canRun}
        />
      )}
    </div>
  );
}
