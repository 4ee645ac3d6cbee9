"use client";
// Small evaluator controls: the on/off switch (list and evaluator page) and delete.
import { ConfirmDeleteButton } from "@/components/ui/confirm-delete-button";
import { OnOffSwitch } from "@/components/ui/on-off-switch";
import { deleteEvaluatorAction, setEvaluatorEnabledAction } from "@/lib/evals/actions";

export function EvaluatorToggle({ projectId, evaluatorId, name, enabled }: { projectId: string; evaluatorId: string; name: string; enabled: boolean }) {
  return (
    <OnOffSwitch
      label={`Evaluator ${name} on`}
      enabled={enabled}
      onChange={(next) => setEvaluatorEnabledAction({ projectId, evaluatorId, enabled: next })}
      failMessage="Could not switch the evaluator."
    />
  );
}

export function DeleteEvaluator({ projectId, evaluatorId, name }: { projectId: string; evaluatorId: string; name: string }) {
  return (
    <ConfirmDeleteButton
      label="Delete evaluator"
      confirm={`Delete the evaluator "${name}"? The scores it wrote stay on their traces.`}
      action={() => deleteEvaluatorAction({ projectId, evaluatorId })}
      afterDelete={`/${encodeURIComponent(projectId)}/evaluators`}
    />
  );
}
