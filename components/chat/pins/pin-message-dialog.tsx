"use client";

import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { messageTimestamp } from "@/lib/format";
import { Markdown } from "../markdown";
import type { ChatMessage } from "../types";

interface PinMessageDialogProps {
  /** The message to pin, or to unpin when it is pinned; the dialog is open while it is set. */
  message: ChatMessage | null;
  onCancel: () => void;
  onConfirm: () => void;
}

/** Asks before pinning or unpinning a message, showing it, as Discord does. */
export function PinMessageDialog({ message, onCancel, onConfirm }: PinMessageDialogProps) {
  const unpin = !!message?.pinned;
  return (
    <Dialog
      open={message !== null}
      onClose={onCancel}
      title={unpin ? "Unpin message" : "Pin message"}
      description={unpin ? "You sure you want to remove this pinned message?" : "Hey, just double checking that you want to pin this message to the channel for everyone to see?"}
    >
      {message && (
        <div className="flex max-h-48 gap-3 overflow-hidden rounded-md bg-rail p-3 text-sm shadow-inner">
          <Avatar name={message.authorName} url={message.avatarUrl} size={32} />
          <div className="min-w-0">
            <p>
              <span className="font-semibold text-strong">{message.authorName}</span>{" "}
              <time className="text-xs text-muted" dateTime={message.createdAt}>
                {messageTimestamp(message.createdAt)}
              </time>
            </p>
            <div className="break-words whitespace-pre-wrap">
              <Markdown content={message.content} />
            </div>
          </div>
        </div>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button variant={unpin ? "danger" : "primary"} onClick={onConfirm}>
          {unpin ? "Remove it" : "Pin it"}
        </Button>
      </div>
    </Dialog>
  );
}
