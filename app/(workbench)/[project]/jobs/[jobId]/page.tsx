import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { JobProgress } from "@/components/jobs/job-progress";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { projectAccess } from "@/lib/auth/session";
import { isDomainNotFound } from "@/lib/errors";
import { jobById } from "@/lib/jobs/queries";

export const metadata: Metadata = { title: "Job" };

export default async function JobPage({ params }: { params: Promise<{ project: string; jobId: string }> }) {
  const { project, jobId } = await params;
  const access = await projectAccess(project);
  if (!access) notFound();
  const job = await jobById(project, jobId).catch((err) => (isDomainNotFound(err) ? null : Promise.reject(err)));
  if (!job) notFound();
  return (
    <div className="page">
      <PageHeader title={job.label} breadcrumbs={[{ label: "Jobs", href: `/${encodeURIComponent(project)}/jobs` }]} />
      <JobProgress projectId={project} job={job} canCancel={can(access.role, "annotate")} standalone />
    </div>
  );
}
