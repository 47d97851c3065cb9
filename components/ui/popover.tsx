"use client";

import { Suspense, useLayoutEffect, useRef, useState } from "react";

const GAP_PX = 6;
const MARGIN_PX = 8;
/** Below this width a popover is a sheet along the bottom of the screen, as in Discord's app. */
const SHEET_BELOW_PX = 640;

/** Beside `anchor`, right edges aligned: below it where there is room, else above; always on screen. */
function placeBeside(anchor: DOMRect, popover: DOMRect): { top: number; left: number } | null {
  if (window.innerWidth < SHEET_BELOW_PX) return null;
  const below = anchor.bottom + GAP_PX;
  const top = below + popover.height <= window.innerHeight - MARGIN_PX ? below : Math.max(MARGIN_PX, anchor.top - GAP_PX - popover.height);
  const left = Math.min(Math.max(MARGIN_PX, anchor.right - popover.width), window.innerWidth - popover.width - MARGIN_PX);
  return { top, left };
}

interface PopoverProps {
  /** Open beside this element while set. */
  anchor: HTMLElement | null;
  label: string;
  onClose: () => void;
  children: React.ReactNode;
}

/**
 * A popover (the emoji picker, the pins list) on a modal <dialog> without a dimmed backdrop: focus
 * stays in it, Escape or a click outside closes it, and focus goes back to what opened it. On a
 * phone it is a sheet along the bottom of the screen.
 */
export function Popover({ anchor, label, onClose, children }: PopoverProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [place, setPlace] = useState<{ top: number; left: number } | null>(null);

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!anchor) {
      if (dialog.open) dialog.close();
      return;
    }
    if (!dialog.open) dialog.showModal();
    // Placed again as its content loads or grows (the picker's code, the pins list).
    const place = () => setPlace(placeBeside(anchor.getBoundingClientRect(), dialog.getBoundingClientRect()));
    place();
    const resized = new ResizeObserver(place);
    resized.observe(dialog);
    return () => resized.disconnect();
  }, [anchor]);

  return (
    <dialog
      ref={ref}
      aria-label={label}
      onClose={(event) => event.target === event.currentTarget && onClose()}
      onClick={(event) => event.target === ref.current && onClose()}
      style={place ?? undefined}
      className={`fixed m-0 overflow-hidden border border-subtle bg-sidebar p-0 text-normal shadow-2xl backdrop:bg-transparent ${
        place ? "rounded-lg" : "inset-x-0 top-auto bottom-0 w-full max-w-none rounded-t-xl sm:inset-auto sm:w-auto sm:rounded-lg"
      }`}
    >
      {anchor && (
        <Suspense
          fallback={
            <p role="status" className="p-6 text-sm text-muted">
              Loading…
            </p>
          }
        >
          {children}
        </Suspense>
      )}
    </dialog>
  );
}
