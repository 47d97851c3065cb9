"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Markdown } from "./markdown";
import type { ChatMessage } from "./types";

/** The one confirmation a message pane asks before deleting `message` (open while it is set). */
export function DeleteMessageDialog({ message, onCancel, onConfirm }: { message: ChatMessage | null; onCancel: () => void; onConfirm: () => void }) {
  return (
    <ConfirmDialog
      open={message !== null}
      onCancel={onCancel}
      onConfirm={onConfirm}
      title="Delete message"
      description="Are you sure you want to delete this message? This cannot be undone."
      confirmLabel="Delete"
    >
      {message && (
        <blockquote className="max-h-40 overflow-hidden rounded-md bg-rail p-3 text-sm break-words whitespace-pre-wrap">
          <Markdown content={message.content} />
        </blockquote>
      )}
    </ConfirmDialog>
  );
}
