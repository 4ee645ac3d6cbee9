"use client";
// The evaluator form: name (the score's name), kind with its own fields, the
// dataset whose runs it scores, live traces (a filter in the traces table's
// URL codec, a sampling rate) and on/off. Sent as one object to
// saveEvaluatorAction; a refusal comes back under the field it names
// (config.pattern, config.schema, config.reference, conditions…).
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/input";
import { saveEvaluatorAction } from "@/lib/evals/actions";
import { EVALUATOR_KINDS, KIND_HINTS, KIND_LABELS, METRIC_LABELS, NEEDS_EXPECTED, THRESHOLD_METRICS, type EvaluatorConfig, type EvaluatorKind } from "@/lib/evals/schemas";
import type { FormState } from "@/lib/forms";

export interface EvaluatorFormInitial {
  evaluatorId?: string;
  name: string;
  config: EvaluatorConfig;
  datasetId: string | null;
  live: boolean;
  /** the live filter as the traces table's query string */
  conditions: string;
  samplePercent: number;
  enabled: boolean;
}

const FIELDS = ["name", "kind", "datasetId", "conditions", "samplePercent", "config.pattern", "config.flags", "config.schema", "config.reference", "config.metric", "config.operator", "config.value"];

/** The per-kind fields as form values (strings and checkboxes), from a config. */
function valuesOf(c: EvaluatorConfig) {
  return {
    trim: "trim" in c ? c.trim : false,
    ignoreCase: "ignoreCase" in c ? c.ignoreCase : false,
    reference: "reference" in c ? (c.reference ?? "") : "",
    pattern: c.kind === "REGEX" ? c.pattern : "",
    flags: c.kind === "REGEX" ? c.flags : "",
    schema: c.kind === "JSON_SCHEMA" ? JSON.stringify(c.schema, null, 2) : '{\n  "type": "object",\n  "required": ["answer"]\n}',
    metric: c.kind === "THRESHOLD" ? c.metric : "latency",
    operator: c.kind === "THRESHOLD" ? c.operator : "<=",
    value: c.kind === "THRESHOLD" ? String(c.value) : "",
  };
}

/** The config the form describes, or a field error (a schema that is not JSON). */
function configOf(kind: EvaluatorKind, form: FormData): { config: EvaluatorConfig } | { field: string; error: string } {
  const text = (k: string) => String(form.get(k) ?? "");
  const on = (k: string) => form.get(k) === "on";
  const reference = text("reference") === "" ? null : text("reference");
  switch (kind) {
    case "EXACT_MATCH":
    case "SIMILARITY":
      return { config: { kind, trim: on("trim"), ignoreCase: on("ignoreCase"), reference } };
    case "CONTAINS":
      return { config: { kind, ignoreCase: on("ignoreCase"), reference } };
    case "REGEX":
      return { config: { kind, pattern: text("pattern"), flags: ["i", "m", "s"].filter((f) => on(`flag-${f}`)).join("") } };
    case "JSON_VALID":
      return { config: { kind } };
    case "JSON_SCHEMA":
      try {
        return { config: { kind, schema: JSON.parse(text("schema")) } };
      } catch (err) {
        return { field: "config.schema", error: `must be JSON: ${(err as Error).message}` };
      }
    case "THRESHOLD":
      return { config: { kind, metric: text("metric") as "latency", operator: text("operator") as "<=", value: text("value").trim() === "" ? Number.NaN : Number(text("value")) } };
  }
}

