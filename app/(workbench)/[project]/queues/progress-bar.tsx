import { formatPercent } from "@/components/ui/format";

/** "12 / 40 done" with a bar. */
export function ProgressBar({ done, total }: { done: number; total: number }) {
  const ratio = total ? done / total : 0;
  return (
    <div className="col gap-1" aria-label={`${done} of ${total} done`}>
      <span className="small">
        <span className="strong">{done}</span> / {total} done{total ? <span className="muted"> · {formatPercent(ratio, 0)}</span> : null}
      </span>
      <div className="progress" data-value style={{ height: 6, borderRadius: 3, ["--value" as string]: `${ratio * 100}%` }} />
    </div>
  );
}
