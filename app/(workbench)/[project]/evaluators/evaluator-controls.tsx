"use client";
// Small evaluator controls: the on/off switch (list and evaluator page) and delete.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { deleteEvaluatorAction, setEvaluatorEnabledAction } from "@/lib/evals/actions";

export function EvaluatorToggle({ projectId, evaluatorId, name, enabled }: { projectId: string; evaluatorId: string; name: string; enabled: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="row gap-1">
      <button
        type="button"
        role="switch"
        aria-checked={enabled}
        aria-label={`Evaluator ${name} on`}
        className={`rule-switch${enabled ? " is-on" : ""}`}
        disabled={pending}
        onClick={() =>
          start(async () => {
            const res = await setEvaluatorEnabledAction({ projectId, evaluatorId, enabled: !enabled });
            setError(res.ok ? null : (res.error ?? "Could not switch the evaluator."));
            router.refresh();
          })
        }
      >
        <span className="rule-switch-knob" />
      </button>
      <span className="small">{enabled ? "On" : "Off"}</span>
      {error && (
        <span className="error-text small" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

export function DeleteEvaluator({ projectId, evaluatorId, name }: { projectId: string; evaluatorId: string; name: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button
      variant="danger"
      size="sm"
      loading={pending}
      onClick={() => {
        if (!window.confirm(`Delete the evaluator "${name}"? The scores it wrote stay on their traces.`)) return;
        start(async () => {
          const res = await deleteEvaluatorAction({ projectId, evaluatorId });
          if (res.ok) router.push(`/${encodeURIComponent(projectId)}/evaluators`);
          else window.alert(res.error);
        });
      }}
    >
      Delete evaluator
    </Button>
  );
}
