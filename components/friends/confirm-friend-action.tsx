"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { FriendConfirm } from "./use-friend-actions";

/** Asks before removing a friend or blocking them, saying what each does. */
export function ConfirmFriendAction({ confirm, busy, onCancel, onConfirm }: { confirm: FriendConfirm; busy: boolean; onCancel: () => void; onConfirm: () => void }) {
  const block = confirm?.action === "block";
  return (
    <ConfirmDialog
      open={confirm !== null}
      onCancel={onCancel}
      onConfirm={onConfirm}
      busy={busy}
      title={block ? `Block ${confirm.user.display_name}?` : `Remove ${confirm?.user.display_name ?? "friend"}`}
      description={
        block
          ? "They will no longer be your friend, their pending requests are withdrawn, and neither of you can message the other."
          : `Are you sure you want to remove ${confirm?.user.display_name ?? "them"} from your friends?`
      }
      confirmLabel={block ? "Block" : "Remove friend"}
    />
  );
}
