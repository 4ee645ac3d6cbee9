"use client";
// Pick one or more target datasets, or create one on the spot (name + description).
import { useState } from "react";
import { createDatasetInline } from "@/lib/datasets/promote-actions";
import { Button } from "../ui/button";
import { Field, Input } from "../ui/input";

export interface DatasetChoice {
  id: string;
  name: string;
}

export function DatasetPicker(props: {
  projectId: string;
  datasets: DatasetChoice[];
  selected: string[];
  onSelected: (ids: string[]) => void;
  onCreated: (d: DatasetChoice) => void;
  error?: string | null;
}) {
  const { projectId, datasets, selected, onSelected, onCreated } = props;
  const [creating, setCreating] = useState(datasets.length === 0);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const toggle = (id: string) => onSelected(selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id]);

  const create = async () => {
    setBusy(true);
    const res = await createDatasetInline({ projectId, name, description });
    setBusy(false);
    if (!res.ok || !res.data) return setErrors(res.fieldErrors ?? { name: res.error ?? "Could not create the dataset." });
    setErrors({});
    setName("");
    setDescription("");
    setCreating(false);
    onCreated(res.data);
  };

  return (
    <fieldset className="promote-datasets">
      <legend className="label">Datasets</legend>
      {datasets.length === 0 && !creating && <p className="small muted">No datasets yet: create one.</p>}
      <div className="promote-dataset-list">
        {datasets.map((d) => (
          <label key={d.id} className="check small">
            <input type="checkbox" checked={selected.includes(d.id)} onChange={() => toggle(d.id)} />
            {d.name}
          </label>
        ))}
      </div>
      {props.error && (
        <span className="error-text" role="alert">
          {props.error}
        </span>
      )}
      {creating ? (
        <div className="promote-new-dataset">
          <Field label="New dataset name" htmlFor="promote-new-name" error={errors.name} required>
            <Input id="promote-new-name" size="sm" value={name} onChange={(e) => setName(e.target.value)} invalid={!!errors.name} />
          </Field>
          <Field label="Description" htmlFor="promote-new-desc" error={errors.description}>
            <Input id="promote-new-desc" size="sm" value={description} onChange={(e) => setDescription(e.target.value)} />
          </Field>
          <div className="row gap-1">
            <Button size="sm" variant="primary" loading={busy} onClick={create}>
              Create dataset
            </Button>
            {datasets.length > 0 && (
              <Button size="sm" variant="ghost" onClick={() => setCreating(false)}>
                Cancel
              </Button>
            )}
          </div>
        </div>
      ) : (
        <Button size="sm" variant="ghost" onClick={() => setCreating(true)}>
          + New dataset
        </Button>
      )}
    </fieldset>
  );
}
