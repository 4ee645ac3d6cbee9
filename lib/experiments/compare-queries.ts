// Compare-view reads for the workbench page (the process-wide client); the
// work is in compare.ts, which takes the client so tests reach it.
import "server-only";
import { db } from "../db/client";
import { compareRuns, runsForPicker, type CompareQuery } from "./compare";

export const compareView = (projectId: string, datasetId: string, q: CompareQuery) => compareRuns(db, projectId, datasetId, q);
export const pickerRuns = (projectId: string, datasetId: string, namedIds: string[] = []) => runsForPicker(db, projectId, datasetId, namedIds);
export type PickerRun = Awaited<ReturnType<typeof runsForPicker>>[number];
