"use client";
import { useActionState, useState } from "react";
import { signIn } from "@/lib/auth/actions";
import type { FormState } from "@/lib/forms";

export function LoginForm({ next }: { next?: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(signIn, {});
  // Controlled so a failed attempt keeps the email (React resets uncontrolled fields after an action).
  const [email, setEmail] = useState("");
  return (
    <form action={action} className="form" noValidate>
      {state.error && (
        <div className="alert alert-error" role="alert">
          {state.error}
        </div>
      )}
      <input type="hidden" name="next" value={next ?? ""} />
      <label className="field">
        <span className="label">Email</span>
        <input
          className="input"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        {state.fieldErrors?.email && <span className="error-text">{state.fieldErrors.email}</span>}
      </label>
      <label className="field">
        <span className="label">Password</span>
        <input className="input" name="password" type="password" autoComplete="current-password" required />
        {state.fieldErrors?.password && <span className="error-text">{state.fieldErrors.password}</span>}
      </label>
      <button className="btn btn-primary" type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
