"use client";
// Small evaluator controls: the on/off switch (list and evaluator page) and delete.
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";
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
