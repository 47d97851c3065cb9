import { attachmentData, keepOrDiscard, receiveAttachment, storedKeys } from "../attachments/create-attachment";
import { attachmentUrl } from "../attachments/serialize";
import { transaction } from "../db/client";
import type { User } from "../db/generated/client";
import { broadcastUserStatus } from "../realtime/presence";
import { storage } from "../storage";
import { toSelfUser } from "./serialize";
import type { ApiRequest } from "../http/route";

/**
 * POST /api/users/me/avatar: the uploaded image, cropped square and stored as WebP, becomes the
 * caller's avatar_url; the avatar it replaces is deleted. (A URL through PATCH /api/users/me still works.)
 */
export async function updateAvatar(user: User, req: ApiRequest) {
  const received = await receiveAttachment(user.id, req, { square: true });
  const { updated, replaced } = await keepOrDiscard(received, () =>
    transaction(async (tx) => {
      const replaced = await tx.attachment.findMany({ where: { uploader_id: user.id, kind: "avatar" } });
      await tx.attachment.deleteMany({ where: { id: { in: replaced.map((row) => row.id) } } });
      const avatar = await tx.attachment.create({ data: attachmentData(user.id, received, "avatar") });
      const updated = await tx.user.update({ where: { id: user.id }, data: { avatar_url: attachmentUrl(avatar.id, avatar.filename) } });
      return { updated, replaced };
    }),
  );
  await storage().delete(replaced.flatMap(storedKeys));
  await broadcastUserStatus(updated);
  return toSelfUser(updated);
}
