// An item's versions, newest first: who, when, what change, and each field
// that changed diffed against the version before (text, never HTML).
import { TextDiff } from "@/components/diff/text-diff";
import { Badge } from "@/components/ui/badge";
import { formatDate } from "@/components/ui/format";
import type { ItemVersionView } from "@/lib/datasets/schemas";

const FIELDS = [
  ["input", "Input"],
  ["expectedOutput", "Expected output"],
  ["metadata", "Metadata"],
] as const;

const CHANGE_LABEL: Record<ItemVersionView["change"], string> = { CREATE: "Created", UPDATE: "Edited", ARCHIVE: "Archived", RESTORE: "Restored", DELETE: "Deleted" };

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function ItemHistory({ versions }: { versions: ItemVersionView[] }) {
  if (!versions.length) return <p className="muted">No versions recorded.</p>;
  return (
    <ol className="ds-history" aria-label="Versions">
      {versions.map((v, i) => {
        const before = versions[i + 1];
        const changed = FIELDS.filter(([f]) => (before ? !same(before[f], v[f]) : v[f] !== null));
        return (
          <li key={v.version} className="ds-version" aria-label={`Version ${v.version}`}>
            <div className="row gap-2 wrap">
              <span className="strong">Version {v.version}</span>
              <Badge tone={v.change === "ARCHIVE" || v.change === "DELETE" ? "warning" : v.change === "CREATE" ? "info" : "neutral"}>{CHANGE_LABEL[v.change]}</Badge>
              <span className="small muted">
                {v.changedBy ?? "the API"} · {formatDate(v.validFrom)}
              </span>
            </div>
            {!before && !changed.length && <p className="small muted">Created empty.</p>}
            {before && !changed.length && <p className="small muted">{v.change === "UPDATE" ? "The source changed; the payloads are as before." : "Only the status changed."}</p>}
            {changed.map(([f, label]) => (
              <div key={f} className="ds-diff">
                <div className="small strong">{before ? label : `${label} (first version)`}</div>
                <TextDiff before={before ? before[f] : null} after={v[f]} />
              </div>
            ))}
          </li>
        );
      })}
    </ol>
  );
}
