"use client";

import { useEffect, useId, useRef, useState } from "react";
import { MoreIcon } from "./icons";

export interface MenuItem {
  label: string;
  onSelect: () => void;
  danger?: boolean;
}

/**
 * A "more options" button with a dropdown menu: arrows move between items, Escape or Tab closes it
 * and focus returns to the button.
 */
export function Menu({ label, items }: { label: string; items: MenuItem[] }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const closeOutside = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", closeOutside);
    return () => document.removeEventListener("mousedown", closeOutside);
  }, [open]);

  function close() {
    setOpen(false);
    trigger.current?.focus();
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLUListElement>) {
    const entries = [...(root.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = entries.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1 + entries.length, Home: 0, End: entries.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      entries[moves[event.key] % entries.length]?.focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "Tab") {
      setOpen(false);
    }
  }

  return (
    <div ref={root} className="relative">
      <button
        ref={trigger}
        type="button"
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen(!open)}
        className="grid size-9 place-items-center rounded-full bg-sidebar text-muted transition hover:text-strong focus-visible:outline-2 focus-visible:outline-aura-400"
      >
        <MoreIcon />
      </button>
      {open && (
        <ul id={menuId} role="menu" aria-label={label} onKeyDown={onKeyDown} className="absolute top-10 right-0 z-20 w-44 rounded-md bg-rail p-1.5 shadow-xl">
          {items.map((item) => (
            <li key={item.label} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                onClick={() => {
                  // Focus goes back to the button first, so a dialog the item opens restores it there.
                  close();
                  item.onSelect();
                }}
                className={`w-full rounded px-2 py-1.5 text-left text-sm outline-none ${
                  item.danger ? "text-red-400 hover:bg-red-500 hover:text-white focus:bg-red-500 focus:text-white" : "hover:bg-aura-600 hover:text-white focus:bg-aura-600 focus:text-white"
                }`}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
