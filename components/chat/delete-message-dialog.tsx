"use client";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Markdown } from "./markdown";
import type { ChatMessage } from "./types";

/** The one confirmation a message pane asks before deleting `message` (open while it is set). */
export function DeleteMessageDialog({ message, onCancel, onConfirm }: { message: ChatMessage | null; onCancel: () => void; onConfirm: () => void }) {
  return (
    <Dialog open={message !== null} onClose={onCancel} title="Delete message" description="Are you sure you want to delete this message? This cannot be undone.">
      {message && (
        <blockquote className="max-h-40 overflow-hidden rounded-md bg-rail p-3 text-sm break-words whitespace-pre-wrap">
          <Markdown content={message.content} />
        </blockquote>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button variant="danger" onClick={onConfirm}>
          Delete
        </Button>
      </div>
    </Dialog>
  );
}
