import { z } from "zod";
import { ROLES } from "../auth/roles";

export const projectName = z
  .string()
  .trim()
  .min(1, "Enter a project name")
  .max(60, "Project names are at most 60 characters")
  .regex(/^[\p{L}\p{N} _.-]+$/u, "Use letters, digits, spaces, dots, dashes or underscores");

export const createProjectSchema = z.object({ name: projectName });

export const email = z.string().trim().toLowerCase().email("Enter a valid email address");
export const password = z.string().min(8, "Passwords are at least 8 characters").max(200, "Passwords are at most 200 characters");

export const addMemberSchema = z.object({
  projectId: z.string().min(1),
  email,
  role: z.enum(ROLES, { message: `Role must be one of ${ROLES.join(", ")}` }),
  /** Needed only when no account exists for the email yet. */
  password: z.union([z.literal(""), password]).optional(),
  name: z.string().trim().max(100).optional(),
});

export const changeRoleSchema = z.object({
  projectId: z.string().min(1),
  userId: z.string().min(1),
  role: z.enum(ROLES, { message: `Role must be one of ${ROLES.join(", ")}` }),
});

export const createKeySchema = z.object({
  projectId: z.string().min(1),
  note: z.string().trim().max(100, "Notes are at most 100 characters").optional(),
});

export const signInSchema = z.object({
  email,
  password: z.string().min(1, "Enter your password"),
  next: z.string().optional(),
});

export type AddMemberInput = z.infer<typeof addMemberSchema>;
export type ChangeRoleInput = z.infer<typeof changeRoleSchema>;

export const removeMemberSchema = z.object({ projectId: z.string().min(1), userId: z.string().min(1) });
export const revokeKeySchema = z.object({ projectId: z.string().min(1), keyId: z.string().min(1) });
