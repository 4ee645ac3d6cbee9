import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ImportForm } from "@/components/datasets/import-form";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { projectAccess } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { requireDataset } from "@/lib/datasets/datasets";
import { isDomainNotFound } from "@/lib/errors";

export const metadata: Metadata = { title: "Import items" };

export default async function ImportPage({ params }: { params: Promise<{ project: string; datasetId: string }> }) {
  const { project, datasetId: rawId } = await params;
  const access = await projectAccess(project);
  if (!access) notFound();
  const datasetId = decodeURIComponent(rawId);
  const dataset = await requireDataset(db, project, datasetId).catch((err) => (isDomainNotFound(err) ? null : Promise.reject(err)));
  if (!dataset) notFound();
  const base = `/${encodeURIComponent(project)}/datasets/${encodeURIComponent(dataset.id)}`;
  return (
    <div className="page">
      <PageHeader
        title="Import items"
        description={`Add or update items of ${dataset.name} from a JSONL or CSV file.`}
        breadcrumbs={[{ label: "Datasets", href: `/${encodeURIComponent(project)}/datasets` }, { label: dataset.name, href: base }]}
      />
      {can(access.role, "annotate") ? (
        <ImportForm projectId={project} datasetId={dataset.id} datasetHref={base} hasSchemas={dataset.inputSchema !== null || dataset.expectedOutputSchema !== null} />
      ) : (
        <Alert tone="info">Your role ({access.role}) can read this dataset but not import into it. Ask an admin for the member role.</Alert>
      )}
    </div>
  );
}
