// Headless start for deployments and scripts: LOUPE_INIT_* variables create a
// user, a project and an API key on start. Idempotent: a second start changes nothing.
import { createApiKey, hashSecret } from "../auth/api-keys";
import { createUser, normaliseEmail } from "../auth/users";
import { db, type Db } from "../db/client";
import { createProjectWithOwner } from "../projects/create";

export interface InitEnv {
  LOUPE_INIT_USER_EMAIL?: string;
  LOUPE_INIT_USER_PASSWORD?: string;
  LOUPE_INIT_USER_NAME?: string;
  LOUPE_INIT_PROJECT_NAME?: string;
  LOUPE_INIT_PROJECT_ID?: string;
  LOUPE_INIT_PUBLIC_KEY?: string;
  LOUPE_INIT_SECRET_KEY?: string;
}

export class InitError extends Error {}

export async function applyInitEnv(env: InitEnv, client: Db = db): Promise<string[]> {
  const notes: string[] = [];
  const email = env.LOUPE_INIT_USER_EMAIL?.trim();
  if (!email) {
    if (env.LOUPE_INIT_PROJECT_NAME || env.LOUPE_INIT_PUBLIC_KEY) {
      throw new InitError("LOUPE_INIT_PROJECT_NAME and LOUPE_INIT_*_KEY need LOUPE_INIT_USER_EMAIL and LOUPE_INIT_USER_PASSWORD");
    }
    return notes;
  }
  let user = await client.user.findUnique({ where: { email: normaliseEmail(email) } });
  if (!user) {
    const password = env.LOUPE_INIT_USER_PASSWORD ?? "";
    if (password.length < 8) throw new InitError("LOUPE_INIT_USER_PASSWORD must be set and at least 8 characters");
    user = await createUser({ email, password, name: env.LOUPE_INIT_USER_NAME }, client);
    notes.push(`created user ${user.email}`);
  }
  const name = env.LOUPE_INIT_PROJECT_NAME?.trim();
  if (!name) return notes;
  // The init project is the one with the given id, else the init user's own project of that name.
  const id = env.LOUPE_INIT_PROJECT_ID || undefined;
  let project = id
    ? await client.project.findUnique({ where: { id } })
    : await client.project.findFirst({ where: { name, createdById: user.id } });
  if (!project) {
    project = await createProjectWithOwner(name, user.id, client, id);
    notes.push(`created project "${name}"`);
  } else {
    await client.membership.upsert({
      where: { projectId_userId: { projectId: project.id, userId: user.id } },
      create: { projectId: project.id, userId: user.id, role: "owner" },
      update: {},
    });
  }
  const pk = env.LOUPE_INIT_PUBLIC_KEY?.trim();
  const sk = env.LOUPE_INIT_SECRET_KEY?.trim();
  if (!!pk !== !!sk) throw new InitError("Set both LOUPE_INIT_PUBLIC_KEY and LOUPE_INIT_SECRET_KEY, or neither");
  if (pk && sk) {
    const existing = await client.apiKey.findUnique({ where: { publicKey: pk } });
    if (!existing) {
      await createApiKey(project.id, { publicKey: pk, secretKey: sk, note: "LOUPE_INIT" }, client);
      notes.push(`created API key ${pk}`);
    } else if (existing.projectId !== project.id || existing.secretHash !== hashSecret(sk)) {
      throw new InitError(`LOUPE_INIT_PUBLIC_KEY ${pk} already exists with another project or secret`);
    }
  }
  return notes;
}
