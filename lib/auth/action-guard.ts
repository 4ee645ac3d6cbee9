// Turns the errors a thin server action can meet into a FormState for its form:
// a missing permission, or a domain error (bad score value, missing object).
// Anything else is a bug and still throws.
import { revalidatePath } from "next/cache";
import { ForbiddenError } from "./session";
import type { FormState } from "../forms";
import { ApiError } from "../http/errors";

export async function guarded<T>(fn: () => Promise<FormState<T>>): Promise<FormState<T>> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ForbiddenError || err instanceof ApiError) {
      const field = err instanceof ApiError ? err.details?.[0]?.path : undefined;
      return { ok: false, error: err.message, fieldErrors: field ? { [field]: err.message } : undefined };
    }
    throw err;
  }
}

/** Scores, comments and queue progress show on many pages of a project: refresh them all. */
export function refreshProject(projectId: string) {
  revalidatePath(`/${projectId}`, "layout");
}
