"use client";
// Score configs: what reviewers score against. Admins create and archive them
// (archive, not delete: existing scores keep their config); everyone else reads.
import { useActionState, useEffect, useRef, useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";
import type { FormState } from "@/lib/forms";
import { archiveScoreConfig, createScoreConfig } from "@/lib/scores/actions";
import { CONFIG_DATA_TYPES, describeConfig, type ConfigDataType, type ScoreConfigView } from "@/lib/scores/schemas";
import { keepValuesOnSubmit } from "@/components/ui/keep-values";

const TYPE_LABEL: Record<ConfigDataType, string> = { NUMERIC: "Numeric", CATEGORICAL: "Categorical", BOOLEAN: "Boolean" };

export function ScoreConfigsSection({ projectId, configs, canManage }: { projectId: string; configs: ScoreConfigView[]; canManage: boolean }) {
  const [archiving, startArchive] = useTransition();
  const [archiveError, setArchiveError] = useState<string>();

  return (
    <section className="card section" id="score-configs" aria-labelledby="score-configs-title">
      <div className="card-head">
        <h2 className="card-title" id="score-configs-title">
          Score configs
        </h2>
        <p className="muted small">What reviewers score traces, observations and sessions against, in the annotation panel and in queues.</p>
      </div>
      <div className="card-body">
        {archiveError && (
          <div className="alert alert-error" role="alert">
            {archiveError}
          </div>
        )}
        {configs.length === 0 ? (
          <p className="muted">
            No score configs yet. {canManage ? "Create one below, e.g. a “correct” boolean or a 1–5 “helpfulness” scale." : "Ask an admin to create one."}
          </p>
        ) : (
          <div className="table-wrap">
            <table className="table" aria-label="Score configs">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Type</th>
                  <th>Values</th>
                  <th>Description</th>
                  <th>Status</th>
                  {canManage && <th />}
                </tr>
              </thead>
              <tbody>
                {configs.map((c) => (
                  <tr key={c.id}>
                    <td className="strong">{c.name}</td>
                    <td>{TYPE_LABEL[c.dataType]}</td>
                    <td className="wrap-cell small">{describeConfig(c)}</td>
                    <td className="wrap-cell small muted">{c.description}</td>
                    <td>{c.isArchived ? <Badge>archived</Badge> : <Badge tone="success">active</Badge>}</td>
                    {canManage && (
                      <td>
                        <Button
                          size="sm"
                          variant="ghost"
                          disabled={archiving}
                          aria-label={`${c.isArchived ? "Restore" : "Archive"} ${c.name}`}
                          onClick={() => startArchive(async () => setArchiveError((await archiveScoreConfig({ projectId, configId: c.id, archived: !c.isArchived })).error))}
                        >
                          {c.isArchived ? "Restore" : "Archive"}
                        </Button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canManage && <CreateConfigForm projectId={projectId} />}
      </div>
    </section>
  );
}

function CreateConfigForm({ projectId }: { projectId: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(createScoreConfig, {});
  const [dataType, setDataType] = useState<ConfigDataType>("NUMERIC");
  const [rows, setRows] = useState([0, 1]);
  const nextRow = useRef(2);
  const formRef = useRef<HTMLFormElement>(null);
  const err = state.fieldErrors ?? {};
  const categoryError = Object.entries(err).find(([k]) => k.startsWith("categories"))?.[1];

  useEffect(() => {
    if (state.ok) {
      formRef.current?.reset();
      setDataType("NUMERIC");
      setRows([0, 1]);
    }
  }, [state]);

  return (
    <form ref={formRef} onSubmit={keepValuesOnSubmit(action)} className="form" style={{ marginTop: 16, maxWidth: 640 }} aria-label="New score config">
      <h3 className="strong">New score config</h3>
      <input type="hidden" name="projectId" value={projectId} />
      <div className="row gap-3 wrap" style={{ alignItems: "flex-start" }}>
        <Field label="Name" htmlFor="sc-name" error={err.name} required>
          <Input id="sc-name" name="name" placeholder="e.g. helpfulness" required maxLength={60} invalid={!!err.name} />
        </Field>
        <Field label="Type" htmlFor="sc-type">
          <Select
            id="sc-type"
            name="dataType"
            value={dataType}
            onChange={(e) => setDataType(e.target.value as ConfigDataType)}
            options={CONFIG_DATA_TYPES.map((t) => ({ value: t, label: TYPE_LABEL[t] }))}
          />
        </Field>
        {dataType === "NUMERIC" && (
          <>
            <Field label="Min" htmlFor="sc-min" hint="optional" error={err.minValue}>
              <Input id="sc-min" name="minValue" type="number" step="any" style={{ width: 100 }} />
            </Field>
            <Field label="Max" htmlFor="sc-max" hint="optional" error={err.maxValue}>
              <Input id="sc-max" name="maxValue" type="number" step="any" style={{ width: 100 }} />
            </Field>
          </>
        )}
      </div>
      {dataType === "CATEGORICAL" && (
        <fieldset className="col gap-2" style={{ border: 0, padding: 0, margin: 0 }}>
          <legend className="label">Categories (label and numeric value)</legend>
          {rows.map((key, i) => (
            <div key={key} className="row gap-2">
              <Input name="categoryLabel" aria-label={`Category ${i + 1} label`} placeholder={i === 0 ? "e.g. good" : "label"} />
              <Input name="categoryValue" aria-label={`Category ${i + 1} value`} type="number" step="any" defaultValue={i} style={{ width: 90 }} />
              {rows.length > 2 && (
                <Button size="sm" variant="ghost" aria-label={`Remove category ${i + 1}`} onClick={() => setRows(rows.filter((r) => r !== key))}>
                  ✕
                </Button>
              )}
            </div>
          ))}
          <div>
            <Button size="sm" onClick={() => setRows([...rows, nextRow.current++])}>
              Add category
            </Button>
          </div>
          {categoryError && <span className="error-text">{categoryError}</span>}
        </fieldset>
      )}
      {dataType === "BOOLEAN" && <p className="hint">Reviewers pick true (1) or false (0).</p>}
      <Field label="Description" htmlFor="sc-desc" hint="Shown to reviewers next to the score.">
        <Input id="sc-desc" name="description" maxLength={500} placeholder="What does a good score mean?" />
      </Field>
      {state.error && !err.name && (
        <div className="alert alert-error" role="alert">
          {state.error}
        </div>
      )}
      <div>
        <Button type="submit" variant="primary" loading={pending}>
          Create score config
        </Button>
      </div>
    </form>
  );
}
