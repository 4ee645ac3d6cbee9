// STUB — replaced by the scoring/comments work. Signature is the contract:
// a server component that loads and shows the scores and comments of one
// trace, observation or session, with forms to add/edit/delete them.
export async function AnnotationPanel(_props: {
  projectId: string;
  objectType: "TRACE" | "OBSERVATION" | "SESSION";
  objectId: string;
  /** for OBSERVATION: its trace */
  traceId?: string;
}) {
  return null;
}
