"use client";

import { useState } from "react";
import { SmileIcon } from "@/components/ui/icons";
import { EmojiPickerPopover } from "./emoji-picker-popover";

/** The composer's emoji button: the picked emoji goes into the draft. */
export function ComposerEmojiButton({ onPick }: { onPick: (emoji: string) => void }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  return (
    <>
      <button
        type="button"
        aria-label="Choose an emoji"
        title="Emoji"
        aria-haspopup="dialog"
        onClick={(event) => setAnchor(event.currentTarget)}
        className="-mr-2 mb-1.5 ml-1 rounded p-1.5 text-muted hover:text-strong"
      >
        <SmileIcon className="size-5" />
      </button>
      <EmojiPickerPopover
        anchor={anchor}
        label="Choose an emoji"
        onClose={() => setAnchor(null)}
        onSelect={(emoji) => {
          setAnchor(null);
          onPick(emoji);
        }}
      />
    </>
  );
}
