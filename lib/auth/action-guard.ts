// The one server-action builder (in the spirit of next-safe-action). Every
// action is made here, so each one runs the same steps in the same order:
// parse the input with its zod schema → sign-in and role check (from the
// declared permission) → the handler (which calls lib functions with `db`) →
// the declared revalidation. A DomainError thrown by the handler becomes the
// form's state here, and only here; anything else is a bug and still throws
// (as do Next's redirect() and notFound()).
import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { db, type Db } from "../db/client";
import { DomainError, formatPath } from "../errors";
import { fieldErrors, formObject, type FormState } from "../forms";
import { can, type Permission } from "./roles";
import { currentUser, projectAccess, type CurrentUser, type ProjectAccess } from "./session";

/** A handler that returns nothing answers `{ ok: true }`: its form state carries no data. */
type Data<T> = [T] extends [void] ? undefined : T;

/** What a successful write makes stale: the whole project (scores show everywhere), its settings, or its traces. */
export type Refresh = "project" | "settings" | "traces";

export interface ProjectActionContext<I> {
  input: I;
  access: ProjectAccess;
  db: Db;
}

interface ProjectActionDef<S extends z.ZodType<{ projectId: string }>> {
  input: S;
  /** The role check; a function when it depends on the input (deleting traces needs more than bookmarking). */
  permission: Permission | ((input: z.output<S>) => Permission);
  refresh?: Refresh;
}

/** An action called with one object argument (buttons, client code). */
export function projectAction<S extends z.ZodType<{ projectId: string }>, T = undefined>(
  def: ProjectActionDef<S>,
  handler: (ctx: ProjectActionContext<z.output<S>>) => Promise<T>,
): (input: z.input<S>) => Promise<FormState<Data<T>>> {
  return async (input) => runProject(def, handler, input) as Promise<FormState<Data<T>>>;
}

/** The same, for a <form> with useActionState: (previous state, FormData); works without JavaScript too. */
export function projectFormAction<S extends z.ZodType<{ projectId: string }>, T = undefined>(
  def: ProjectActionDef<S>,
  handler: (ctx: ProjectActionContext<z.output<S>>) => Promise<T>,
): (prev: FormState<Data<T>>, form: FormData) => Promise<FormState<Data<T>>> {
  return async (_prev, form) => runProject(def, handler, form instanceof FormData ? formObject(form) : undefined) as Promise<FormState<Data<T>>>;
}

/** A form action of a signed-in user outside any project (creating a project). */
export function userFormAction<S extends z.ZodType, T = undefined>(
  def: { input: S },
  handler: (ctx: { input: z.output<S>; user: CurrentUser; db: Db }) => Promise<T>,
): (prev: FormState<Data<T>>, form: FormData) => Promise<FormState<Data<T>>> {
  return async (_prev, form) => {
    const parsed = def.input.safeParse(form instanceof FormData ? formObject(form) : undefined);
    if (!parsed.success) return fieldErrors(parsed.error);
    const user = await currentUser();
    if (!user) return { ok: false, error: "Sign in first." };
    return settle(() => handler({ input: parsed.data, user, db })) as Promise<FormState<Data<T>>>;
  };
}

/** A form action anyone may call (signing in): parsing and the error mapping, no session. */
export function publicFormAction<S extends z.ZodType, T = undefined>(
  def: { input: S },
  handler: (ctx: { input: z.output<S>; db: Db }) => Promise<T>,
): (prev: FormState<Data<T>>, form: FormData) => Promise<FormState<Data<T>>> {
  return async (_prev, form) => {
    const parsed = def.input.safeParse(form instanceof FormData ? formObject(form) : undefined);
    if (!parsed.success) return fieldErrors(parsed.error);
    return settle(() => handler({ input: parsed.data, db })) as Promise<FormState<Data<T>>>;
  };
}

/**
 * The role check alone, for the lazy reads the trace viewers call (they answer
 * data, not form state). Refused with a DomainError (forbidden).
 */
export async function accessFor(projectId: string, permission: Permission): Promise<ProjectAccess> {
  const access = await projectAccess(projectId);
  if (!access) throw new DomainError("forbidden", "You are not a member of this project.");
  if (!can(access.role, permission)) throw new DomainError("forbidden", `Your role (${access.role}) cannot do this.`);
  return access;
}

async function runProject<S extends z.ZodType<{ projectId: string }>, T>(
  def: ProjectActionDef<S>,
  handler: (ctx: ProjectActionContext<z.output<S>>) => Promise<T>,
  raw: unknown,
): Promise<FormState<T>> {
  const parsed = def.input.safeParse(raw);
  if (!parsed.success) return fieldErrors(parsed.error);
  const input = parsed.data;
  const permission = typeof def.permission === "function" ? def.permission(input) : def.permission;
  const state = await settle(async () => handler({ input, access: await accessFor(input.projectId, permission), db }));
  if (state.ok && def.refresh) refresh(def.refresh, input.projectId);
  return state;
}

/** The handler's value as a form state; a DomainError as its message (under its field when it names one). */
async function settle<T>(run: () => Promise<T>): Promise<FormState<T>> {
  try {
    const data = await run();
    // No `data: undefined`: the action's answer is serialised, and an absent key stays absent.
    return data === undefined ? { ok: true } : { ok: true, data };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    const field = err.path ? formatPath(err.path) : "";
    return field ? { ok: false, error: err.message, fieldErrors: { [field]: err.message } } : { ok: false, error: err.message };
  }
}

function refresh(what: Refresh, projectId: string) {
  if (what === "project") revalidatePath(`/${projectId}`, "layout");
  else if (what === "settings") revalidatePath(`/${projectId}/settings`);
  else revalidatePath(`/${projectId}/traces`, "layout");
}
