// Every path under /api/public that no route serves answers the error contract's
// 404, whatever the method: an SDK pointed at a wrong path reads a JSON error, not
// Next's HTML page ("Unexpected token '<'"). Wrong methods on real routes: proxy.ts.
import { ApiError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const notFound = route({ auth: "none" }, async ({ req }) => {
  const path = new URL(req.url).pathname;
  throw new ApiError("not_found", `No API route at ${path.length > 200 ? `${path.slice(0, 200)}…` : path}`);
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE, notFound as OPTIONS };
