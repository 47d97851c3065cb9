import type { UpdateProfileInput } from "@/lib/validations/users";
import { deleteAttachments } from "../attachments/purge-attachments";
import { db } from "../db/client";
import type { User } from "../db/generated/client";
import { broadcastUserStatus } from "../realtime/presence";
import { toSelfUser } from "./serialize";

/** Changes only the listed profile fields; a null display_name falls back to the username. */
export async function updateProfile(user: User, input: UpdateProfileInput) {
  const { status, ...profile } = input;
  const updated = await db.user.update({
    where: { id: user.id },
    data: {
      ...profile,
      ...(profile.display_name === null ? { display_name: user.username } : {}),
      // A chosen status is the user's preference and is shown at once (offline = invisible).
      ...(status ? { preferred_status: status, status } : {}),
    },
  });
  // An uploaded avatar that the new avatar_url no longer points at is deleted.
  if (profile.avatar_url !== undefined && profile.avatar_url !== user.avatar_url) await deleteAttachments({ uploader_id: user.id, kind: "avatar" });
  await broadcastUserStatus(updated);
  return toSelfUser(updated);
}
