"use client";
// The rule form: name, target dataset, conditions (the traces table's own
// filter fields and URL codec: what the table filters on, a rule can), the
// promotion mapping, sampling and on/off. Sent as one object to saveRuleAction;
// errors come back under the field they name.
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/input";
import type { FormState } from "@/lib/forms";
import { SOURCE_FIELD_LABELS, SOURCE_FIELDS, TARGET_FIELDS, type FieldMapping, type Mapping, type TargetField } from "@/lib/datasets/mapping";
import { saveRuleAction } from "@/lib/datasets/rules/actions";
import { NEW_DATASET } from "@/lib/datasets/rules/schemas";
import { FILTER_PARAM } from "@/lib/query/url";
import { TRACE_PANEL_FIELDS } from "@/components/data-table/filter-fields";

export interface RuleFormInitial {
  ruleId?: string;
  name: string;
  datasetId: string | null;
  /** the conditions as the traces table's params (param → values) */
  params: Record<string, string[]>;
  mapping: Mapping;
  samplePercent: number;
  enabled: boolean;
}

const TARGET_LABEL: Record<TargetField, string> = { input: "Input", expectedOutput: "Expected output", metadata: "Metadata" };
type FromChoice = FieldMapping["from"];
const FROM_OPTIONS: { value: FromChoice; label: string }[] = [
  ...SOURCE_FIELDS.map((f) => ({ value: f as FromChoice, label: SOURCE_FIELD_LABELS[f] })),
  { value: "literal", label: "A literal (JSON)" },
  { value: "none", label: "Nothing" },
];

interface MappingRow {
  from: FromChoice;
  path: string;
  literal: string;
}

function toRows(m: Mapping): Record<TargetField, MappingRow> {
  const row = (f: FieldMapping): MappingRow => ({
    from: f.from,
    path: "path" in f ? (f.path ?? "") : "",
    literal: f.from === "literal" ? JSON.stringify(f.value ?? null) : "",
  });
  return { input: row(m.input), expectedOutput: row(m.expectedOutput), metadata: row(m.metadata) };
}

