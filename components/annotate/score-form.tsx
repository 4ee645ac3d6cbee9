"use client";
// Adds the signed-in reviewer's score against a config. Scoring the same config
// again replaces the reviewer's earlier score (one per reviewer and config).
import Link from "next/link";
import { useActionState, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import type { FormState } from "@/lib/forms";
import type { ObjectType } from "@/lib/objects/kinds";
import { saveScore } from "@/lib/scores/actions";
import { describeConfig, type ScoreConfigView } from "@/lib/scores/schemas";
import { ScoreValueInput } from "./score-value-input";

export function ScoreForm(props: {
  projectId: string;
  objectType: ObjectType;
  objectId: string;
  configs: ScoreConfigView[];
  canManageConfigs: boolean;
}) {
  const { projectId, objectType, objectId, configs } = props;
  const [state, action, pending] = useActionState<FormState, FormData>(saveScore, {});
  const [configId, setConfigId] = useState(configs[0]?.id ?? "");
  const [value, setValue] = useState("");
  const [comment, setComment] = useState("");
  const config = configs.find((c) => c.id === configId);

  useEffect(() => {
    if (state.ok) {
      setValue("");
      setComment("");
    }
  }, [state]);

  if (!configs.length) {
    return (
      <p className="muted small">
        No score configs yet.{" "}
        {props.canManageConfigs ? (
          <Link className="link" href={`/${projectId}/settings#score-configs`}>
            Create one in Settings
          </Link>
        ) : (
          "Ask an admin to create one in Settings"
        )}{" "}
        to start scoring.
      </p>
    );
  }

  return (
    <form action={action} className="col gap-2" style={{ marginTop: 12 }} aria-label="Add score">
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="objectType" value={objectType} />
      <input type="hidden" name="objectId" value={objectId} />
      <div className="row gap-2 wrap">
        <Select
          name="configId"
          aria-label="Score config"
          value={configId}
          onChange={(e) => {
            setConfigId(e.target.value);
            setValue("");
          }}
          options={configs.map((c) => ({ value: c.id, label: c.name }))}
        />
        {config && <ScoreValueInput config={config} value={value} onChange={setValue} id={`score-value-${objectId}`} />}
        <Input name="comment" aria-label="Score comment" placeholder="Comment (optional)" value={comment} onChange={(e) => setComment(e.target.value)} className="grow" />
        <Button type="submit" variant="primary" loading={pending}>
          Save score
        </Button>
      </div>
      {config && <span className="hint">{config.description ? `${config.description} · ` : ""}{describeConfig(config)}</span>}
      {state.error && (
        <div className="alert alert-error" role="alert">
          {state.error}
        </div>
      )}
    </form>
  );
}
