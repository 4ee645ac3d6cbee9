import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TrendsBlock } from "@/components/dashboard/trends-block";
import { Card, Stat } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { PageHeader } from "@/components/ui/page-header";
import { formatCost, formatDate, formatTokens } from "@/components/ui/format";
import { projectAccess } from "@/lib/auth/session";
import { RECENT, userPage } from "@/lib/users/queries";
import { RecentSessions, RecentTraces } from "./recent";

export const metadata: Metadata = { title: "User" };

export default async function UserPage({ params }: { params: Promise<{ project: string; userId: string }> }) {
  const { project, userId: rawId } = await params;
  const userId = decodeURIComponent(rawId);
  const access = await projectAccess(project);
  if (!access) notFound();
  const data = await userPage(project, userId);
  if (!data) notFound();
  const { figures: f, traces, sessions } = data;
  const base = `/${encodeURIComponent(project)}`;
  const q = encodeURIComponent(userId);
  const tracesHref = `${base}/traces?userId=${q}`;
  const sessionsHref = `${base}/sessions?userId=${q}`;

  return (
    <div className="page">
      <PageHeader
        breadcrumbs={[{ label: "Users", href: `${base}/users` }, { label: userId }]}
        title={<span className="mono" style={{ fontSize: "inherit" }}>{userId}</span>}
        meta={<CopyButton text={userId} label="Copy id" />}
        description="Everything this end user did, across all time: their traces and sessions, what they cost, and when they were first and last seen."
        actions={
          <>
            <Link className="btn btn-secondary btn-sm" href={tracesHref}>
              All their traces
            </Link>
            <Link className="btn btn-secondary btn-sm" href={sessionsHref}>
              All their sessions
            </Link>
          </>
        }
      />
      <div className="grid-3" aria-label="User figures">
        <Card>
          <Stat label="Traces" value={<Link className="link" href={tracesHref}>{formatTokens(f.traceCount)}</Link>} />
        </Card>
        <Card>
          <Stat label="Sessions" value={<Link className="link" href={sessionsHref}>{formatTokens(f.sessionCount)}</Link>} />
        </Card>
        <Card>
          <Stat label="Total cost" value={formatCost(f.totalCost)} />
        </Card>
        <Card>
          <Stat label="Total tokens" value={formatTokens(f.totalTokens)} />
        </Card>
        <Card>
          <Stat label="First seen (UTC)" value={<span style={{ fontSize: "var(--fs-lg)" }}>{formatDate(f.firstSeen)}</span>} />
        </Card>
        <Card>
          <Stat label="Last seen (UTC)" value={<span style={{ fontSize: "var(--fs-lg)" }}>{formatDate(f.lastSeen)}</span>} />
        </Card>
      </div>

      {/* TRENDS: this user's cost, latency, volume and scores over their first to last trace. */}
      <TrendsBlock projectId={project} subject={{ column: "userId", value: userId }} />

      <Card flush title="Recent traces" actions={f.traceCount > RECENT && <Link className="link small" href={tracesHref}>All {formatTokens(f.traceCount)} traces →</Link>}>
        <RecentTraces projectId={project} traces={traces} />
      </Card>
      <Card flush title="Recent sessions" actions={f.sessionCount > RECENT && <Link className="link small" href={sessionsHref}>All {formatTokens(f.sessionCount)} sessions →</Link>}>
        <RecentSessions projectId={project} sessions={sessions} />
      </Card>
    </div>
  );
}