export function RuleForm({ projectId, datasets, initial, scoreNames }: { projectId: string; datasets: { id: string; name: string }[]; initial: RuleFormInitial; scoreNames: string[] }) {
  const router = useRouter();
  const [rows, setRows] = useState(() => toRows(initial.mapping));
  const [datasetChoice, setDatasetChoice] = useState(initial.datasetId ?? (datasets.length ? "" : NEW_DATASET));
  const [state, setState] = useState<FormState<{ id: string }>>({});
  const [pending, start] = useTransition();
  const err = state.fieldErrors ?? {};
  const first = (p: string) => initial.params[p]?.[0] ?? "";
  const lines = (p: string) => (initial.params[p] ?? []).join("\n");

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const q = new URLSearchParams();
    for (const [key, value] of form.entries()) {
      if (!key.startsWith("c:") || typeof value !== "string") continue;
      const param = key.slice(2);
      const repeated = param === FILTER_PARAM || TRACE_PANEL_FIELDS.some((f) => f.param === param && f.repeated);
      for (const v of repeated ? value.split("\n") : [value]) if (v.trim()) q.append(param, v.trim());
    }
    const mapping: Record<string, unknown> = {};
    const local: Record<string, string> = {};
    for (const t of TARGET_FIELDS) {
      const r = rows[t];
      if (r.from === "literal") {
        try {
          mapping[t] = { from: "literal", value: JSON.parse(r.literal || "null") };
        } catch {
          local[`mapping.${t}.value`] = "must be JSON, e.g. \"a text\" or {\"k\": 1}";
        }
      } else if (r.from === "none") mapping[t] = { from: "none" };
      else mapping[t] = r.path.trim() ? { from: r.from, path: r.path.trim() } : { from: r.from };
    }
    if (Object.keys(local).length) return setState({ ok: false, error: Object.values(local)[0], fieldErrors: local });
    start(async () => {
      const res = await saveRuleAction({
        projectId,
        ...(initial.ruleId ? { ruleId: initial.ruleId } : {}),
        name: String(form.get("name") ?? ""),
        datasetId: String(form.get("datasetId") ?? ""),
        ...(form.get("datasetId") === NEW_DATASET ? { newDatasetName: String(form.get("newDatasetName") ?? "") } : {}),
        conditions: q.toString(),
        mapping: mapping as Mapping,
        samplePercent: String(form.get("samplePercent") ?? "") as unknown as number,
        enabled: form.get("enabled") === "on",
      });
      setState(res);
      if (res.ok && res.data) {
        if (initial.ruleId) router.refresh();
        else router.push(`/${encodeURIComponent(projectId)}/datasets/rules/${res.data.id}`);
      }
    });
  };

  const shown = new Set(Object.keys(err));
  const otherError = state.error && !["name", "datasetId", "newDatasetName", "conditions", "samplePercent"].some((k) => shown.has(k)) && ![...shown].some((k) => k.startsWith("mapping.")) ? state.error : null;

  return (
    <form className="form rule-form" onSubmit={submit} aria-label={initial.ruleId ? "Edit rule" : "New rule"} noValidate>
      <div className="grid-2 rule-grid">
        <Field label="Name" htmlFor="rule-name" error={err.name} required>
          <Input id="rule-name" name="name" defaultValue={initial.name} maxLength={200} placeholder="e.g. Failed support chats" invalid={!!err.name} />
        </Field>
        <Field label="Target dataset" htmlFor="rule-dataset" error={err.datasetId} required>
          <Select
            id="rule-dataset"
            name="datasetId"
            value={datasetChoice}
            onChange={(e) => setDatasetChoice(e.target.value)}
            placeholder="Pick a dataset…"
            options={[...datasets.map((d) => ({ value: d.id, label: d.name })), { value: NEW_DATASET, label: "+ New dataset…" }]}
            invalid={!!err.datasetId}
          />
        </Field>
        {datasetChoice === NEW_DATASET && (
          <Field label="New dataset name" htmlFor="rule-new-dataset" error={err.newDatasetName} required>
            <Input id="rule-new-dataset" name="newDatasetName" maxLength={200} placeholder="e.g. regressions" invalid={!!err.newDatasetName} />
          </Field>
        )}
        <Field label="Sampling (%)" htmlFor="rule-sample" error={err.samplePercent} hint="The share of matching traces promoted; the same traces every time.">
          <Input id="rule-sample" name="samplePercent" type="number" min={0} max={100} step="any" defaultValue={initial.samplePercent} invalid={!!err.samplePercent} />
        </Field>
        <div className="field">
          <span className="label">State</span>
          <label className="check">
            <input type="checkbox" name="enabled" defaultChecked={initial.enabled} /> On: promote matching traces as they arrive and change
          </label>
        </div>
      </div>

      <fieldset className="rule-fieldset">
        <legend className="label">Conditions (all must hold) — the traces table&apos;s filters</legend>
        <div className="grid-2 rule-grid">
          <Field label="Level" htmlFor="c-level">
            <Select
              id="c-level"
              name="c:level"
              defaultValue={first("level")}
              placeholder="Any level"
              options={[
                { value: "error", label: "Has errors" },
                { value: "warning", label: "Has warnings or errors" },
              ]}
            />
          </Field>
          <Field label="Bookmarked" htmlFor="c-bookmarked">
            <Select id="c-bookmarked" name="c:bookmarked" defaultValue={first("bookmarked")} placeholder="Bookmarked or not" options={[{ value: "true", label: "Bookmarked" }, { value: "false", label: "Not bookmarked" }]} />
          </Field>
          {TRACE_PANEL_FIELDS.map(({ param, label, placeholder, repeated }) => (
            <Field key={param} label={label} htmlFor={`c-${param}`} className={repeated ? "rule-wide" : undefined}>
              {repeated ? (
                <Textarea id={`c-${param}`} name={`c:${param}`} mono rows={2} placeholder={placeholder} defaultValue={lines(param)} />
              ) : (
                <Input id={`c-${param}`} name={`c:${param}`} placeholder={placeholder} defaultValue={first(param)} />
              )}
            </Field>
          ))}
          <Field label="Search input, output, name or id" htmlFor="c-search">
            <Input id="c-search" name="c:search" defaultValue={first("search")} />
          </Field>
          <Field
            label="Other conditions (JSON, one per line)"
            htmlFor="c-filter"
            className="rule-wide"
            hint={'Any condition of the filter model, e.g. {"type":"number","column":"tokens","operator":">","value":4000}'}
          >
            <Textarea id={`c-filter`} name={`c:${FILTER_PARAM}`} mono rows={2} defaultValue={lines(FILTER_PARAM)} />
          </Field>
        </div>
        {scoreNames.length > 0 && <p className="hint">Scores in this project: {scoreNames.join(", ")}. Operators: = != &lt; &lt;= &gt; &gt;=; booleans as true/false.</p>}
        {err.conditions && (
          <span className="error-text" role="alert">
            {err.conditions}
          </span>
        )}
      </fieldset>

      <fieldset className="rule-fieldset">
        <legend className="label">Mapping — what each item holds</legend>
        <div className="rule-mapping">
          {TARGET_FIELDS.map((t) => {
            const r = rows[t];
            const set = (patch: Partial<MappingRow>) => setRows((prev) => ({ ...prev, [t]: { ...prev[t], ...patch } }));
            const pathErr = err[`mapping.${t}.path`] ?? err[`mapping.${t}`];
            const valueErr = err[`mapping.${t}.value`];
            return (
              <div key={t} className="rule-mapping-row">
                <span className="strong">{TARGET_LABEL[t]}</span>
                <Select aria-label={`${TARGET_LABEL[t]} from`} value={r.from} onChange={(e) => set({ from: e.target.value as FromChoice })} options={FROM_OPTIONS} />
                {r.from === "literal" ? (
                  <Input aria-label={`${TARGET_LABEL[t]} literal`} className="mono" value={r.literal} placeholder='"a text" or {"k": 1}' onChange={(e) => set({ literal: e.target.value })} invalid={!!valueErr} />
                ) : r.from === "none" ? (
                  <span className="faint small">left empty</span>
                ) : (
                  <Input aria-label={`${TARGET_LABEL[t]} path`} className="mono" value={r.path} placeholder="whole field, or a path like $.messages[0].content" onChange={(e) => set({ path: e.target.value })} invalid={!!pathErr} />
                )}
                {(pathErr || valueErr) && (
                  <span className="error-text rule-mapping-error" role="alert">
                    {pathErr ?? valueErr}
                  </span>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>

      {otherError && <Alert tone="error">{otherError}</Alert>}
      {state.ok && initial.ruleId && <Alert tone="success">Saved.</Alert>}
      <div>
        <Button type="submit" variant="primary" loading={pending}>
          {initial.ruleId ? "Save rule" : "Create rule"}
        </Button>
      </div>
    </form>
  );
}
