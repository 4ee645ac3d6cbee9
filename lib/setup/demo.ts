// The demo project a newcomer sees on first start: a user, a project with
// fixed, printed API keys, and a few hundred generated traces written through
// the same ingestion path the API uses.
import { createApiKey } from "../auth/api-keys";
import { createUser } from "../auth/users";
import { db, type Db } from "../db/client";
import { generateDemo } from "../demo/generate";
import type { IngestEvent } from "../ingest/events";
import { ingestEvents } from "../ingest/service";
import { createProjectWithOwner } from "../projects/create";

export const DEMO = {
  email: "demo@loupe.dev",
  password: "loupe-demo",
  projectId: "demo",
  projectName: "Demo project",
  publicKey: "pk-lf-loupe-demo",
  secretKey: "sk-lf-loupe-demo",
  traces: 400,
} as const;

/** Creates the demo project unless it exists. Returns true when it was created now. */
export async function ensureDemo(client: Db = db, traces: number = DEMO.traces): Promise<boolean> {
  if (await client.project.findUnique({ where: { id: DEMO.projectId } })) return false;
  let user = await client.user.findUnique({ where: { email: DEMO.email } });
  user ??= await createUser({ email: DEMO.email, password: DEMO.password, name: "Demo reviewer" }, client);
  await createProjectWithOwner(DEMO.projectName, user.id, client, DEMO.projectId);
  await createApiKey(DEMO.projectId, { publicKey: DEMO.publicKey, secretKey: DEMO.secretKey, note: "demo" }, client);
  // The configs the demo's scores use, so a newcomer can score and queue right away.
  await client.scoreConfig.createMany({
    data: [
      { projectId: DEMO.projectId, name: "helpfulness", dataType: "NUMERIC", minValue: 0, maxValue: 1, description: "0 = no help, 1 = fully resolved" },
      { projectId: DEMO.projectId, name: "correct", dataType: "BOOLEAN", description: "Is the answer factually right?" },
      {
        projectId: DEMO.projectId,
        name: "tone",
        dataType: "CATEGORICAL",
        categories: [
          { label: "friendly", value: 2 },
          { label: "neutral", value: 1 },
          { label: "curt", value: 0 },
        ],
      },
    ],
  });
  await writeDemoTraces(client, DEMO.projectId, { traces, seed: 7 });
  return true;
}

export async function writeDemoTraces(
  client: Db,
  projectId: string,
  opts: { traces: number; seed?: number; idPrefix?: string; onProgress?: (done: number) => void },
) {
  let pending: IngestEvent[] = [];
  let done = 0;
  for (const events of generateDemo(opts)) {
    pending.push(...events);
    done++;
    if (pending.length >= 2000) {
      await ingestEvents(projectId, pending, client);
      pending = [];
      opts.onProgress?.(done);
    }
  }
  if (pending.length) await ingestEvents(projectId, pending, client);
  opts.onProgress?.(done);
}
