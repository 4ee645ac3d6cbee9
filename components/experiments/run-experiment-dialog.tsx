"use client";
// "Run experiment": a run name and an optional JSON payload, sent (signed) to
// the project's experiment endpoint; then what the endpoint answered. The
// answer is the team's code talking: shown as text, never HTML.
import Link from "next/link";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Textarea, fieldErrorId } from "@/components/ui/input";
import { keepValuesOnSubmit } from "@/components/ui/keep-values";
import type { FormState } from "@/lib/forms";
import { runExperiment } from "@/lib/experiments/trigger-actions";
import { defaultRunName, type TriggerView } from "@/lib/experiments/trigger-schemas";

interface Props {
  projectId: string;
  datasetId: string;
  datasetName: string;
  /** null: no endpoint (or no secret) yet, and the dialog says where to set one. */
  endpointUrl: string | null;
}

export function RunExperimentDialog(props: Props) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="sm" onClick={() => setOpen(true)}>
        Run experiment
      </Button>
      <Dialog title={`Run an experiment on ${props.datasetName}`} open={open} onOpenChange={setOpen} className="xt-dialog">
        {props.endpointUrl ? (
          <RunForm {...props} endpointUrl={props.endpointUrl} />
        ) : (
          <div className="xt-no-endpoint">
            <p>This project has no experiment endpoint yet.</p>
            <p className="muted small">
              “Run experiment” asks your own code to run the dataset: it POSTs the run name and a payload, signed, to a URL your application serves. An owner
              or admin sets that URL and its secret in Settings.
            </p>
            <p>
              <Link className="btn btn-primary btn-sm" href={`/${encodeURIComponent(props.projectId)}/settings#experiment-endpoint`}>
                Set the endpoint in Settings
              </Link>
            </p>
          </div>
        )}
      </Dialog>
    </>
  );
}

function RunForm({ projectId, datasetId, endpointUrl }: Props & { endpointUrl: string }) {
  const [state, dispatch, pending] = useActionState<FormState<TriggerView>, FormData>(runExperiment, {});
  // Made when the dialog opens (the form mounts then), so each run gets a fresh default.
  const [runName] = useState(() => defaultRunName());
  const [payloadError, setPayloadError] = useState<string | null>(null);
  const err = state.fieldErrors ?? {};
  const payloadShown = payloadError ?? err.payload;
  const checkPayload = (text: string) => {
    if (!text.trim()) return setPayloadError(null);
    try {
      JSON.parse(text);
      setPayloadError(null);
    } catch (e) {
      setPayloadError(`is not valid JSON: ${(e as Error).message}`);
    }
  };
  const runsHref = `/${encodeURIComponent(projectId)}/datasets/${encodeURIComponent(datasetId)}/runs`;

  return (
    <form
      onSubmit={(e) => {
        if (payloadError) return e.preventDefault();
        keepValuesOnSubmit(dispatch)(e);
      }}
      className="form"
      aria-label="Run experiment"
    >
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="datasetId" value={datasetId} />
      <p className="muted small">
        Sends to <span className="mono">{endpointUrl}</span>
      </p>
      <Field label="Run name" htmlFor="xt-run-name" error={err.runName} hint="Runs with the same name are one run: reuse a name to add to it." required>
        <Input id="xt-run-name" name="runName" defaultValue={runName} maxLength={300} required invalid={!!err.runName} aria-describedby={err.runName ? fieldErrorId("xt-run-name") : undefined} />
      </Field>
      <Field label="Payload (JSON, optional)" htmlFor="xt-payload" error={payloadShown} hint="Handed to your code as is, e.g. the model or prompt version to try.">
        <Textarea
          id="xt-payload"
          name="payload"
          mono
          rows={4}
          placeholder='{"model": "gpt-4o-mini", "promptVersion": 3}'
          spellCheck={false}
          invalid={!!payloadShown}
          aria-describedby={payloadShown ? fieldErrorId("xt-payload") : undefined}
          onBlur={(e) => checkPayload(e.currentTarget.value)}
          onChange={(e) => payloadError && checkPayload(e.currentTarget.value)}
        />
      </Field>
      {state.ok && state.data && <Outcome trigger={state.data} runsHref={runsHref} />}
      {state.error && !err.runName && !err.payload && (
        <div className="alert alert-error" role="alert">
          {state.error}
        </div>
      )}
      <div>
        <Button type="submit" variant="primary" loading={pending}>
          {pending ? "Sending…" : "Run experiment"}
        </Button>
      </div>
    </form>
  );
}

function Outcome({ trigger, runsHref }: { trigger: TriggerView; runsHref: string }) {
  if (trigger.status === "SENT") {
    return (
      <div className="alert alert-success xt-outcome" role="status" data-testid="trigger-outcome">
        <div className="grow">
          <div className="alert-title">Sent ({trigger.httpStatus})</div>
          <div>
            Your code is running “{trigger.runName}”. <Link href={runsHref}>Open the runs list</Link>: the run fills in there as items are linked.
          </div>
          {trigger.responseHead && <pre className="code xt-head">{trigger.responseHead}</pre>}
        </div>
      </div>
    );
  }
  return (
    <div className="alert alert-error xt-outcome" role="alert" data-testid="trigger-outcome">
      <div className="grow">
        <div className="alert-title">{trigger.status === "REFUSED" ? `Refused (${trigger.httpStatus})` : `Unreachable: ${trigger.responseHead ?? "no answer"}`}</div>
        {trigger.status === "REFUSED" && (trigger.responseHead ? <pre className="code xt-head">{trigger.responseHead}</pre> : <div className="muted small">The answer was empty.</div>)}
        {trigger.status === "UNREACHABLE" && <div className="muted small">Nothing answered at {trigger.url}. Is your receiver running and reachable from this server?</div>}
      </div>
    </div>
  );
}
