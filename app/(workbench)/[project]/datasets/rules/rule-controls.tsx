"use client";
// Small rule controls: the on/off switch (list and rule page), delete, and
// "Run on stored traces" with the backfill job's progress.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { JobProgress } from "@/components/jobs/job-progress";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDeleteButton } from "@/components/ui/confirm-delete-button";
import { OnOffSwitch } from "@/components/ui/on-off-switch";
import { backfillRuleAction, deleteRuleAction, setRuleEnabledAction } from "@/lib/datasets/rules/actions";
import { describeBackfill } from "@/lib/datasets/rules/schemas";
import type { JobView } from "@/lib/jobs/schemas";

export function RuleToggle({ projectId, ruleId, name, enabled, disabled }: { projectId: string; ruleId: string; name: string; enabled: boolean; disabled?: boolean }) {
  return (
    <OnOffSwitch
      label={`Rule ${name} on`}
      enabled={enabled}
      disabled={disabled}
      onChange={(next) => setRuleEnabledAction({ projectId, ruleId, enabled: next })}
      failMessage="Could not switch the rule."
    />
  );
}

export function DeleteRule({ projectId, ruleId, name }: { projectId: string; ruleId: string; name: string }) {
  return (
    <ConfirmDeleteButton
      label="Delete rule"
      confirm={`Delete the rule "${name}"? The items it created stay in their dataset.`}
      action={() => deleteRuleAction({ projectId, ruleId })}
      afterDelete={`/${encodeURIComponent(projectId)}/datasets/rules`}
    />
  );
}

export function BackfillPanel({ projectId, ruleId, job: initial, canRun }: { projectId: string; ruleId: string; job: JobView | null; canRun: boolean }) {
  const router = useRouter();
  const [job, setJob] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const running = job && (job.status === "QUEUED" || job.status === "RUNNING");
  return (
    <div className="col gap-2">
      <p className="small muted">
        A rule looks at traces as they arrive and change. To apply it once to the traces already stored, run it on them: matching traces not yet in the dataset are added (sampling applies), the rest are skipped.
      </p>
      {canRun && (
        <div>
          <Button
            variant="secondary"
            loading={pending}
            disabled={!!running}
            onClick={() =>
              start(async () => {
                const res = await backfillRuleAction({ projectId, ruleId });
                if (!res.ok || !res.data) return setError(res.error ?? "Could not start.");
                setError(null);
                setJob(res.data);
              })
            }
          >
            Run on stored traces
          </Button>
        </div>
      )}
      {error && <Alert tone="error">{error}</Alert>}
      {job && <JobProgress key={job.id} projectId={projectId} job={job} describeResult={describeBackfill} onFinished={() => router.refresh()} canCancel={canRun} />}
    </div>
  );
}
