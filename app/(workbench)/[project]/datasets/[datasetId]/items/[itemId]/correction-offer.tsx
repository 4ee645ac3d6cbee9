"use client";
// "The reviewer's correction changed": the item's expected output came from a
// correction that was edited (or replaced by a newer one) since; show the
// difference and offer to take it (a new version).
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { TextDiff } from "@/components/diff/text-diff";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { formatDate } from "@/components/ui/format";
import { adoptNewCorrection } from "@/lib/datasets/actions";
import type { CorrectionFollowUp } from "@/lib/datasets/schemas";

export function CorrectionOffer({ projectId, itemId, offer, canWrite }: { projectId: string; itemId: string; offer: CorrectionFollowUp; canWrite: boolean }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const router = useRouter();
  const take = () =>
    start(async () => {
      const res = await adoptNewCorrection({ projectId, itemId, scoreId: offer.scoreId });
      if (!res.ok) return setError(res.error ?? "Could not take the correction.");
      router.refresh();
    });
  return (
    <Alert
      tone="warning"
      title="The reviewer's correction changed"
      action={
        canWrite ? (
          <Button variant="primary" size="sm" loading={pending} onClick={take}>
            Use the new correction
          </Button>
        ) : undefined
      }
    >
      <p className="small">
        {offer.reason === "edited" ? "The correction this expected output was taken from was edited" : "A newer correction was written on the source"} ({formatDate(offer.changedAt)}). The expected
        output against it:
      </p>
      <TextDiff before={offer.current} after={offer.next} />
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </Alert>
  );
}
