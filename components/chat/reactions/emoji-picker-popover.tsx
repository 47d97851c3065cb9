"use client";

import { onDemand } from "@/components/ui/on-demand";
import { Popover } from "@/components/ui/popover";

// The picker's code (frimousse) and its data load the first time it opens.
const EmojiPickerPanel = onDemand(() => import("./emoji-picker").then((m) => m.EmojiPickerPanel));

interface EmojiPickerPopoverProps {
  /** Open beside this element while set. */
  anchor: HTMLElement | null;
  label: string;
  /** Why a pick may not go through (the message's reactions are full). */
  notice?: string | null;
  onSelect: (emoji: string) => void;
  onClose: () => void;
}

/** The emoji picker in a popover beside what opened it (a sheet on phones). */
export function EmojiPickerPopover({ anchor, label, notice, onSelect, onClose }: EmojiPickerPopoverProps) {
  return (
    <Popover anchor={anchor} label={label} onClose={onClose}>
      <EmojiPickerPanel onSelect={onSelect} notice={notice} />
    </Popover>
  );
}
