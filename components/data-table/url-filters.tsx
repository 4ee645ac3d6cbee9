"use client";

// Filter controls bound to URL search params. Rendered in a DataTable's `toolbar` they share its
// transition (the table dims while the server re-renders); elsewhere they navigate on their own.
// Every change resets the page to 1 (see withParams).

import { useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { SelectOption } from "@/components/ui/input";
import { RANGE_PARAM, TIME_PRESETS } from "@/lib/time-range";
import { useUrlNav } from "./use-url-nav";

export interface SearchFilterProps {
  /** Search param name (default "q"). */
  param?: string;
  placeholder?: string;
  /** Accessible label (visually hidden). */
  label?: string;
  /** Wait after typing before navigating. */
  debounceMs?: number;
}

export function SearchFilter({ param = "q", placeholder = "Search…", label = "Search", debounceMs = 400 }: SearchFilterProps) {
  const { setParams } = useUrlNav();
  const urlValue = useSearchParams()?.get(param) ?? "";
  const [text, setText] = useState(urlValue);
  const [seen, setSeen] = useState(urlValue);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const typing = useRef(false);

  // The URL changed under us (back button, "clear filters"): show it, unless the user is mid-edit.
  if (seen !== urlValue) {
    setSeen(urlValue);
    if (!typing.current) setText(urlValue);
  }
  useEffect(() => () => clearTimeout(timer.current), []);

  const commit = (value: string) => {
    clearTimeout(timer.current);
    typing.current = false;
    if (value.trim() !== urlValue) setParams({ [param]: value.trim() || null });
  };

  return (
    <input
      type="search"
      className="input"
      aria-label={label}
      placeholder={placeholder}
      value={text}
      onChange={(e) => {
        const v = e.target.value;
        setText(v);
        typing.current = true;
        clearTimeout(timer.current);
        timer.current = setTimeout(() => commit(v), debounceMs);
      }}
      onKeyDown={(e) => e.key === "Enter" && commit(text)}
    />
  );
}

export interface SelectFilterProps {
  param: string;
  options: readonly SelectOption[];
  /** Label of the empty option that clears the filter, e.g. "All levels". */
  allLabel?: string;
  label?: string;
}

export function SelectFilter({ param, options, allLabel = "All", label }: SelectFilterProps) {
  const { setParams } = useUrlNav();
  const value = useSearchParams()?.get(param) ?? "";
  return (
    <select className="select" aria-label={label ?? param} value={value} onChange={(e) => setParams({ [param]: e.target.value || null })}>
      <option value="">{allLabel}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value} disabled={o.disabled}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** "Clear filters" link, shown only while one of `params` is set. */
export function ClearFilters({ params, label = "Clear filters" }: { params: readonly string[]; label?: string }) {
  const { setParams } = useUrlNav();
  const sp = useSearchParams();
  if (!params.some((p) => sp?.get(p))) return null;
  return (
    <button type="button" className="btn btn-ghost btn-sm" onClick={() => setParams(Object.fromEntries(params.map((p) => [p, null])))}>
      {label}
    </button>
  );
}

/** The tables' time range: the shared presets (lib/time-range.ts) in `?range=`, all time when unset. */
export function TimeRangeFilter() {
  return <SelectFilter param={RANGE_PARAM} label="Time range" allLabel="All time" options={TIME_PRESETS.map((r) => ({ value: r.value, label: r.label }))} />;
}
