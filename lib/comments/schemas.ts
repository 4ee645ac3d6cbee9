// Free-text comments on a trace, observation or session. No server imports.
import { z } from "zod";
import { OBJECT_TYPES } from "../objects/kinds";

export const COMMENT_MAX = 5000;

export const addCommentSchema = z.object({
  projectId: z.string().min(1),
  objectType: z.enum(OBJECT_TYPES),
  objectId: z.string().min(1).max(500),
  content: z.string().trim().min(1, "Write something first").max(COMMENT_MAX, `Comments are at most ${COMMENT_MAX} characters`),
});
export type AddCommentInput = z.infer<typeof addCommentSchema>;

export const removeCommentSchema = z.object({ projectId: z.string().min(1), commentId: z.string().min(1) });

export interface CommentView {
  id: string;
  content: string;
  authorUserId: string | null;
  authorName: string | null;
  createdAt: string;
}
