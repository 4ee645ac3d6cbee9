import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatDate } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { projectAccess } from "@/lib/auth/session";
import { itemPageData } from "@/lib/datasets/queries";
import { decodeParam } from "../../../decode-param";
import { ORIGIN_LABEL, sourceHref } from "../../../item-links";
import { CorrectionOffer } from "./correction-offer";
import { ItemEditor } from "./item-editor";
import { ItemHistory } from "./item-history";
import { ItemStatusActions } from "./item-status-actions";

export const metadata: Metadata = { title: "Dataset item" };

export default async function ItemPage({ params }: { params: Promise<{ project: string; datasetId: string; itemId: string }> }) {
  const { project, datasetId: rawDataset, itemId: rawItem } = await params;
  const access = await projectAccess(project);
  if (!access) notFound();
  const data = await itemPageData(project, decodeParam(rawDataset), decodeParam(rawItem));
  if (!data) notFound();
  const { item, dataset, versions, correction } = data;
  const canWrite = can(access.role, "annotate");
  const base = `/${encodeURIComponent(project)}/datasets`;
  const datasetHref = `${base}/${encodeURIComponent(dataset.id)}`;

  return (
    <div className="page">
      <PageHeader
        breadcrumbs={[{ label: "Datasets", href: base }, { label: dataset.name, href: datasetHref }, { label: "Item" }]}
        title={<span className="mono">{item.id}</span>}
        meta={
          <span className="row gap-2 small">
            {item.status === "ARCHIVED" ? <Badge tone="warning">archived</Badge> : <Badge tone="success">active</Badge>}
            <span className="muted">
              {ORIGIN_LABEL[item.origin]} · version {item.version} · updated {formatDate(item.updatedAt)} · created {formatDate(item.createdAt)}
            </span>
            {item.sourceTraceId && (
              <Link className="link" href={sourceHref(project, item.sourceTraceId, item.sourceObservationId)}>
                {item.sourceObservationId ? `Source: observation ${item.sourceObservationId}` : `Source: trace ${item.sourceTraceId}`}
              </Link>
            )}
          </span>
        }
        actions={canWrite ? <ItemStatusActions projectId={project} itemId={item.id} status={item.status} datasetHref={datasetHref} /> : undefined}
      />
      {correction && <CorrectionOffer projectId={project} itemId={item.id} offer={correction} canWrite={canWrite} />}
      <Card title={canWrite ? "Edit item" : "Item"}>
        <ItemEditor projectId={project} datasetId={dataset.id} item={item} readOnly={!canWrite} schemas={{ input: dataset.inputSchema !== null, expectedOutput: dataset.expectedOutputSchema !== null }} />
      </Card>
      <Card title={`History (${versions.length} ${versions.length === 1 ? "version" : "versions"})`}>
        <ItemHistory versions={versions} />
      </Card>
    </div>
  );
}
