import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "../sign-out-button";

const NAV = [
  ["traces", "Traces"],
  ["sessions", "Sessions"],
  ["queues", "Annotation queues"],
  ["settings", "Settings"],
] as const;

export function ProjectShell(props: {
  projectId: string;
  projectName: string;
  projects: { id: string; name: string }[];
  user: { email: string; role: string };
  children: ReactNode;
}) {
  return (
    <div className="shell">
      <aside className="shell-side">
        <Link href="/" className="brand">
          ◎ Loupe
        </Link>
        <div className="muted small">{props.projectName}</div>
        <nav className="nav">
          {NAV.map(([path, label]) => (
            <Link key={path} className="nav-link" href={`/${props.projectId}/${path}`}>
              {label}
            </Link>
          ))}
        </nav>
        <div className="small muted">{props.user.email} · {props.user.role}</div>
        <SignOutButton />
      </aside>
      <main className="shell-main">{props.children}</main>
    </div>
  );
}
