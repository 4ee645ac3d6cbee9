// A diff of two values, rendered as text (never HTML): removed parts struck
// through in red, added ones in green. The parts come from lib/diff.ts.
import { diffParts, isUnchanged } from "@/lib/diff";
import { cx } from "../ui/cx";

export interface TextDiffProps {
  before: unknown;
  after: unknown;
  /** shown instead when nothing changed */
  sameLabel?: string;
  className?: string;
}

export function TextDiff({ before, after, sameLabel = "No change", className }: TextDiffProps) {
  const parts = diffParts(before, after);
  if (isUnchanged(parts)) return <p className="muted small">{sameLabel}</p>;
  return (
    <pre className={cx("diff", className)} aria-label="Changes">
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
    </pre>
  );
}
