"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Button, type ButtonVariant } from "./button";

export interface DialogProps {
  title: ReactNode;
  children: ReactNode;
  /** Buttons at the bottom. A `<form method="dialog">` button also closes it. */
  footer?: ReactNode;
  /** Controlled mode: pass open + onOpenChange. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** Uncontrolled mode: renders a button with this content that opens the dialog. */
  trigger?: ReactNode;
  triggerVariant?: ButtonVariant;
  className?: string;
}

/**
 * Native <dialog> with showModal(): focus trap, Escape and the backdrop come from the browser,
 * so there's no portal or focus-lock code here.
 */
export function Dialog({ title, children, footer, open, onOpenChange, trigger, triggerVariant = "secondary", className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [innerOpen, setInnerOpen] = useState(false);
  const isOpen = open ?? innerOpen;
  const titleId = useId();

  const setOpen = (next: boolean) => {
    if (open === undefined) setInnerOpen(next);
    onOpenChange?.(next);
  };

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (isOpen && !el.open) el.showModal();
    if (!isOpen && el.open) el.close();
  }, [isOpen]);

  return (
    <>
      {trigger !== undefined && (
        <Button variant={triggerVariant} onClick={() => setOpen(true)}>
          {trigger}
        </Button>
      )}
      <dialog
        ref={ref}
        className={className ? `dialog ${className}` : "dialog"}
        aria-labelledby={titleId}
        // Fires for Escape, form[method=dialog] and el.close(): keep React state in sync.
        onClose={() => isOpen && setOpen(false)}
        // A click whose target is the <dialog> itself landed on the backdrop.
        onClick={(e) => e.target === e.currentTarget && setOpen(false)}
      >
        {isOpen && (
          <>
            <div className="dialog-head">
              <h2 id={titleId} className="grow">
                {title}
              </h2>
              <Button variant="ghost" size="sm" icon aria-label="Close" onClick={() => setOpen(false)}>
                ✕
              </Button>
            </div>
            <div className="dialog-body">{children}</div>
            {footer && <div className="dialog-foot">{footer}</div>}
          </>
        )}
      </dialog>
    </>
  );
}
