"use client";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { FriendConfirm } from "./use-friend-actions";

/** Asks before removing a friend or blocking them, saying what each does. */
export function ConfirmFriendAction({ confirm, busy, onCancel, onConfirm }: { confirm: FriendConfirm; busy: boolean; onCancel: () => void; onConfirm: () => void }) {
  return (
    <Dialog
      open={confirm !== null}
      onClose={onCancel}
      title={confirm?.action === "block" ? `Block ${confirm.user.display_name}?` : `Remove ${confirm?.user.display_name ?? "friend"}`}
      description={
        confirm?.action === "block"
          ? "They will no longer be your friend, their pending requests are withdrawn, and neither of you can message the other."
          : `Are you sure you want to remove ${confirm?.user.display_name ?? "them"} from your friends?`
      }
    >
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button variant="danger" disabled={busy} onClick={onConfirm}>
          {confirm?.action === "block" ? "Block" : "Remove friend"}
        </Button>
      </div>
    </Dialog>
  );
}
