import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { projectAccess } from "@/lib/auth/session";
import { projectsForUser } from "@/lib/projects/queries";
import { ProjectShell } from "./project-shell";

export default async function ProjectLayout({ children, params }: { children: ReactNode; params: Promise<{ project: string }> }) {
  const { project } = await params;
  const access = await projectAccess(project);
  if (!access) notFound();
  const projects = await projectsForUser(access.user.id);
  return (
    <ProjectShell
      projectId={project}
      projectName={access.projectName}
      projects={projects.map((p) => ({ id: p.id, name: p.name }))}
      user={{ email: access.user.email, role: access.role }}
    >
      {children}
    </ProjectShell>
  );
}
