"use client";
// React resets a form after its `action` runs, which wipes what the user typed
// when the server refuses it (and desyncs controlled selects from the DOM).
// Submitting through onSubmit keeps the values; forms reset themselves on success.
import { startTransition, useEffect, useRef, type FormEvent } from "react";

export function keepValuesOnSubmit(dispatch: (form: FormData) => void) {
  return (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    startTransition(() => dispatch(form));
  };
}

/** A ref for the form that clears it once the server accepted it. */
export function useResetOnSuccess(state: { ok?: boolean }) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok) ref.current?.reset();
  }, [state]);
  return ref;
}
