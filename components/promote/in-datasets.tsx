// "In datasets: regressions (2 items)" on the trace view, each linked to its dataset.
import Link from "next/link";

export function InDatasets({ projectId, holding }: { projectId: string; holding: { datasetId: string; name: string; items: number }[] }) {
  if (!holding.length) return null;
  return (
    <p className="small promote-in-datasets" aria-label="In datasets">
      <span className="muted">In datasets:</span>{" "}
      {holding.map((h, i) => (
        <span key={h.datasetId}>
          {i > 0 && ", "}
          <Link className="link" href={`/${encodeURIComponent(projectId)}/datasets/${encodeURIComponent(h.datasetId)}`}>
            {h.name}
          </Link>{" "}
          <span className="faint">
            ({h.items} item{h.items === 1 ? "" : "s"})
          </span>
        </span>
      ))}
    </p>
  );
}
