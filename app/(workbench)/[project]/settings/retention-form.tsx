"use client";
// The retention in days (empty: keep forever), Run now, and the newest sweep's
// progress (polled while it runs, by <JobProgress>).
import { useActionState, useState, useTransition } from "react";
import { JobProgress } from "@/components/jobs/job-progress";
import { Button } from "@/components/ui/button";
import { Field, Input, fieldErrorId } from "@/components/ui/input";
import { keepValuesOnSubmit } from "@/components/ui/keep-values";
import type { FormState } from "@/lib/forms";
import { runRetentionNowAction, saveRetentionAction } from "@/lib/retention/actions";
import { RETENTION_MAX_DAYS, RETENTION_MIN_DAYS, type RetentionView } from "@/lib/retention/schemas";

const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

export function RetentionForm({ projectId, canManage, view }: { projectId: string; canManage: boolean; view: RetentionView }) {
  const [state, dispatch, pending] = useActionState<FormState<{ retentionDays: number | null }>, FormData>(saveRetentionAction, {});
  const [running, startRun] = useTransition();
  const [runError, setRunError] = useState<string>();
  const err = state.fieldErrors ?? {};
  const sweep = view.lastSweep;

  const lastSweep = (
    <div className="stack" aria-label="Last sweep">
      <h3 className="small strong">Last sweep</h3>
      {sweep ? (
        <JobProgress key={sweep.id} projectId={projectId} job={sweep} canCancel={canManage} />
      ) : (
        <p className="muted small">
          {view.retentionDays ? "No sweep has run yet: the first one starts within ten minutes, or use Run now." : "None yet: set a retention to start deleting old traces."}
        </p>
      )}
      {view.queuedAt && <p className="muted small">Last queued {when(view.queuedAt)}; the next one about a day later.</p>}
    </div>
  );

  if (!canManage) {
    return (
      <div className="stack">
        <dl className="kv" aria-label="Retention">
          <dt>Keep traces</dt>
          <dd>{view.retentionDays ? `${view.retentionDays.toLocaleString("en-US")} days` : "forever"}</dd>
          <dt />
          <dd className="muted small">Owners and admins change the retention.</dd>
        </dl>
        {lastSweep}
      </div>
    );
  }

  return (
    <div className="stack">
      <form onSubmit={keepValuesOnSubmit(dispatch)} className="form" aria-label="Retention">
        <input type="hidden" name="projectId" value={projectId} />
        <Field
          label="Keep traces for (days)"
          htmlFor="retention-days"
          error={err.retentionDays}
          hint={`${RETENTION_MIN_DAYS} to ${RETENTION_MAX_DAYS.toLocaleString("en-US")} days; leave empty to keep traces forever.`}
        >
          <Input
            id="retention-days"
            name="retentionDays"
            type="text"
            inputMode="numeric"
            defaultValue={view.retentionDays ?? ""}
            placeholder="forever"
            invalid={!!err.retentionDays}
            aria-describedby={err.retentionDays ? fieldErrorId("retention-days") : undefined}
            maxLength={10}
            style={{ maxWidth: "12rem" }}
          />
        </Field>
        {state.ok && (
          <div className="alert alert-success" role="status">
            {state.data?.retentionDays
              ? `Saved: traces older than ${state.data.retentionDays.toLocaleString("en-US")} days are deleted daily.`
              : "Saved: traces are kept forever."}
          </div>
        )}
        {(runError || (state.error && !err.retentionDays)) && (
          <div className="alert alert-error" role="alert">
            {runError ?? state.error}
          </div>
        )}
        <div className="row gap-2">
          <Button type="submit" variant="primary" loading={pending}>
            Save retention
          </Button>
          {view.retentionDays && (
            <Button
              loading={running}
              onClick={() => {
                if (!confirm(`Delete every trace older than ${view.retentionDays} days now? This cannot be undone.`)) return;
                startRun(async () => setRunError((await runRetentionNowAction({ projectId })).error));
              }}
            >
              Run now
            </Button>
          )}
        </div>
      </form>
      {lastSweep}
    </div>
  );
}
