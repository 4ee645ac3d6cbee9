"use server";
// Session writes (bookmark). The inline trace viewer's reads are lib/objects/actions.ts.
import { projectAction } from "../auth/action-guard";
import { setSessionBookmark as setBookmark } from "./bookmark";
import { sessionBookmarkSchema } from "./schemas";

export const setSessionBookmark = projectAction({ input: sessionBookmarkSchema, permission: "annotate", refresh: "project" }, ({ input, db }) =>
  setBookmark(db, input.projectId, input.sessionId, input.bookmarked),
);
