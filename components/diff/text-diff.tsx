// A diff of two values, rendered as text (never HTML): removed parts struck
// through in red, added ones in green. The parts come from lib/diff.ts, which
// bounds them: past its cap the text is shown cut, with "too long to diff".
import { DIFF_MAX_CHARS, diffValues, isUnchanged, type DiffPart } from "@/lib/diff";
import { cx } from "../ui/cx";

export interface TextDiffProps {
  before: unknown;
  after: unknown;
  /** shown instead when nothing changed */
  sameLabel?: string;
  className?: string;
  /** Date.now() ms past which no diff starts (lib/diff.ts DiffOptions) */
  deadline?: number;
}

export function DiffParts({ parts }: { parts: DiffPart[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.kind === "same" ? (
          <span key={i}>{p.text}</span>
        ) : p.kind === "added" ? (
          <ins key={i} className="diff-added">
            {p.text}
          </ins>
        ) : (
          <del key={i} className="diff-removed">
            {p.text}
          </del>
        ),
      )}
    </>
  );
}

const n = (v: number) => v.toLocaleString("en-US");

/** What a diff too long to make says, before the cut text. */
export function TooLongNote({ reason, chars }: { reason: "size" | "time"; chars?: number }) {
  return (
    <p className="muted small diff-too-long" role="note">
      {reason === "size"
        ? `Too long to diff${chars ? ` (${n(chars)} characters)` : ""}: diffs stop at ${n(DIFF_MAX_CHARS)} characters a side. The text, cut:`
        : "Too long to diff in time. The text, cut:"}
    </p>
  );
}

export function TextDiff({ before, after, sameLabel = "No change", className, deadline }: TextDiffProps) {
  const d = diffValues(before, after, { deadline });
  if (d.tooLong) {
    return (
      <div className={cx("diff-cut", className)}>
        <TooLongNote reason={d.reason} chars={Math.max(d.beforeChars, d.afterChars)} />
        <pre className="diff" aria-label="Changes (not diffed)">
          {d.after}
          {d.afterChars > d.after.length ? "…" : ""}
        </pre>
      </div>
    );
  }
  if (isUnchanged(d.parts)) return <p className="muted small">{sameLabel}</p>;
  return (
    <pre className={cx("diff", className)} aria-label="Changes">
      <DiffParts parts={d.parts} />
    </pre>
  );
}
