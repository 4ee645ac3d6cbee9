import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { CostSection } from "@/components/dashboard/cost-section";
import { DashboardFilterBar } from "@/components/dashboard/filter-bar";
import { DashboardHealth } from "@/components/dashboard/health-embed";
import { QualitySection } from "@/components/dashboard/quality-section";
import { STEPS_SORT_PARAM, StepsSection } from "@/components/dashboard/steps-section";
import { TopSection } from "@/components/dashboard/top-section";
import { LatencySection } from "@/components/dashboard/latency-section";
import { SectionSkeleton } from "@/components/dashboard/section";
import { TokensSection } from "@/components/dashboard/tokens-section";
import { VolumeSection } from "@/components/dashboard/volume-section";
import { Alert } from "@/components/ui/alert";
import { formatDate } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { projectAccess } from "@/lib/auth/session";
import { dashboardTraceNames } from "@/lib/analytics/dashboard/data";
import { dashboardSearch, parseDashboardParams, tracesHref } from "@/lib/analytics/dashboard/params";
import type { SearchParamsRecord } from "@/lib/query/url";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage(props: { params: Promise<{ project: string }>; searchParams: Promise<SearchParamsRecord> }) {
  const [{ project }, sp] = await Promise.all([props.params, props.searchParams]);
  const access = await projectAccess(project);
  if (!access) notFound();
  const params = parseDashboardParams(sp);
  const names = await dashboardTraceNames(project);
  // A new key per view: each section shows its skeleton again while the new figures load.
  const key = dashboardSearch(params).toString();
  const section = { projectId: project, params };

  return (
    <div className="page">
      <PageHeader
        title="Dashboard"
        description={
          <>
            Cost, tokens, latency and volume of your traces from {formatDate(params.from, { seconds: false })} to {formatDate(params.to, { seconds: false })} UTC, by{" "}
            {params.unit}. Click a bar or a point to open the traces behind it.
          </>
        }
        actions={
          <Link className="btn btn-secondary btn-sm" href={tracesHref(project, params)}>
            Open in traces
          </Link>
        }
      />
      <DashboardFilterBar traceNames={names} />
      {params.issues.length > 0 && (
        <Alert tone="warning" title="Some parameters were ignored">
          {params.issues.map((i) => `${i.param}: ${i.message}`).join(" · ")}
        </Alert>
      )}
      <div className="dash-sections">
        <Suspense key={`cost${key}`} fallback={<SectionSkeleton title="Cost" cards={4} />}>
          <CostSection {...section} />
        </Suspense>
        <Suspense key={`tokens${key}`} fallback={<SectionSkeleton title="Tokens" />}>
          <TokensSection {...section} />
        </Suspense>
        <Suspense key={`latency${key}`} fallback={<SectionSkeleton title="Latency" cards={4} />}>
          <LatencySection {...section} />
        </Suspense>
        <Suspense key={`volume${key}`} fallback={<SectionSkeleton title="Volume and errors" cards={3} />}>
          <VolumeSection {...section} />
        </Suspense>
        <Suspense key={`quality${key}`} fallback={<SectionSkeleton title="Quality" />}>
          <QualitySection {...section} />
        </Suspense>
        <Suspense key={`steps${key}${String(sp[STEPS_SORT_PARAM] ?? "")}`} fallback={<SectionSkeleton title="Steps" />}>
          <StepsSection {...section} sort={typeof sp[STEPS_SORT_PARAM] === "string" ? sp[STEPS_SORT_PARAM] : undefined} query={dashboardSearch(params)} />
        </Suspense>
        <Suspense key={`top${key}`} fallback={<SectionSkeleton title="Top sessions and users" />}>
          <TopSection {...section} />
        </Suspense>
        <Suspense key={`health${key}`} fallback={<SectionSkeleton title="Instrumentation health" cards={1} />}>
          <DashboardHealth {...section} range={params.range} />
        </Suspense>
      </div>
    </div>
  );
}
