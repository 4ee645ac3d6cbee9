// "In run gpt-5-mini of regressions" on the trace view, each linked to the run's page.
import Link from "next/link";
import type { TraceRun } from "@/lib/experiments/trace-runs";

export function InRuns({ projectId, runs }: { projectId: string; runs: TraceRun[] }) {
  if (!runs.length) return null;
  const base = `/${encodeURIComponent(projectId)}/datasets`;
  return (
    // The same line style as "In datasets", right under it.
    <p className="small promote-in-datasets" aria-label="In runs">
      {runs.map((r, i) => (
        <span key={r.runId}>
          {i > 0 && "; "}
          <span className="muted">In run</span>{" "}
          <Link className="link" href={`${base}/${encodeURIComponent(r.datasetId)}/runs/${encodeURIComponent(r.runId)}`}>
            {r.runName}
          </Link>{" "}
          <span className="muted">of</span>{" "}
          <Link className="link" href={`${base}/${encodeURIComponent(r.datasetId)}`}>
            {r.datasetName}
          </Link>
        </span>
      ))}
    </p>
  );
}
