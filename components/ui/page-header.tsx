import Link from "next/link";
import { Fragment, type ReactNode } from "react";

export interface Crumb {
  label: ReactNode;
  href?: string;
}

export interface PageHeaderProps {
  title: ReactNode;
  description?: ReactNode;
  /** Right-aligned buttons. */
  actions?: ReactNode;
  breadcrumbs?: readonly Crumb[];
  /** Under the title, e.g. badges or an id with a copy button. */
  meta?: ReactNode;
}

export function PageHeader({ title, description, actions, breadcrumbs, meta }: PageHeaderProps) {
  return (
    <header className="page-header">
      <div className="grow">
        {breadcrumbs && breadcrumbs.length > 0 && (
          <nav className="crumbs" aria-label="Breadcrumb">
            {breadcrumbs.map((c, i) => (
              <Fragment key={i}>
                {i > 0 && (
                  <span className="crumbs-sep" aria-hidden>
                    /
                  </span>
                )}
                {c.href ? <Link href={c.href}>{c.label}</Link> : <span>{c.label}</span>}
              </Fragment>
            ))}
          </nav>
        )}
        <h1 className="page-title">{title}</h1>
        {meta && <div className="row wrap">{meta}</div>}
        {description && <p className="page-desc">{description}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
}
