"use client";

import { useEffect, useState } from "react";
import { onDemand, OnceOpened } from "@/components/ui/on-demand";

// The dialog and its search load on the first Ctrl+K.
const QuickSwitcherDialog = onDemand(() => import("./quick-switcher-dialog").then((m) => m.QuickSwitcherDialog));

/** Ctrl+K (⌘K on a Mac): jump to a channel, a conversation or a community by typing its name. */
export function QuickSwitcher() {
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k") {
        event.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <OnceOpened open={open}>
      <QuickSwitcherDialog open={open} onClose={() => setOpen(false)} />
    </OnceOpened>
  );
}
