"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ChatMessage } from "../types";
import { MessagePreview } from "./message-preview";

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
    <ConfirmDialog
      open={message !== null}
      onCancel={onCancel}
      onConfirm={onConfirm}
      title={unpin ? "Unpin message" : "Pin message"}
      description={unpin ? "You sure you want to remove this pinned message?" : "Hey, just double checking that you want to pin this message to the channel for everyone to see?"}
      confirmLabel={unpin ? "Remove it" : "Pin it"}
      confirmVariant={unpin ? "danger" : "primary"}
    >
      {message && (
        <div className="max-h-48 overflow-hidden rounded-md bg-rail p-3 text-sm shadow-inner">
          <MessagePreview message={message} />
        </div>
      )}
    </ConfirmDialog>
  );
}
