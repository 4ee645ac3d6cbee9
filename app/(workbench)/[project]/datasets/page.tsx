import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDate } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { projectAccess } from "@/lib/auth/session";
import { datasetsOfProject } from "@/lib/datasets/queries";
import { DatasetActions } from "./dataset-actions";
import { DatasetForm } from "./dataset-form";

export const metadata: Metadata = { title: "Datasets" };

export default async function DatasetsPage({ params }: { params: Promise<{ project: string }> }) {
  const { project } = await params;
  const access = await projectAccess(project);
  if (!access) notFound();
  const datasets = await datasetsOfProject(project);
  const canWrite = can(access.role, "annotate");
  const base = `/${encodeURIComponent(project)}`;

  return (
    <div className="page">
      <PageHeader
        title="Datasets"
        description="Regression cases kept from review: inputs with the output you expect, to run experiments against."
        actions={
          <ButtonLink href={`${base}/datasets/rules`} size="sm">
            Promotion rules
          </ButtonLink>
        }
      />
      {datasets.length === 0 ? (
        <Card>
          <EmptyState
            title="No datasets yet"
            description={
              canWrite ? (
                <>
                  Create one below and add items by hand, or select failing traces in the <Link className="link" href={`${base}/traces`}>traces table</Link> (or open one) and
                  choose “Add to dataset”. A promotion rule keeps adding new failures automatically.
                </>
              ) : (
                "Members create datasets here, or promote traces into one from the traces table. Ask one to start a dataset."
              )
            }
          />
        </Card>
      ) : (
        <Card flush title="All datasets">
          <div className="table-wrap">
            <table className="table" aria-label="Datasets">
              <thead>
                <tr>
                  <th>Name</th>
                  <th className="num">Items</th>
                  <th className="num">Runs</th>
                  <th>Last run</th>
                  <th>Created</th>
                  {canWrite && <th />}
                </tr>
              </thead>
              <tbody>
                {datasets.map((d) => (
                  <tr key={d.id}>
                    <td className="ds-name-cell">
                      <Link className="link strong" href={`${base}/datasets/${encodeURIComponent(d.id)}`}>
                        {d.name}
                      </Link>
                      {d.description && <div className="small muted ds-desc">{d.description}</div>}
                    </td>
                    <td className="num">{d.itemCount.toLocaleString("en-US")}</td>
                    <td className="num">{d.runCount.toLocaleString("en-US")}</td>
                    <td className="nowrap">{d.lastRunAt ? formatDate(d.lastRunAt) : <span className="faint">never</span>}</td>
                    <td className="nowrap">{formatDate(d.createdAt)}</td>
                    {canWrite && (
                      <td className="nowrap">
                        <DatasetActions projectId={project} dataset={d} />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
      {canWrite && (
        <Card title="New dataset">
          <DatasetForm projectId={project} />
        </Card>
      )}
    </div>
  );
}
