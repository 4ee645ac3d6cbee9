"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { NavIcon, type NavIconName } from "./nav-icons";

export interface NavItem {
  href: string;
  label: string;
  icon?: NavIconName;
  /** Section heading rendered above this item. */
  group?: string;
}

/** Active when the path is the link or below it (/p/traces/abc keeps "Traces" lit). */
export function isActivePath(pathname: string, href: string): boolean {
  const clean = href.split(/[?#]/)[0].replace(/\/$/, "");
  return pathname === clean || pathname.startsWith(`${clean}/`);
}

/** The only client part of the shell: it needs the current path to highlight a link. */
export function NavLinks({ items }: { items: readonly NavItem[] }) {
  const pathname = usePathname() ?? "";
  return (
    <nav className="nav" aria-label="Project">
      {items.map((item) => {
        const active = isActivePath(pathname, item.href);
        return (
          <div key={item.href} style={{ display: "contents" }}>
            {item.group && <div className="nav-group">{item.group}</div>}
            <Link href={item.href} className={active ? "nav-link is-active" : "nav-link"} aria-current={active ? "page" : undefined}>
              {item.icon && <NavIcon name={item.icon} />}
              <span className="ellipsis">{item.label}</span>
            </Link>
          </div>
        );
      })}
    </nav>
  );
}
