"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { createContext, useCallback, useContext, useTransition } from "react";
import { withParams, type ParamUpdate } from "./url-state";

export interface UrlNav {
  /** Applies param updates to the current URL (other params kept) and re-renders the server page. */
  setParams: (updates: ParamUpdate) => void;
  /** Navigates to a full href inside the same transition (row clicks). */
  go: (href: string) => void;
  pending: boolean;
}

/** Lets filters rendered inside a DataTable share its transition, so the table dims while they load. */
export const UrlNavContext = createContext<UrlNav | null>(null);

export function useUrlNavState(): UrlNav {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();

  const setParams = useCallback(
    (updates: ParamUpdate) => {
      const qs = withParams(searchParams?.toString() ?? "", updates);
      // replace for in-place table changes would lose back-button history of filters; push keeps it.
      startTransition(() => router.push(`${pathname}${qs}`, { scroll: false }));
    },
    [router, pathname, searchParams],
  );
  const go = useCallback((href: string) => startTransition(() => router.push(href)), [router]);
  return { setParams, go, pending };
}

/** The enclosing DataTable's navigation, or a fresh one outside a table. */
export function useUrlNav(): UrlNav {
  const ctx = useContext(UrlNavContext);
  const own = useUrlNavState();
  return ctx ?? own;
}
