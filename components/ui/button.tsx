import Link from "next/link";
import type { ButtonHTMLAttributes, ComponentProps } from "react";
import { cx } from "./cx";

export type ButtonVariant = "primary" | "secondary" | "ghost" | "danger";
export type ButtonSize = "sm" | "md";

interface StyleProps {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Square button for a single icon/glyph; give it an aria-label. */
  icon?: boolean;
}

export function buttonClass({ variant = "secondary", size = "md", icon = false }: StyleProps = {}, extra?: string): string {
  return cx("btn", `btn-${variant}`, size === "sm" && "btn-sm", icon && "btn-icon", extra);
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement>, StyleProps {
  /** Shows a spinner and disables the button (e.g. while a server action runs). */
  loading?: boolean;
}

/** Defaults to type="button" so a button inside a form never submits by accident. */
export function Button({ variant, size, icon, loading = false, className, type = "button", disabled, children, ...rest }: ButtonProps) {
  return (
    <button
      type={type}
      className={buttonClass({ variant, size, icon }, cx(loading && "is-loading", className))}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      {...rest}
    >
      {children}
    </button>
  );
}

export type ButtonLinkProps = ComponentProps<typeof Link> & StyleProps;

/** A Next <Link> that looks like a button (navigation stays a link for middle-click and a11y). */
export function ButtonLink({ variant, size, icon, className, ...rest }: ButtonLinkProps) {
  return <Link className={buttonClass({ variant, size, icon }, className)} {...rest} />;
}
