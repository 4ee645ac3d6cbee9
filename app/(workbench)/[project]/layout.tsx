import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell, projectNav } from "@/components/shell/app-shell";
import { projectHref } from "../project-href";
import { SignOutButton } from "../sign-out-button";
import { projectAccess } from "@/lib/auth/session";
import { projectsForUser } from "@/lib/projects/queries";

/** Sections that have pages so far; the others join the nav as they are built (no links to 404s). */
const BUILT = new Set(["dashboard", "traces", "sessions", "observations", "queues", "datasets", "evaluators", "users", "settings"]);

export default async function ProjectLayout({ children, params }: { children: ReactNode; params: Promise<{ project: string }> }) {
  const { project } = await params;
  const access = await projectAccess(project);
  if (!access) notFound();
  const projects = await projectsForUser(access.user.id);
  const nav = projectNav(project).filter((item) => BUILT.has(item.href.split("/").pop() ?? ""));
  return (
    <AppShell
      nav={nav}
      user={{ name: access.user.name, email: access.user.email }}
      projectSwitcher={<ProjectSwitcher current={{ id: project, name: access.projectName }} projects={projects} />}
      signOut={<SignOutButton variant="menu" />}
    >
      {children}
    </AppShell>
  );
}

/** A menu of the user's projects: plain links, so it needs no client code. */
function ProjectSwitcher({ current, projects }: { current: { id: string; name: string }; projects: { id: string; name: string; role: string }[] }) {
  return (
    <details className="menu" style={{ width: "100%" }}>
      <summary className="nav-link" aria-label={`Project: ${current.name}. Switch project`}>
        <span className="ellipsis grow strong">{current.name}</span>
        <span className="faint" aria-hidden>
          ▾
        </span>
      </summary>
      <div className="menu-panel left" style={{ width: "100%" }} role="menu">
        <div className="menu-label">Projects</div>
        {projects.map((p) => (
          <Link key={p.id} href={projectHref(p.id)} className="menu-item" role="menuitem" aria-current={p.id === current.id ? "page" : undefined}>
            <span className="ellipsis grow">{p.name}</span>
            <span className="faint small">{p.role}</span>
          </Link>
        ))}
        <div className="menu-sep" />
        <Link href="/" className="menu-item muted" role="menuitem">
          All projects…
        </Link>
      </div>
    </details>
  );
}
