"use client";
// The on/off switch of things that run by themselves (promotion rules,
// evaluators): flips through a server action, says why when refused, and
// refreshes the page so counts and states around it follow.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

export interface OnOffSwitchProps {
  /** the accessible name, e.g. "Rule nightly on" */
  label: string;
  enabled: boolean;
  disabled?: boolean;
  /** the action that sets the new state */
  onChange: (enabled: boolean) => Promise<{ ok?: boolean; error?: string }>;
  /** shown when the action refuses without a reason */
  failMessage: string;
}

export function OnOffSwitch({ label, enabled, disabled, onChange, failMessage }: OnOffSwitchProps) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="row gap-1">
      <button
        type="button"
        role="switch"
        aria-checked={enabled}
        aria-label={label}
        className={`rule-switch${enabled ? " is-on" : ""}`}
        disabled={pending || disabled}
        onClick={() =>
          start(async () => {
            const res = await onChange(!enabled);
            setError(res.ok ? null : (res.error ?? failMessage));
            router.refresh();
          })
        }
      >
        <span className="rule-switch-knob" />
      </button>
      <span className="small">{enabled ? "On" : "Off"}</span>
      {error && (
        <span className="error-text small" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
