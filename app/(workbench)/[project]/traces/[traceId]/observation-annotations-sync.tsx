"use client";
// The viewer mirrors its selection into ?observation= without a server round
// trip; the observation's scores and comments are a server component, so after
// the selection settles we re-render the page once for the new observation.
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect } from "react";

const SETTLE_MS = 500;

export function ObservationAnnotationsSync({ renderedFor }: { renderedFor: string | null }) {
  const selected = useSearchParams()?.get("observation") ?? null;
  const router = useRouter();
  useEffect(() => {
    if (selected === renderedFor) return;
    const timer = setTimeout(() => router.refresh(), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [selected, renderedFor, router]);
  return null;
}
