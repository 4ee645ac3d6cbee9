// A reviewer's scores as the forms send them: value text, parsed for the
// config's (or the score's) data type, then checked and written by annotate.ts.
import type { Db } from "../db/client";
import { DomainError, unwrap } from "../errors";
import type { ObjectRef } from "../objects/kinds";
import { saveAnnotationScores, updateAnnotationScore, type AnnotationValue } from "./annotate";
import { toConfigView } from "./configs";
import { parseScoreValue } from "./schemas";

/** Form values (configId, text) → typed values; unknown configs keep the text and fail their check. */
export async function typedValues(client: Db, projectId: string, values: { configId: string; value: string; comment?: string }[]): Promise<AnnotationValue[]> {
  const configs = await client.scoreConfig.findMany({ where: { projectId, id: { in: values.map((v) => v.configId) } } });
  return values.map((v) => {
    const c = configs.find((x) => x.id === v.configId);
    return { configId: v.configId, value: c ? parseScoreValue(toConfigView(c), v.value) : v.value, comment: v.comment };
  });
}

export async function saveScoreText(
  client: Db,
  projectId: string,
  userId: string,
  ref: ObjectRef,
  input: { configId: string; value: string; comment?: string },
): Promise<void> {
  const row = await client.scoreConfig.findFirst({ where: { id: input.configId, projectId } });
  if (!row) throw new DomainError("not_found", "That score config does not exist.", { path: "configId" });
  await saveAnnotationScores(client, projectId, userId, ref, [{ configId: input.configId, value: parseScoreValue(toConfigView(row), input.value), comment: input.comment }]);
}

export async function updateScoreText(
  client: Db,
  projectId: string,
  userId: string,
  input: { scoreId: string; value: string; comment: string },
  mayTouchOthers: boolean,
): Promise<void> {
  const s = await client.score.findUnique({ where: { projectId_id: { projectId, id: input.scoreId } }, select: { dataType: true } });
  if (!s) throw new DomainError("not_found", "That score no longer exists.");
  const dataType = s.dataType === "BOOLEAN" || s.dataType === "CATEGORICAL" ? s.dataType : "NUMERIC";
  unwrap(await updateAnnotationScore(client, projectId, userId, input.scoreId, { value: parseScoreValue({ dataType }, input.value), comment: input.comment }, mayTouchOthers));
}
