import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { cx } from "./cx";

interface ControlProps {
  /** Marks the control invalid (red border, aria-invalid). */
  invalid?: boolean;
  size?: "sm" | "md";
}

export type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "size"> & ControlProps;

export function Input({ invalid, size, className, ...rest }: InputProps) {
  return <input className={cx("input", size === "sm" && "input-sm", className)} aria-invalid={invalid || undefined} {...rest} />;
}

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "size"> &
  ControlProps & {
    /** Shorthand for <option> children. */
    options?: readonly SelectOption[];
    /** A first, empty-valued option such as "All levels". */
    placeholder?: string;
  };

export function Select({ invalid, size, className, options, placeholder, children, ...rest }: SelectProps) {
  return (
    <select className={cx("select", size === "sm" && "input-sm", className)} aria-invalid={invalid || undefined} {...rest}>
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {options?.map((o) => (
        <option key={o.value} value={o.value} disabled={o.disabled}>
          {o.label}
        </option>
      ))}
      {children}
    </select>
  );
}

export type TextareaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & Omit<ControlProps, "size"> & { mono?: boolean };

export function Textarea({ invalid, mono, className, ...rest }: TextareaProps) {
  return <textarea className={cx("textarea", mono && "mono", className)} aria-invalid={invalid || undefined} {...rest} />;
}

/** id of a Field's error text, for the control's aria-describedby. */
export function fieldErrorId(htmlFor: string): string {
  return `${htmlFor}-error`;
}

export interface FieldProps {
  label: ReactNode;
  /** id of the control inside; also derives the error id (see fieldErrorId). */
  htmlFor?: string;
  hint?: ReactNode;
  error?: string | null;
  required?: boolean;
  className?: string;
  children: ReactNode;
}

/** Label + control + hint/error. Give the control id={htmlFor} and aria-describedby={fieldErrorId(htmlFor)}. */
export function Field({ label, htmlFor, hint, error, required, className, children }: FieldProps) {
  return (
    <div className={cx("field", className)}>
      <label className="label" htmlFor={htmlFor}>
        {label}
        {required && (
          <span className="faint" aria-hidden>
            {" "}
            *
          </span>
        )}
      </label>
      {children}
      {hint && !error && <span className="hint">{hint}</span>}
      {error && (
        <span className="error-text" id={htmlFor ? fieldErrorId(htmlFor) : undefined} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
