// Each dashboard section's data for the page: its queries run concurrently on
// the app's database, then shaped for drawing (views.ts). Server-only; the
// section components await one of these inside their own <Suspense>.
import "server-only";
import { db } from "../../db/client";
import { traceNames } from "../../traces/options";
import { loadCost, loadLatency, loadTokens, loadVolume } from "./load";
import { costView, latencyView, tokensView, volumeView, type ViewParams } from "./views";

export const costData = async (projectId: string, p: ViewParams) => costView(projectId, p, await loadCost(db, projectId, p));
export const tokensData = async (projectId: string, p: ViewParams) => tokensView(projectId, p, await loadTokens(db, projectId, p));
export const latencyData = async (projectId: string, p: ViewParams) => latencyView(projectId, p, await loadLatency(db, projectId, p));
export const volumeData = async (projectId: string, p: ViewParams) => volumeView(projectId, p, await loadVolume(db, projectId, p));

/** The project's trace names, for the filter bar's suggestions. */
export const dashboardTraceNames = (projectId: string) => traceNames(db, projectId);
