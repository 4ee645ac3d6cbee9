"use client";
// The endpoint's URL and signing secret. The secret is typed or generated here,
// copied into the receiver's configuration, and after saving shown only as its
// last 4 characters (the server never sends it back).
import { useActionState, useEffect, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, Input, fieldErrorId } from "@/components/ui/input";
import { keepValuesOnSubmit } from "@/components/ui/keep-values";
import type { FormState } from "@/lib/forms";
import { removeExperimentEndpoint, saveExperimentEndpoint } from "@/lib/experiments/trigger-actions";
import { generateExperimentSecret, type EndpointView } from "@/lib/experiments/trigger-schemas";

export function ExperimentEndpointForm({ projectId, canManage, endpoint }: { projectId: string; canManage: boolean; endpoint: EndpointView }) {
  const [state, dispatch, pending] = useActionState<FormState<EndpointView>, FormData>(saveExperimentEndpoint, {});
  const [secret, setSecret] = useState("");
  const [removing, startRemove] = useTransition();
  const [removeError, setRemoveError] = useState<string>();
  const err = state.fieldErrors ?? {};

  // Saved: the typed secret is gone from the page; only its hint remains.
  useEffect(() => {
    if (state.ok) setSecret("");
  }, [state]);

  if (!canManage) {
    return (
      <dl className="kv" aria-label="Experiment endpoint">
        <dt>URL</dt>
        <dd className="mono">{endpoint.url ?? "not set"}</dd>
        <dt>Secret</dt>
        <dd className="mono">{endpoint.secretHint ?? "not set"}</dd>
        <dt />
        <dd className="muted small">Owners and admins change the endpoint.</dd>
      </dl>
    );
  }

  return (
    <form onSubmit={keepValuesOnSubmit(dispatch)} className="form xt-endpoint-form" aria-label="Experiment endpoint">
      <input type="hidden" name="projectId" value={projectId} />
      <Field label="URL" htmlFor="xt-url" error={err.url} hint="http:// or https://, e.g. https://app.example.com/loupe/experiments" required>
        <Input
          id="xt-url"
          name="url"
          type="text"
          inputMode="url"
          defaultValue={endpoint.url ?? ""}
          placeholder="https://app.example.com/loupe/experiments"
          invalid={!!err.url}
          aria-describedby={err.url ? fieldErrorId("xt-url") : undefined}
          maxLength={2000}
          spellCheck={false}
        />
      </Field>
      <Field
        label="Signing secret"
        htmlFor="xt-secret"
        error={err.secret}
        required={!endpoint.secretHint}
        hint={
          endpoint.secretHint ? (
            <>
              Saved: <span className="mono">{endpoint.secretHint}</span>. Leave empty to keep it; type or generate one to replace it.
            </>
          ) : (
            "Generate one (or paste your own, 16+ characters) and give the same value to your receiver."
          )
        }
      >
        <div className="row gap-2">
          <Input
            id="xt-secret"
            name="secret"
            type="text"
            className="mono grow"
            autoComplete="off"
            spellCheck={false}
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            placeholder={endpoint.secretHint ? `${endpoint.secretHint} (kept)` : "lxs_…"}
            invalid={!!err.secret}
            aria-describedby={err.secret ? fieldErrorId("xt-secret") : undefined}
            maxLength={200}
          />
          <Button size="sm" onClick={() => setSecret(generateExperimentSecret())}>
            Generate
          </Button>
          {secret && <CopyButton text={secret} size="sm" />}
        </div>
      </Field>
      {secret && (
        <p className="small xt-secret-note" role="status">
          Copy the secret into your receiver now: after saving it is shown only as its last 4 characters.
        </p>
      )}
      {state.ok && (
        <div className="alert alert-success" role="status">
          Saved. “Run experiment” now sends to {state.data?.url}.
        </div>
      )}
      {(removeError || (state.error && !err.url && !err.secret)) && (
        <div className="alert alert-error" role="alert">
          {removeError ?? state.error}
        </div>
      )}
      <div className="row gap-2">
        <Button type="submit" variant="primary" loading={pending}>
          Save endpoint
        </Button>
        {endpoint.url && (
          <Button
            variant="ghost"
            disabled={removing}
            onClick={() => {
              if (!confirm("Remove the experiment endpoint? “Run experiment” stops working until a new one is set.")) return;
              startRemove(async () => setRemoveError((await removeExperimentEndpoint({ projectId })).error));
            }}
          >
            Remove
          </Button>
        )}
      </div>
    </form>
  );
}
