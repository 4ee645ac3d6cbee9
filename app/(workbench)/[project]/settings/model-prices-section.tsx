"use client";
import { useActionState, useState, useTransition } from "react";
import type { FormState } from "@/lib/forms";
import { addModelPrice, removeModelPrice } from "@/lib/prices/actions";
import { keepValuesOnSubmit, useResetOnSuccess } from "@/components/ui/keep-values";

type Price = { id?: string; modelName: string; matchPattern: string; prices: Record<string, number>; validFrom?: string | null };

const perMillion = (usd: number | undefined) => (usd === undefined ? "" : `$${+(usd * 1_000_000).toPrecision(6)}`);

export function ModelPricesSection(props: { projectId: string; overrides: Price[]; builtIns: Price[]; canManage: boolean }) {
  const { projectId, overrides, builtIns, canManage } = props;
  const [state, action, pending] = useActionState<FormState, FormData>(addModelPrice, {});
  const formRef = useResetOnSuccess(state);
  const [removing, startRemove] = useTransition();
  const [error, setError] = useState<string>();
  const [showBuiltIns, setShowBuiltIns] = useState(false);
  const row = (p: Price, key: string, own: boolean) => (
    <tr key={key}>
      <td>{p.modelName}</td>
      <td className="mono small">{p.matchPattern}</td>
      <td className="num">{perMillion(p.prices.input)}</td>
      <td className="num">{perMillion(p.prices.output)}</td>
      <td className="small muted">
        {Object.entries(p.prices)
          .filter(([k]) => k !== "input" && k !== "output")
          .map(([k, v]) => `${k} ${perMillion(v)}`)
          .join(" · ")}
      </td>
      <td className="nowrap small">{p.validFrom ? p.validFrom.slice(0, 10) : ""}</td>
      {canManage && (
        <td>
          {own && p.id && (
            <button className="btn btn-ghost btn-sm" disabled={removing} onClick={() => startRemove(async () => setError((await removeModelPrice({ projectId, id: p.id! })).error))}>
              Delete
            </button>
          )}
        </td>
      )}
    </tr>
  );
  return (
    <section className="card section">
      <div className="card-head">
        <h2 className="card-title">Model prices</h2>
        <p className="muted small">
          Generations with a model and token usage are priced from this project&apos;s prices first, then the built-in list. Prices are USD per 1M tokens; a cost sent by the client wins.
        </p>
      </div>
      <div className="card-body">
        {(error || state.error) && (
          <div className="alert alert-error" role="alert">
            {error ?? state.error}
          </div>
        )}
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>Model</th>
                <th>Match pattern</th>
                <th className="num">Input / 1M</th>
                <th className="num">Output / 1M</th>
                <th>Other usage types</th>
                <th>Valid from</th>
                {canManage && <th />}
              </tr>
            </thead>
            <tbody>
              {overrides.length === 0 && (
                <tr>
                  <td colSpan={7} className="muted">
                    No project prices: the built-in list applies.
                  </td>
                </tr>
              )}
              {overrides.map((p) => row(p, p.id!, true))}
              {showBuiltIns && builtIns.map((p) => row(p, `builtin-${p.modelName}`, false))}
            </tbody>
          </table>
        </div>
        <button className="btn btn-ghost btn-sm" onClick={() => setShowBuiltIns((s) => !s)}>
          {showBuiltIns ? "Hide" : "Show"} the {builtIns.length} built-in prices
        </button>
        {canManage && (
          <form ref={formRef} onSubmit={keepValuesOnSubmit(action)} className="form form-inline" style={{ marginTop: 12 }} noValidate>
            <input type="hidden" name="projectId" value={projectId} />
            <label className="field">
              <span className="label">Model name</span>
              <input className="input" name="modelName" placeholder="my-finetune" />
              {state.fieldErrors?.modelName && <span className="error-text">{state.fieldErrors.modelName}</span>}
            </label>
            <label className="field">
              <span className="label">Match pattern (regex)</span>
              <input className="input mono" name="matchPattern" placeholder="^(ft:)?my-finetune(-\d+)?$" />
              {state.fieldErrors?.matchPattern && <span className="error-text">{state.fieldErrors.matchPattern}</span>}
            </label>
            <label className="field">
              <span className="label">Input $ / 1M</span>
              <input className="input" name="price.input" inputMode="decimal" placeholder="2.50" />
            </label>
            <label className="field">
              <span className="label">Output $ / 1M</span>
              <input className="input" name="price.output" inputMode="decimal" placeholder="10" />
            </label>
            <label className="field">
              <span className="label">Cache read $ / 1M</span>
              <input className="input" name="price.cache_read" inputMode="decimal" />
            </label>
            <label className="field">
              {/* Text in ISO order, not a date picker: the picker shows the OS locale (mm/dd/yyyy), the app ISO dates in UTC. */}
              <span className="label">Valid from (UTC)</span>
              <input className="input mono" name="validFrom" placeholder="YYYY-MM-DD" inputMode="numeric" style={{ width: 130 }} />
              {state.fieldErrors?.validFrom && <span className="error-text">{state.fieldErrors.validFrom}</span>}
            </label>
            <button className="btn btn-primary" type="submit" disabled={pending}>
              {pending ? "Saving…" : "Add price"}
            </button>
            {state.fieldErrors?.prices && <span className="error-text">{state.fieldErrors.prices}</span>}
          </form>
        )}
      </div>
    </section>
  );
}
