"use client";

import { useState } from "react";
import { IconButton } from "@/components/ui/button";
import { PinIcon } from "@/components/ui/icons";
import { onDemand } from "@/components/ui/on-demand";
import { Popover } from "@/components/ui/popover";
import type { Person } from "../types";

// The list loads with its code the first time it is opened.
const PinsPanel = onDemand(() => import("./pins-panel").then((m) => m.PinsPanel));

interface PinsButtonProps {
  channelId: number;
  canPin: boolean;
  people?: Map<number, Person>;
  /** Shows the message in the channel's pane, loading the history around it if needed. */
  onJump: (messageId: number) => void;
}

/** The channel header's pin button, opening the list of the channel's pinned messages. */
export function PinsButton({ channelId, canPin, people, onJump }: PinsButtonProps) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  return (
    <>
      <IconButton label="Pinned messages" aria-haspopup="dialog" aria-expanded={anchor !== null} onClick={(event) => setAnchor(event.currentTarget)}>
        <PinIcon />
      </IconButton>
      <Popover anchor={anchor} label="Pinned messages" onClose={() => setAnchor(null)}>
        <PinsPanel
          channelId={channelId}
          canPin={canPin}
          people={people}
          onJump={(messageId) => {
            setAnchor(null);
            onJump(messageId);
          }}
        />
      </Popover>
    </>
  );
}
