"use client";
// Free comments on an object: read by everyone, written by members. Text only (untrusted).
import { useActionState, useEffect, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/input";
import { formatDate } from "@/components/ui/format";
import { createComment, removeComment } from "@/lib/comments/actions";
import { COMMENT_MAX, type CommentView } from "@/lib/comments/schemas";
import type { FormState } from "@/lib/forms";
import type { ObjectType } from "@/lib/objects/kinds";

export function CommentsSection(props: {
  projectId: string;
  objectType: ObjectType;
  objectId: string;
  comments: CommentView[];
  userId: string;
  canAnnotate: boolean;
  isAdmin: boolean;
  label: string;
}) {
  const { projectId, comments, userId, canAnnotate, isAdmin } = props;
  const [state, action, pending] = useActionState<FormState, FormData>(createComment, {});
  const [deleting, startDelete] = useTransition();
  const [deleteError, setDeleteError] = useState<string>();
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (state.ok) formRef.current?.reset();
  }, [state]);

  return (
    <div className="col gap-3">
      {comments.length === 0 ? (
        <p className="muted small">No comments on this {props.label} yet.{canAnnotate ? " Leave a note for your team below." : ""}</p>
      ) : (
        <ul className="col gap-2" style={{ listStyle: "none", margin: 0, padding: 0 }} aria-label="Comments">
          {comments.map((c) => (
            <li key={c.id} className="card" style={{ padding: "8px 12px" }}>
              <div className="row gap-2 small">
                <span className="strong">{c.authorName ?? "unknown"}</span>
                <span className="muted">{formatDate(c.createdAt)}</span>
                <span className="spacer" />
                {canAnnotate && (c.authorUserId === userId || isAdmin) && (
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={deleting}
                    aria-label="Delete comment"
                    onClick={() => confirm("Delete this comment?") && startDelete(async () => setDeleteError((await removeComment({ projectId, commentId: c.id })).error))}
                  >
                    Delete
                  </Button>
                )}
              </div>
              <p style={{ whiteSpace: "pre-wrap", margin: "4px 0 0", overflowWrap: "anywhere" }}>{c.content}</p>
            </li>
          ))}
        </ul>
      )}
      {deleteError && <div className="alert alert-error" role="alert">{deleteError}</div>}
      {canAnnotate && (
        <form ref={formRef} action={action} className="col gap-2" aria-label="Add comment">
          <input type="hidden" name="projectId" value={projectId} />
          <input type="hidden" name="objectType" value={props.objectType} />
          <input type="hidden" name="objectId" value={props.objectId} />
          <Textarea name="content" aria-label="Comment" placeholder="Add a comment…" rows={2} maxLength={COMMENT_MAX} required />
          {state.error && <div className="alert alert-error" role="alert">{state.error}</div>}
          <div className="row">
            <Button type="submit" loading={pending}>
              Comment
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
