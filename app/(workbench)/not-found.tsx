import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

// A project you are not a member of, or a page that does not exist.
export default function WorkbenchNotFound() {
  return (
    <main className="page page-narrow">
      <EmptyState
        title="Not found"
        description="This project does not exist or you are not a member of it."
        action={
          <Link className="btn btn-secondary btn-sm" href="/">
            Your projects
          </Link>
        }
      />
    </main>
  );
}
