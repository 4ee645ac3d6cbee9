"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import type { FormState } from "@/lib/forms";
import { createAnnotationQueue } from "@/lib/queues/actions";
import { describeConfig, type ScoreConfigView } from "@/lib/scores/schemas";

export function CreateQueueForm({ projectId, configs, canManageConfigs }: { projectId: string; configs: ScoreConfigView[]; canManageConfigs: boolean }) {
  const [state, action, pending] = useActionState<FormState<{ id: string }>, FormData>(createAnnotationQueue, {});
  const router = useRouter();
  const err = state.fieldErrors ?? {};

  useEffect(() => {
    if (state.ok && state.data) router.push(`/${projectId}/queues/${state.data.id}`);
  }, [state, router, projectId]);

  if (!configs.length) {
    return (
      <p className="muted">
        A queue asks for scores against score configs, and there are none yet.{" "}
        {canManageConfigs ? (
          <Link className="link" href={`/${projectId}/settings#score-configs`}>
            Create one in Settings
          </Link>
        ) : (
          "Ask an admin to create one in Settings"
        )}
        .
      </p>
    );
  }
  return (
    <form action={action} className="form" style={{ maxWidth: 640 }} aria-label="New queue">
      <input type="hidden" name="projectId" value={projectId} />
      <Field label="Name" htmlFor="q-name" error={err.name} required>
        <Input id="q-name" name="name" required maxLength={80} placeholder="e.g. Failed support chats" invalid={!!err.name} />
      </Field>
      <Field label="Description" htmlFor="q-desc" hint="What reviewers should look for.">
        <Input id="q-desc" name="description" maxLength={500} />
      </Field>
      <fieldset className="col gap-1" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="label">Scores to fill in</legend>
        {configs.map((c) => (
          <label key={c.id} className="check">
            <input type="checkbox" name="scoreConfigIds" value={c.id} defaultChecked={configs.length === 1} />
            <span className="strong">{c.name}</span> <span className="small muted">{describeConfig(c)}</span>
          </label>
        ))}
        {err.scoreConfigIds && <span className="error-text">{err.scoreConfigIds}</span>}
      </fieldset>
      {state.error && !err.name && !err.scoreConfigIds && (
        <div className="alert alert-error" role="alert">
          {state.error}
        </div>
      )}
      <div>
        <Button type="submit" variant="primary" loading={pending}>
          Create queue
        </Button>
      </div>
    </form>
  );
}
