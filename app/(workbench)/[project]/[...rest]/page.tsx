import { notFound } from "next/navigation";

// Any path under a project that no page matches (a typo, a section not built yet):
// answered by [project]/not-found.tsx inside the project's shell, not Next's bare 404.
export default function UnknownProjectPage(): never {
  notFound();
}
