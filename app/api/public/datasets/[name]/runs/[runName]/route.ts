// One run of a dataset by name (the legacy SDK's getDatasetRun) with its run items; DELETE removes it.
import { db } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import { deleteRunApi, getRunApi } from "@/lib/public-api/dataset-runs";

export const dynamic = "force-dynamic";

export const GET = route({}, ({ auth, params }) => getRunApi(db, auth.projectId, String(params.name), String(params.runName)));
export const DELETE = route({}, ({ auth, params }) => deleteRunApi(db, auth.projectId, String(params.name), String(params.runName)));
