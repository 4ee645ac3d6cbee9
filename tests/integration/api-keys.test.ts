import { describe, expect, it } from "vitest";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import { createUser } from "@/lib/auth/users";
import { createProjectWithOwner } from "@/lib/projects/create";
import { api, dbFor, targets, uid } from "../support/targets";

describe.each(targets())("API keys over HTTP on $name", (t) => {
  const db = dbFor(t);

  it("answers health without a key and checks the database", async () => {
    const res = await fetch(`${t.baseUrl}/api/public/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "OK", version: expect.any(String), database: t.name });
  });

  it("authenticates the project's key pair and names the project", async () => {
    const res = await api(t, "/api/public/projects");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: [{ id: t.projectId, name: "Integration tests", metadata: {} }] });
  });

  it("refuses a missing header, a wrong secret and an unknown key with 401 and the error contract", async () => {
    const none = await fetch(`${t.baseUrl}/api/public/projects`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: { code: "unauthorized", message: expect.stringMatching(/Authorization/) } });
    const wrong = await api(t, "/api/public/projects", {}, { publicKey: t.publicKey, secretKey: "sk-lf-wrong" });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.message).toMatch(/Invalid API key/);
    const unknown = await api(t, "/api/public/projects", {}, { publicKey: "pk-lf-nope", secretKey: t.secretKey });
    expect(unknown.status).toBe(401);
  });

  it("stores only a hash of new secrets, and a revoked key stops working at once", async () => {
    const key = await createApiKey(t.projectId, { note: "test" }, db);
    const stored = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(stored.secretHash).not.toContain(key.secretKey);
    expect(JSON.stringify(stored)).not.toContain(key.secretKey);
    expect(key.publicKey).toMatch(/^pk-lf-/);
    expect(key.secretKey).toMatch(/^sk-lf-/);

    expect((await api(t, "/api/public/projects", {}, key)).status).toBe(200);
    expect(await revokeApiKey(t.projectId, key.id, db)).toBe(true);
    const after = await api(t, "/api/public/projects", {}, key);
    expect(after.status).toBe(401);
    expect((await after.json()).error.message).toMatch(/revoked/);
  });

  it("gives a key of another project only that project", async () => {
    const owner = await createUser({ email: `${uid("o")}@example.com`, password: "password-123" }, db);
    const other = await createProjectWithOwner(uid("other"), owner.id, db);
    const key = await createApiKey(other.id, {}, db);
    const res = await api(t, "/api/public/projects", {}, key);
    expect((await res.json()).data[0].id).toBe(other.id);
    // revoking needs the key's own project
    expect(await revokeApiKey(t.projectId, key.id, db)).toBe(false);
  });
});
