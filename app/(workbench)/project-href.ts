/** A project's landing page (its traces), with the id encoded as a path segment. */
export const projectHref = (projectId: string) => `/${encodeURIComponent(projectId)}/traces`;
