import Link from "next/link";
import { AppShell } from "@/components/shell/app-shell";
import { EmptyState } from "@/components/ui/empty-state";
import { projectHref } from "./project-href";
import { SignOutButton } from "./sign-out-button";
import { requireUser } from "@/lib/auth/session";
import { projectsForUser } from "@/lib/projects/queries";

// A project you are not a member of (or that does not exist): still inside the
// app's frame, with your own projects to go to instead.
export default async function WorkbenchNotFound() {
  const user = await requireUser();
  const projects = await projectsForUser(user.id);
  return (
    <AppShell
      nav={[]}
      user={{ name: user.name, email: user.email }}
      signOut={<SignOutButton variant="menu" />}
    >
      <div className="page page-narrow">
        <EmptyState
          title="Project not found"
          description="This project does not exist or you are not a member of it."
          action={
            <div className="col gap-2" style={{ alignItems: "center" }}>
              {projects.length > 0 && (
                <nav className="row wrap gap-2" aria-label="Your projects" style={{ justifyContent: "center" }}>
                  {projects.slice(0, 8).map((p) => (
                    <Link key={p.id} className="btn btn-secondary btn-sm" href={projectHref(p.id)}>
                      {p.name}
                    </Link>
                  ))}
                </nav>
              )}
              <Link className="link small" href="/">
                All your projects
              </Link>
            </div>
          }
        />
      </div>
    </AppShell>
  );
}
