"use client";
// Delete after the browser's confirmation, then go to the list the thing was
// on (promotion rules, evaluators): one place for the confirm → action →
// navigate step, so each caller only says what goes and what stays.
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Button } from "./button";

export interface ConfirmDeleteButtonProps {
  label: string;
  /** the question, naming what goes and what stays */
  confirm: string;
  action: () => Promise<{ ok?: boolean; error?: string }>;
  /** where to go once deleted */
  afterDelete: string;
}

export function ConfirmDeleteButton({ label, confirm, action, afterDelete }: ConfirmDeleteButtonProps) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button
      variant="danger"
      size="sm"
      loading={pending}
      onClick={() => {
        if (!window.confirm(confirm)) return;
        start(async () => {
          const res = await action();
          if (res.ok) router.push(afterDelete);
          else window.alert(res.error);
        });
      }}
    >
      {label}
    </Button>
  );
}
