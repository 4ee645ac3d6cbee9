"use client";
// A JSON value typed into a textarea: checked as you leave the field (the
// parse error shows at the field at once), and again on the server, whose
// errors (a parse error, or a misfit with the dataset's schema and its path)
// show at the same field.
import { useState } from "react";
import { Field, Textarea, fieldErrorId } from "@/components/ui/input";

/** The server's error for a field: its own, or one under it (`input.q`), named with its path. */
export function errorUnder(fieldErrors: Record<string, string> | undefined, name: string): string | undefined {
  if (!fieldErrors) return undefined;
  if (fieldErrors[name]) return fieldErrors[name];
  const key = Object.keys(fieldErrors).find((k) => k.startsWith(`${name}.`) || k.startsWith(`${name}[`));
  return key ? `${key}: ${fieldErrors[key]}` : undefined;
}

/** A value as the editor shows it: JSON (a string keeps its quotes, so "4" and 4 stay apart); none is empty. */
export function jsonForEditor(value: unknown): string {
  return value === null || value === undefined ? "" : JSON.stringify(value, null, 2);
}

export function JsonField(props: { id: string; name: string; label: string; defaultValue?: string; hint?: string; serverError?: string; rows?: number; placeholder?: string }) {
  const [parseError, setParseError] = useState<string | null>(null);
  const check = (text: string) => {
    if (!text.trim()) return setParseError(null);
    try {
      JSON.parse(text);
      setParseError(null);
    } catch (err) {
      setParseError(`is not valid JSON: ${(err as Error).message}`);
    }
  };
  const error = parseError ?? props.serverError;
  return (
    <Field label={props.label} htmlFor={props.id} hint={props.hint} error={error}>
      <Textarea
        id={props.id}
        name={props.name}
        mono
        rows={props.rows ?? 6}
        defaultValue={props.defaultValue}
        placeholder={props.placeholder}
        invalid={!!error}
        aria-describedby={error ? fieldErrorId(props.id) : undefined}
        spellCheck={false}
        onBlur={(e) => check(e.currentTarget.value)}
        onChange={(e) => parseError && check(e.currentTarget.value)}
      />
    </Field>
  );
}
