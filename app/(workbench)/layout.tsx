import type { ReactNode } from "react";
import { requireUser } from "@/lib/auth/session";

// Every workbench page needs a signed-in user (the proxy only checks that a cookie exists).
export default async function WorkbenchLayout({ children }: { children: ReactNode }) {
  await requireUser();
  return children;
}
