"use client";

import { useState } from "react";
import { formatBytes } from "@/components/ui/format";
import { cx } from "@/components/ui/cx";

export interface LongTextProps {
  /** Untrusted text: rendered as a React text node, never as HTML. */
  text: string;
  /** Characters shown before "show all". */
  limit?: number;
  className?: string;
  /** Render in a <pre>-like monospace block. */
  mono?: boolean;
}

/** Wrapped text that previews the first `limit` characters of a huge string, with a toggle for the rest. */
export function LongText({ text, limit = 2000, className, mono = false }: LongTextProps) {
  const [all, setAll] = useState(false);
  const long = text.length > limit;
  const shown = long && !all ? text.slice(0, limit) : text;
  return (
    <div className={cx(mono ? "code" : "text-block", className)}>
      {shown}
      {long && (
        <>
          {!all && "… "}
          <button type="button" className="link small" onClick={() => setAll(!all)}>
            {all ? "show less" : `show all (${formatBytes(text.length)})`}
          </button>
        </>
      )}
    </div>
  );
}
