"use client";

import type { InputHTMLAttributes } from "react";

/** A checkbox that can show the "some selected" dash (indeterminate is DOM-only, so it's set via ref). */
export function Checkbox({ indeterminate = false, ...rest }: InputHTMLAttributes<HTMLInputElement> & { indeterminate?: boolean }) {
  return (
    <input
      type="checkbox"
      ref={(el) => {
        if (el) el.indeterminate = indeterminate;
      }}
      {...rest}
    />
  );
}
