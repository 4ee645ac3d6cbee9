"use client";
// What a finished direct promotion did: counts, each failure with its reason, and links to the datasets.
import Link from "next/link";
import { describePromotion, type PromotionResultView } from "@/lib/datasets/promote-schemas";
import { Alert } from "../ui/alert";
import type { DatasetChoice } from "./dataset-picker";

export function DatasetLinks({ projectId, datasets }: { projectId: string; datasets: DatasetChoice[] }) {
  return (
    <p className="small">
      Open:{" "}
      {datasets.map((d, i) => (
        <span key={d.id}>
          {i > 0 && ", "}
          <Link className="link" href={`/${encodeURIComponent(projectId)}/datasets/${encodeURIComponent(d.id)}`}>
            {d.name}
          </Link>
        </span>
      ))}
    </p>
  );
}

export function PromoteResult({ projectId, result, datasets }: { projectId: string; result: PromotionResultView; datasets: DatasetChoice[] }) {
  return (
    <div className="promote-result" role="status">
      <Alert tone={result.failures.length ? "warning" : "success"} title={describePromotion(result)}>
        {result.failures.length > 0 && (
          <>
            {result.failures.length} could not be added:
            <ul className="small promote-failures">
              {result.failures.map((f, i) => (
                <li key={i}>
                  <span className="mono">{f.source}</span>: {f.reason}
                </li>
              ))}
            </ul>
          </>
        )}
      </Alert>
      <DatasetLinks projectId={projectId} datasets={datasets} />
    </div>
  );
}
