import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { projectAccess } from "@/lib/auth/session";
import { queuesWithProgress } from "@/lib/queues/queries";
import { scoreConfigs } from "@/lib/scores/queries";
import { CreateQueueForm } from "./create-queue-form";
import { ProgressBar } from "./progress-bar";

export const metadata: Metadata = { title: "Annotation queues" };

export default async function QueuesPage({ params }: { params: Promise<{ project: string }> }) {
  const { project } = await params;
  const access = await projectAccess(project);
  if (!access) notFound();
  const [queues, configs] = await Promise.all([queuesWithProgress(project), scoreConfigs(project, { includeArchived: true })]);
  const configName = new Map(configs.map((c) => [c.id, c.name]));
  const canAnnotate = can(access.role, "annotate");
  const live = configs.filter((c) => !c.isArchived);

  return (
    <div className="page">
      <PageHeader title="Annotation queues" description="Lists of traces, observations and sessions for reviewers to score one by one, with keyboard shortcuts." />
      {queues.length === 0 ? (
        <Card>
          <EmptyState
            title="No queues yet"
            description={
              live.length === 0
                ? "A queue asks reviewers for scores: first create a score config in Settings, then a queue here."
                : "Create a queue below, then add traces to it from the traces table or a trace page, observations from a trace page, and sessions from the sessions table."
            }
            action={live.length === 0 && can(access.role, "manageSettings") ? <Link className="btn btn-primary" href={`/${project}/settings#score-configs`}>Create a score config</Link> : undefined}
          />
        </Card>
      ) : (
        <Card flush title="Queues">
          <div className="table-wrap">
            <table className="table" aria-label="Queues">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Scores asked</th>
                  <th style={{ width: 240 }}>Progress</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {queues.map((q) => (
                  <tr key={q.id}>
                    <td>
                      <Link className="link strong" href={`/${project}/queues/${q.id}`}>
                        {q.name}
                      </Link>
                      {q.description && <div className="small muted">{q.description}</div>}
                    </td>
                    <td className="small">{q.scoreConfigIds.map((id) => configName.get(id) ?? "deleted config").join(", ")}</td>
                    <td>
                      <ProgressBar done={q.completed} total={q.total} />
                    </td>
                    <td className="nowrap">
                      {q.total > q.completed && canAnnotate ? (
                        <Link className="btn btn-primary btn-sm" href={`/${project}/queues/${q.id}`}>
                          Review
                        </Link>
                      ) : (
                        <Link className="btn btn-ghost btn-sm" href={`/${project}/queues/${q.id}`}>
                          Open
                        </Link>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
      {canAnnotate && (queues.length > 0 || live.length > 0) && (
        <Card title="New queue">
          <CreateQueueForm projectId={project} configs={live} canManageConfigs={can(access.role, "manageSettings")} />
        </Card>
      )}
    </div>
  );
}
