// Route handlers of the workbench (uploads, downloads): the signed-in user's
// session instead of an API key, the project role checked as server actions
// check it, errors in the one error contract. Not a member: 404 (as pages);
// a member without the permission: 403.
import "server-only";
import { can, type Permission } from "../auth/roles";
import { currentUser, projectAccess, type ProjectAccess } from "../auth/session";
import { ApiError } from "./errors";
import { errorResponse } from "./route";

type Params = Record<string, string | string[] | undefined>;

/** A route param as the user typed it (some characters arrive percent-encoded; a lone "%" must not throw). */
export function paramOf(params: Params, key: string): string {
  const raw = String(params[key] ?? "");
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function sessionRoute(
  permission: Permission,
  handler: (ctx: { req: Request; params: Params; access: ProjectAccess }) => Promise<Response>,
): (req: Request, ctx: { params: Promise<Params> }) => Promise<Response> {
  return async (req, nextCtx) => {
    try {
      const params = (await nextCtx.params) ?? {};
      if (!(await currentUser())) throw new ApiError("unauthorized", "Sign in first");
      const access = await projectAccess(paramOf(params, "project"));
      if (!access) throw new ApiError("not_found", "No such project");
      if (!can(access.role, permission)) throw new ApiError("forbidden", `Your role (${access.role}) may not do this`);
      return await handler({ req, params, access });
    } catch (err) {
      return errorResponse(err);
    }
  };
}
