// The diff of two outputs: JSON structures key by key (lib/diff-json.ts),
// long runs of unchanged keys folded, anything else word by word
// (lib/diff.ts). Text only, never HTML; both bounded by their lib.
import { collapseUnchanged, diffJson, formatJsonPath, jsonDiffUnchanged, type JsonDiffEntry } from "@/lib/diff-json";
import { toJsonText } from "../json/stringify";
import { truncate } from "../ui/format";
import { DiffParts, TextDiff, TooLongNote } from "./text-diff";

/** Characters of an unchanged, added or removed value shown in a key's line. */
const VALUE_CHARS = 2000;

function Entry({ e }: { e: JsonDiffEntry }) {
  const path = <span className="jdiff-path">{formatJsonPath(e.path)}</span>;
  if (e.kind === "same") {
    return (
      <li className="jdiff-same">
        {path} <span>{truncate(toJsonText(e.after, 0), VALUE_CHARS)}</span>
      </li>
    );
  }
  if (e.kind === "added") {
    return (
      <li className="jdiff-added" title="key added">
        {path} <ins className="diff-added">{truncate(toJsonText(e.after, 0), VALUE_CHARS)}</ins>
      </li>
    );
  }
  if (e.kind === "removed") {
    return (
      <li className="jdiff-removed" title="key removed">
        {path} <del className="diff-removed">{truncate(toJsonText(e.before, 0), VALUE_CHARS)}</del>
      </li>
    );
  }
  return (
    <li className="jdiff-changed" title="value changed">
      {path} {e.tooLong && <TooLongNote reason={e.tooLong} />}
      <DiffParts parts={e.parts ?? []} />
    </li>
  );
}

/** `deadline` (Date.now() ms): past it no diff starts, so a page of many diffs shares one time budget. */
export function ValueDiff({ before, after, sameLabel = "No change", deadline }: { before: unknown; after: unknown; sameLabel?: string; deadline?: number }) {
  const entries = diffJson(before, after, { deadline });
  if (!entries) return <TextDiff before={before} after={after} sameLabel={sameLabel} deadline={deadline} />;
  if (jsonDiffUnchanged(entries)) return <p className="muted small">{sameLabel}</p>;
  return (
    <ul className="diff jdiff" aria-label="Changes by key">
      {collapseUnchanged(entries).map((e, i) =>
        e.kind === "collapsed" ? (
          <li key={i} className="jdiff-collapsed muted small">
            … {e.count.toLocaleString("en-US")} unchanged {e.count === 1 ? "key" : "keys"}
          </li>
        ) : (
          <Entry key={i} e={e} />
        ),
      )}
    </ul>
  );
}
