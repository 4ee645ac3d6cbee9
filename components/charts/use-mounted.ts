"use client";
// Charts draw in the browser only: false on the server render and during hydration, true after.
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

export function useMounted(): boolean {
  return useSyncExternalStore(subscribe, () => true, () => false);
}
