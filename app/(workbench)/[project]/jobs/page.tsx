import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { JobProgress } from "@/components/jobs/job-progress";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { projectAccess } from "@/lib/auth/session";
import { recentJobs } from "@/lib/jobs/queries";

export const metadata: Metadata = { title: "Background jobs" };

export default async function JobsPage({ params }: { params: Promise<{ project: string }> }) {
  const { project } = await params;
  const access = await projectAccess(project);
  if (!access) notFound();
  const jobs = await recentJobs(project, { limit: 50 });
  return (
    <div className="page">
      <PageHeader title="Background jobs" description="Bulk promotions, imports and rule backfills run here, off the page that started them. Leave and come back at any time." />
      {jobs.length === 0 ? (
        <Card>
          <EmptyState title="No jobs yet" description="Add a filtered selection of traces to a dataset, import a file into one, or backfill a promotion rule: its progress shows here." />
        </Card>
      ) : (
        <div className="stack">
          {jobs.map((j) => (
            <JobProgress key={j.id} projectId={project} job={j} canCancel={can(access.role, "annotate")} />
          ))}
        </div>
      )}
    </div>
  );
}
