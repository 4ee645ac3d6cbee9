import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { CANNOT_CREATE_PROJECTS, mayCreateProjects } from "@/lib/projects/create";
import { projectsForUser } from "@/lib/projects/queries";
import { CreateProjectForm } from "./create-project-form";
import { projectHref } from "./project-href";
import { SignOutButton } from "./sign-out-button";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage() {
  const user = await requireUser();
  const [projects, canCreate] = await Promise.all([projectsForUser(user.id), mayCreateProjects(user.id)]);
  return (
    <main className="page page-narrow">
      <header className="page-header">
        <div>
          <h1 className="page-title">Projects</h1>
          <p className="page-desc">Signed in as {user.email}</p>
        </div>
        <div className="page-actions">
          <SignOutButton />
        </div>
      </header>
      {projects.length === 0 ? (
        <div className="empty">
          <p className="empty-title">No projects yet</p>
          <p className="empty-desc">Create a project below, then make an API key in its settings and point your SDK at Loupe.</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>Project</th>
                <th>Your role</th>
                <th className="num">Traces</th>
              </tr>
            </thead>
            <tbody>
              {projects.map((p) => (
                <tr key={p.id} className="is-link">
                  <td>
                    <Link className="link" href={projectHref(p.id)}>
                      {p.name}
                    </Link>
                  </td>
                  <td>{p.role}</td>
                  <td className="num">{p.traceCount.toLocaleString("en-US")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section className="card" style={{ marginTop: 24 }}>
        <div className="card-head">
          <h2 className="card-title">New project</h2>
        </div>
        <div className="card-body">
          {canCreate ? <CreateProjectForm /> : <p className="muted">{CANNOT_CREATE_PROJECTS}</p>}
        </div>
      </section>
    </main>
  );
}
