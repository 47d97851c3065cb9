"use client";

import { useEffect, useId, useRef } from "react";
import { IconButton } from "./button";
import { CloseIcon } from "./icons";

interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: string;
  children: React.ReactNode;
  wide?: boolean;
}

/**
 * A modal on the native <dialog>: focus is trapped and restored by the browser, Escape closes it,
 * and the rest of the page is inert while it is open.
 */
export function Dialog({ open, onClose, title, description, children, wide }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClose={(event) => {
        // React passes a nested dialog's close up the component tree: only this dialog's own counts.
        if (event.target === event.currentTarget) onClose();
      }}
      onClick={(event) => {
        if (event.target === ref.current) onClose();
      }}
      className={`m-auto w-[calc(100%-2rem)] ${wide ? "max-w-2xl" : "max-w-md"} rounded-xl bg-sidebar p-0 text-normal shadow-2xl backdrop:bg-black/70`}
    >
      {open && (
        <div className="p-6">
          <div className="flex items-start justify-between gap-4">
            <h2 id={titleId} className="text-xl font-semibold text-strong">
              {title}
            </h2>
            <IconButton label="Close" className="-mt-1 -mr-2" onClick={onClose}>
              <CloseIcon className="size-5" />
            </IconButton>
          </div>
          {description && (
            <p id={descriptionId} className="mt-1 text-sm text-muted">
              {description}
            </p>
          )}
          <div className="mt-4">{children}</div>
        </div>
      )}
    </dialog>
  );
}
