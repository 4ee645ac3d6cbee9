// The diff of two outputs: JSON structures key by key (lib/diff-json.ts),
// anything else word by word (lib/diff.ts). Text only, never HTML.
import { diffJson, formatJsonPath, jsonDiffUnchanged, type JsonDiffEntry } from "@/lib/diff-json";
import type { DiffPart } from "@/lib/diff";
import { toJsonText } from "../json/stringify";
import { TextDiff } from "./text-diff";

function Parts({ parts }: { parts: DiffPart[] }) {
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

function Entry({ e }: { e: JsonDiffEntry }) {
  const path = <span className="jdiff-path">{formatJsonPath(e.path)}</span>;
  if (e.kind === "same") {
    return (
      <li className="jdiff-same">
        {path} <span>{toJsonText(e.after, 0)}</span>
      </li>
    );
  }
  if (e.kind === "added") {
    return (
      <li className="jdiff-added" title="key added">
        {path} <ins className="diff-added">{toJsonText(e.after, 0)}</ins>
      </li>
    );
  }
  if (e.kind === "removed") {
    return (
      <li className="jdiff-removed" title="key removed">
        {path} <del className="diff-removed">{toJsonText(e.before, 0)}</del>
      </li>
    );
  }
  return (
    <li className="jdiff-changed" title="value changed">
      {path} <Parts parts={e.parts ?? []} />
    </li>
  );
}

export function ValueDiff({ before, after, sameLabel = "No change" }: { before: unknown; after: unknown; sameLabel?: string }) {
  const entries = diffJson(before, after);
  if (!entries) return <TextDiff before={before} after={after} sameLabel={sameLabel} />;
  if (jsonDiffUnchanged(entries)) return <p className="muted small">{sameLabel}</p>;
  return (
    <ul className="diff jdiff" aria-label="Changes by key">
      {entries.map((e, i) => (
        <Entry key={i} e={e} />
      ))}
    </ul>
  );
}
