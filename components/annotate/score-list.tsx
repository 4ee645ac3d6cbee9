"use client";
// The object's scores: reviewer scores beside API and evaluator ones, each
// marked by source and author. Reviewers edit or delete their own; admins any.
// A compact list (not a table): the panel is often a narrow side column.
import { useState, useTransition } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { formatDate } from "@/components/ui/format";
import { deleteScore, updateScore } from "@/lib/scores/actions";
import { scoreDisplay, type ScoreConfigView, type ScoreView } from "@/lib/scores/schemas";
import { ScoreValueInput } from "./score-value-input";

const SOURCE_TONE: Record<string, BadgeTone> = { ANNOTATION: "success", API: "info", EVAL: "warning" };

type ListProps = {
  projectId: string;
  scores: ScoreView[];
  configs: ScoreConfigView[];
  userId: string;
  canAnnotate: boolean;
  isAdmin: boolean;
  emptyText: string;
};

export function ScoreList(props: ListProps) {
  if (!props.scores.length) return <p className="muted small">{props.emptyText}</p>;
  return (
    <ul className="col gap-2" style={{ listStyle: "none", margin: 0, padding: 0 }} aria-label="Scores">
      {props.scores.map((s) => (
        <ScoreItem key={s.id} {...props} score={s} />
      ))}
    </ul>
  );
}

function ScoreItem({ projectId, score: s, configs, userId, canAnnotate, isAdmin }: ListProps & { score: ScoreView }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(s.stringValue && s.dataType === "CATEGORICAL" ? s.stringValue : String(s.value ?? ""));
  const [comment, setComment] = useState(s.comment ?? "");
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  const mine = s.source === "ANNOTATION" && canAnnotate && (s.authorUserId === userId || isAdmin);
  const config = configs.find((c) => c.id === s.configId);
  // A correction is a corrected output, not a value: its text below, edited in the Correction section.
  const correction = s.dataType === "CORRECTION";

  const run = (fn: () => Promise<{ ok?: boolean; error?: string }>) =>
    start(async () => {
      const res = await fn();
      setError(res.error);
      if (res.ok) setEditing(false);
    });

  return (
    <li style={{ borderBottom: "1px solid var(--border)", paddingBottom: 6 }}>
      <div className="row gap-2 wrap">
        <span className="strong">{correction ? "Correction" : s.name}</span>
        {correction ? null : editing && config ? <ScoreValueInput config={config} value={value} onChange={setValue} size="sm" /> : <span className="mono">{scoreDisplay(s)}</span>}
        <Badge tone={SOURCE_TONE[s.source] ?? "neutral"} title={`source: ${s.source}`}>
          {s.source === "ANNOTATION" ? "human" : s.source.toLowerCase()}
        </Badge>
        <span className="spacer" />
        <span className="small muted nowrap" title={formatDate(s.timestamp)}>
          {s.authorName ?? formatDate(s.timestamp, { seconds: false })}
        </span>
      </div>
      {correction && (
        <div className="small mono" data-testid="correction-text" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", maxHeight: 140, overflow: "auto", margin: "2px 0 0" }}>
          {scoreDisplay(s)}
        </div>
      )}
      {editing ? (
        <Input size="sm" aria-label="Score comment" placeholder="Comment (optional)" value={comment} onChange={(e) => setComment(e.target.value)} style={{ marginTop: 4 }} />
      ) : (
        s.comment && <p className="small muted" style={{ margin: "2px 0 0", whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{s.comment}</p>
      )}
      {error && <div className="error-text small" role="alert">{error}</div>}
      {mine && (
        <div className="row gap-1">
          {editing ? (
            <>
              <Button size="sm" variant="primary" loading={pending} onClick={() => run(() => updateScore({ projectId, scoreId: s.id, value, comment }))}>
                Save
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setEditing(false)}>
                Cancel
              </Button>
            </>
          ) : (
            <>
              {config && !config.isArchived && (
                <Button size="sm" variant="ghost" onClick={() => setEditing(true)} aria-label={`Edit ${s.name}`}>
                  Edit
                </Button>
              )}
              <Button size="sm" variant="ghost" aria-label={`Delete ${correction ? "correction" : s.name}`} disabled={pending} onClick={() => confirm(correction ? "Delete this correction?" : `Delete the score "${s.name}"?`) && run(() => deleteScore({ projectId, scoreId: s.id }))}>
                Delete
              </Button>
            </>
          )}
        </div>
      )}
    </li>
  );
}
