"use client";
import { useActionState } from "react";
import type { FormState } from "@/lib/forms";
import { createProject } from "@/lib/projects/actions";
import { keepValuesOnSubmit } from "@/components/ui/keep-values";

export function CreateProjectForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(createProject, {});
  return (
    <form onSubmit={keepValuesOnSubmit(action)} className="row gap-2" noValidate>
      <label className="field grow">
        <span className="sr-only">Project name</span>
        <input className="input" name="name" placeholder="e.g. support-bot" aria-label="Project name" required />
        {state.error && <span className="error-text">{state.error}</span>}
      </label>
      <button className="btn btn-primary" type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create project"}
      </button>
    </form>
  );
}