export function EvaluatorForm({ projectId, datasets, initial }: { projectId: string; datasets: { id: string; name: string }[]; initial: EvaluatorFormInitial }) {
  const router = useRouter();
  const [kind, setKind] = useState<EvaluatorKind>(initial.config.kind);
  const [live, setLive] = useState(initial.live);
  const [state, setState] = useState<FormState<{ id: string }>>({});
  const [pending, start] = useTransition();
  const err = state.fieldErrors ?? {};
  const v = valuesOf(initial.config);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const made = configOf(kind, form);
    if ("field" in made) return setState({ ok: false, error: made.error, fieldErrors: { [made.field]: made.error } });
    start(async () => {
      const res = await saveEvaluatorAction({
        projectId,
        ...(initial.evaluatorId ? { evaluatorId: initial.evaluatorId } : {}),
        name: String(form.get("name") ?? ""),
        config: made.config,
        datasetId: String(form.get("datasetId") ?? ""),
        live,
        conditions: String(form.get("conditions") ?? "").trim().replace(/^\?/, ""),
        samplePercent: String(form.get("samplePercent") ?? "100") as unknown as number,
        enabled: form.get("enabled") === "on",
      });
      setState(res);
      if (res.ok && res.data) {
        if (initial.evaluatorId) router.refresh();
        else router.push(`/${encodeURIComponent(projectId)}/evaluators/${res.data.id}`);
      }
    });
  };

  const shown = new Set(Object.keys(err));
  const otherError = state.error && !FIELDS.some((k) => shown.has(k)) ? state.error : null;
  const configError = Object.keys(err).find((k) => k.startsWith("config") && !FIELDS.includes(k));
  const compares = NEEDS_EXPECTED.has(kind);

  return (
    <form className="form evaluator-form" onSubmit={submit} aria-label={initial.evaluatorId ? "Edit evaluator" : "New evaluator"} noValidate>
      <div className="grid-2 evaluator-grid">
        <Field label="Name (the score it writes)" htmlFor="ev-name" error={err.name} required>
          <Input id="ev-name" name="name" defaultValue={initial.name} maxLength={200} placeholder="e.g. exact_match" invalid={!!err.name} />
        </Field>
        <Field label="Kind" htmlFor="ev-kind" hint={KIND_HINTS[kind]}>
          <Select id="ev-kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value as EvaluatorKind)} options={EVALUATOR_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))} />
        </Field>
      </div>

      <fieldset className="evaluator-fieldset" key={kind}>
        <legend className="label">{KIND_LABELS[kind]}</legend>
        {(kind === "EXACT_MATCH" || kind === "SIMILARITY" || kind === "CONTAINS") && (
          <div className="col gap-2">
            <div className="row gap-3">
              {kind !== "CONTAINS" && (
                <label className="check">
                  <input type="checkbox" name="trim" defaultChecked={v.trim} /> Trim whitespace
                </label>
              )}
              <label className="check">
                <input type="checkbox" name="ignoreCase" defaultChecked={v.ignoreCase} /> Ignore case
              </label>
            </div>
            <Field
              label="Reference text (optional on runs)"
              htmlFor="ev-reference"
              error={err["config.reference"]}
              hint="Compared with instead of the item's expected output. Live traces have no expected output: there it is required."
            >
              <Textarea id="ev-reference" name="reference" rows={2} defaultValue={v.reference} invalid={!!err["config.reference"]} />
            </Field>
          </div>
        )}
        {kind === "REGEX" && (
          <div className="grid-2 evaluator-grid">
            <Field label="Pattern (RE2)" htmlFor="ev-pattern" error={err["config.pattern"]} required hint="Matched anywhere in the output; anchor with ^ and $. No lookaround or backreferences.">
              <Input id="ev-pattern" name="pattern" className="mono" defaultValue={v.pattern} placeholder="^(yes|no)$" invalid={!!err["config.pattern"]} />
            </Field>
            <div className="field">
              <span className="label">Flags</span>
              <div className="row gap-3">
                {[
                  ["i", "ignore case"],
                  ["m", "^ $ at line ends"],
                  ["s", ". matches newline"],
                ].map(([f, label]) => (
                  <label key={f} className="check">
                    <input type="checkbox" name={`flag-${f}`} defaultChecked={v.flags.includes(f)} /> {label}
                  </label>
                ))}
              </div>
              {err["config.flags"] && <span className="error-text">{err["config.flags"]}</span>}
            </div>
          </div>
        )}
        {kind === "JSON_VALID" && <p className="small muted">No settings: the output passes when it is JSON.</p>}
        {kind === "JSON_SCHEMA" && (
          <Field label="JSON Schema" htmlFor="ev-schema" error={err["config.schema"]} required hint="The output is checked as JSON (a JSON text is parsed first).">
            <Textarea id="ev-schema" name="schema" mono rows={8} defaultValue={v.schema} invalid={!!err["config.schema"]} />
          </Field>
        )}
        {kind === "THRESHOLD" && (
          <div className="grid-3 evaluator-grid">
            <Field label="Metric" htmlFor="ev-metric" error={err["config.metric"]}>
              <Select id="ev-metric" name="metric" defaultValue={v.metric} options={THRESHOLD_METRICS.map((m) => ({ value: m, label: METRIC_LABELS[m] }))} />
            </Field>
            <Field label="Passes when" htmlFor="ev-operator" error={err["config.operator"]}>
              <Select id="ev-operator" name="operator" defaultValue={v.operator} options={[{ value: "<=", label: "≤ (at most)" }, { value: ">=", label: "≥ (at least)" }]} />
            </Field>
            <Field label="Value" htmlFor="ev-value" error={err["config.value"]} required>
              <Input id="ev-value" name="value" type="number" step="any" defaultValue={v.value} invalid={!!err["config.value"]} />
            </Field>
          </div>
        )}
        {configError && (
          <span className="error-text" role="alert">
            {err[configError]}
          </span>
        )}
      </fieldset>

      <fieldset className="evaluator-fieldset">
        <legend className="label">Where it runs</legend>
        <div className="grid-2 evaluator-grid">
          <Field label="Dataset" htmlFor="ev-dataset" error={err.datasetId} hint="Every run item of this dataset's runs is scored when it is linked (and again when its trace changes).">
            <Select id="ev-dataset" name="datasetId" defaultValue={initial.datasetId ?? ""} placeholder="No dataset" options={datasets.map((d) => ({ value: d.id, label: d.name }))} invalid={!!err.datasetId} />
          </Field>
          <div className="field">
            <span className="label">State</span>
            <label className="check">
              <input type="checkbox" name="enabled" defaultChecked={initial.enabled} /> On
            </label>
          </div>
          <div className="field evaluator-wide">
            <label className="check">
              <input type="checkbox" name="live" checked={live} onChange={(e) => setLive(e.target.checked)} /> Score live traces as they arrive
            </label>
            {live && compares && <span className="hint">{KIND_LABELS[kind]} needs a reference text on live traces.</span>}
          </div>
          {live && (
            <>
              <Field
                label="Live filter (the traces table's query string)"
                htmlFor="ev-conditions"
                error={err.conditions}
                className="evaluator-wide"
                hint="Filter the traces table, then copy what follows ? in its address, e.g. name=support-chat&level=error. Empty: every trace."
              >
                <Input id="ev-conditions" name="conditions" className="mono" defaultValue={initial.conditions} placeholder="name=support-chat&environment=production" invalid={!!err.conditions} />
              </Field>
              <Field label="Sampling (%)" htmlFor="ev-sample" error={err.samplePercent} hint="The share of matching traces scored; the same traces every time.">
                <Input id="ev-sample" name="samplePercent" type="number" min={0} max={100} step="any" defaultValue={initial.samplePercent} invalid={!!err.samplePercent} />
              </Field>
            </>
          )}
        </div>
      </fieldset>

      {otherError && <Alert tone="error">{otherError}</Alert>}
      {state.ok && initial.evaluatorId && <Alert tone="success">Saved.</Alert>}
      <div>
        <Button type="submit" variant="primary" loading={pending}>
          {initial.evaluatorId ? "Save evaluator" : "Create evaluator"}
        </Button>
      </div>
    </form>
  );
}
