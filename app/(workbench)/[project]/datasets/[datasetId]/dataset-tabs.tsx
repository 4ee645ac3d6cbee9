import { LinkTabs } from "@/components/ui/tabs";

export type DatasetTab = "items" | "runs" | "compare";

/** Items · Runs · Compare under a dataset's header: each a page of its own, so each is a link. */
export function DatasetTabs({ projectId, datasetId, active, counts }: { projectId: string; datasetId: string; active: DatasetTab; counts: { items: number; runs: number } }) {
  const here = `/${encodeURIComponent(projectId)}/datasets/${encodeURIComponent(datasetId)}`;
  return (
    <LinkTabs
      label="Dataset views"
      className="ds-tabs"
      items={[
        { href: here, label: "Items", active: active === "items", count: counts.items },
        { href: `${here}/runs`, label: "Runs", active: active === "runs", count: counts.runs },
        { href: `${here}/compare`, label: "Compare runs", active: active === "compare" },
      ]}
    />
  );
}
