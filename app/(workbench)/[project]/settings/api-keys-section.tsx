"use client";
import { useActionState, useState, useTransition } from "react";
import type { FormState } from "@/lib/forms";
import { createKey, revokeKey } from "@/lib/projects/actions";
import { CopyButton } from "@/components/ui/copy-button";
import { formatDate } from "@/components/ui/format";
import { keepValuesOnSubmit, useResetOnSuccess } from "@/components/ui/keep-values";

type KeyRow = {
  id: string;
  publicKey: string;
  displaySecret: string;
  note: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

type Created = FormState<{ publicKey: string; secretKey: string }>;

export function ApiKeysSection({ projectId, keys, canManage }: { projectId: string; keys: KeyRow[]; canManage: boolean }) {
  const [state, action, pending] = useActionState<Created, FormData>(createKey, {});
  const formRef = useResetOnSuccess(state);
  const [revoking, startRevoke] = useTransition();
  const [revokeError, setRevokeError] = useState<string>();
  const host = typeof window === "undefined" ? "" : window.location.origin;

  return (
    <section className="card section">
      <div className="card-head">
        <h2 className="card-title">API keys</h2>
        <p className="muted small">Langfuse SDKs and OpenTelemetry exporters authenticate with HTTP Basic: public key as user, secret key as password.</p>
      </div>
      <div className="card-body">
        {state.ok && state.data && (
          <div className="alert alert-success" role="status" data-testid="new-key">
            <p className="strong">Copy the secret key now: it is shown only once.</p>
            <dl className="kv">
              <dt>Public key</dt>
              <dd className="mono">
                {state.data.publicKey} <CopyButton text={state.data.publicKey} />
              </dd>
              <dt>Secret key</dt>
              <dd className="mono">
                {state.data.secretKey} <CopyButton text={state.data.secretKey} />
              </dd>
              <dt>Host</dt>
              <dd className="mono">{host}</dd>
            </dl>
          </div>
        )}
        {(state.error || revokeError) && (
          <div className="alert alert-error" role="alert">
            {state.error ?? revokeError}
          </div>
        )}
        {keys.length === 0 ? (
          <p className="muted">No API keys yet. Create one to start sending traces.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>Public key</th>
                  <th>Secret</th>
                  <th>Note</th>
                  <th>Created</th>
                  <th>Last used</th>
                  <th>Status</th>
                  {canManage && <th />}
                </tr>
              </thead>
              <tbody>
                {keys.map((k) => (
                  <tr key={k.id}>
                    <td className="mono">{k.publicKey}</td>
                    <td className="mono">{k.displaySecret}</td>
                    <td>{k.note}</td>
                    <td className="nowrap">{formatDate(k.createdAt)}</td>
                    <td className="nowrap">{k.lastUsedAt ? formatDate(k.lastUsedAt) : "never"}</td>
                    <td>{k.revokedAt ? <span className="badge b-error">revoked</span> : <span className="badge b-success">active</span>}</td>
                    {canManage && (
                      <td>
                        {!k.revokedAt && (
                          <button
                            className="btn btn-danger btn-sm"
                            disabled={revoking}
                            onClick={() => {
                              if (!confirm(`Revoke ${k.publicKey}? Clients using it stop working at once.`)) return;
                              startRevoke(async () => setRevokeError((await revokeKey({ projectId, keyId: k.id })).error));
                            }}
                          >
                            Revoke
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canManage && (
          <form ref={formRef} onSubmit={keepValuesOnSubmit(action)} className="row gap-2" style={{ marginTop: 12 }}>
            <input type="hidden" name="projectId" value={projectId} />
            <input className="input" name="note" placeholder="Note (optional), e.g. production" aria-label="Key note" />
            <button className="btn btn-primary" type="submit" disabled={pending}>
              {pending ? "Creating…" : "Create API key"}
            </button>
          </form>
        )}
      </div>
    </section>
  );
}
