// The app frame: sidebar (wordmark, project switcher, nav, user menu) + top bar + content.
// A server component with slots; only NavLinks runs on the client. It fetches nothing.
import Link from "next/link";
import type { ReactNode } from "react";
import { LoupeMark } from "./nav-icons";
import { NavLinks, type NavItem } from "./nav-links";

/** The standard project navigation; `projectId` is the [project] route segment. */
export function projectNav(projectId: string): NavItem[] {
  const base = `/${encodeURIComponent(projectId)}`;
  return [
    { href: `${base}/traces`, label: "Traces", icon: "traces", group: "Observe" },
    { href: `${base}/sessions`, label: "Sessions", icon: "sessions" },
    { href: `${base}/users`, label: "Users", icon: "users" },
    { href: `${base}/observations`, label: "Observations", icon: "observations" },
    { href: `${base}/queues`, label: "Annotation queues", icon: "queues", group: "Evaluate" },
    { href: `${base}/datasets`, label: "Datasets", icon: "datasets" },
    { href: `${base}/evaluators`, label: "Evaluators", icon: "evaluators" },
    { href: `${base}/dashboard`, label: "Dashboard", icon: "dashboard", group: "Analyse" },
    { href: `${base}/settings`, label: "Settings", icon: "settings", group: "Project" },
  ];
}

export interface ShellUser {
  name: string | null;
  email: string;
}

export interface AppShellProps {
  /** Builds the default nav; omit on pages outside a project. */
  projectId?: string;
  /** Overrides the nav entirely. */
  nav?: readonly NavItem[];
  /** Slot: a project picker (e.g. a form with a <select> or a menu of links). */
  projectSwitcher?: ReactNode;
  /** Shown at the bottom of the sidebar. */
  user?: ShellUser | null;
  /** Slot inside the user menu: typically a <form action={signOut}><button>Sign out</button></form>. */
  signOut?: ReactNode;
  /** Replaces the default user menu entirely. */
  userMenu?: ReactNode;
  /** Slot: top bar contents (breadcrumbs, search, page-level actions). */
  topBar?: ReactNode;
  /** Where the wordmark links (default "/"). */
  homeHref?: string;
  children: ReactNode;
}

function DefaultUserMenu({ user, signOut }: { user: ShellUser; signOut?: ReactNode }) {
  const initial = (user.name || user.email).trim().charAt(0).toUpperCase() || "?";
  return (
    <details className="menu" style={{ width: "100%" }}>
      <summary className="nav-link" aria-label="Account menu">
        <span className="badge b-info" aria-hidden>
          {initial}
        </span>
        <span className="ellipsis grow">{user.name || user.email}</span>
      </summary>
      <div className="menu-panel left up" style={{ width: "100%" }}>
        <div className="menu-label ellipsis" title={user.email}>
          {user.email}
        </div>
        {signOut && (
          <>
            <div className="menu-sep" />
            {signOut}
          </>
        )}
      </div>
    </details>
  );
}

export function AppShell({ projectId, nav, projectSwitcher, user, signOut, userMenu, topBar, homeHref = "/", children }: AppShellProps) {
  const items = nav ?? (projectId ? projectNav(projectId) : []);
  return (
    <div className="shell">
      <aside className="shell-side">
        <Link href={homeHref} className="brand">
          <LoupeMark />
          Loupe
        </Link>
        {projectSwitcher}
        {items.length > 0 && <NavLinks items={items} />}
        {(userMenu || user) && <div className="shell-side-foot">{userMenu ?? (user && <DefaultUserMenu user={user} signOut={signOut} />)}</div>}
      </aside>
      <div className="shell-main">
        {topBar && <div className="shell-top">{topBar}</div>}
        <main className="shell-content">{children}</main>
      </div>
    </div>
  );
}
