import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { projectAccess } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { projectApiKeys, projectMembers } from "@/lib/projects/queries";
import { scoreConfigs } from "@/lib/scores/queries";
import { ApiKeysSection } from "./api-keys-section";
import { MembersSection } from "./members-section";
import { ScoreConfigsSection } from "./score-configs-section";
import { ModelPricesSection } from "./model-prices-section";
import { ExperimentEndpointSection } from "./experiment-endpoint-section";
import { RetentionSection } from "./retention-section";
import { priceSettings } from "@/lib/prices/queries";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ project: string }> }) {
  const { project } = await params;
  const access = await projectAccess(project);
  if (!access) notFound();
  const [keys, members, configs, prices] = await Promise.all([
    projectApiKeys(project),
    projectMembers(project),
    scoreConfigs(project, { includeArchived: true }),
    priceSettings(project),
  ]);
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1 className="page-title">Settings</h1>
          <p className="page-desc">
            {access.projectName} · project id <code className="mono">{project}</code> · your role: {access.role}
          </p>
        </div>
      </header>
      <ApiKeysSection
        projectId={project}
        canManage={can(access.role, "manageKeys")}
        keys={keys.map((k) => ({
          ...k,
          createdAt: k.createdAt.toISOString(),
          lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
          revokedAt: k.revokedAt?.toISOString() ?? null,
        }))}
      />
      <MembersSection
        projectId={project}
        currentUserId={access.user.id}
        canManage={can(access.role, "manageMembers")}
        isOwner={access.role === "owner"}
        members={members.map((m) => ({ ...m, since: m.since.toISOString() }))}
      />
      <ScoreConfigsSection projectId={project} canManage={can(access.role, "manageSettings")} configs={configs} />
      <ModelPricesSection projectId={project} canManage={can(access.role, "manageSettings")} {...prices} />
      <ExperimentEndpointSection projectId={project} canManage={can(access.role, "manageSettings")} />
      <RetentionSection projectId={project} canManage={can(access.role, "manageSettings")} />
    </div>
  );
}
