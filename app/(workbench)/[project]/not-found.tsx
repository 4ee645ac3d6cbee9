"use client";
// A page that does not exist inside a project you can open: the shell (nav,
// project switcher) stays, with a way back. (A project you cannot open is
// answered by (workbench)/not-found.tsx.)
import Link from "next/link";
import { useParams } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";

export default function ProjectPageNotFound() {
  const params = useParams<{ project: string }>();
  const base = params?.project ? `/${encodeURIComponent(decodeURIComponent(params.project))}` : "";
  return (
    <div className="page">
      <EmptyState
        title="Page not found"
        description="Nothing lives at this address in this project. The link may be mistyped, or the section is not part of this version."
        action={
          <Link className="btn btn-secondary btn-sm" href={`${base}/traces`}>
            Go to traces
          </Link>
        }
      />
    </div>
  );
}
