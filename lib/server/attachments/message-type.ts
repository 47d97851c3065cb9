import { db } from "../db/client";
import { ApiError } from "../errors";
import { isInlineImage } from "./content-types";

type UserMessageType = "text" | "image" | "file";

/** What a send answers when an attachment id is not (or no longer) the sender's unattached upload. */
export function attachmentsUnavailable(ids: number[]): ApiError {
  return new ApiError("invalid_request", "attachment_ids must be your own uploads that no message has taken", [
    { path: "attachment_ids", message: `Not an upload of yours waiting to be sent: ${ids.join(", ")}` },
  ]);
}

/**
 * The message_type a send with these attachments stores: image when every attachment is an image,
 * file when any is not, text without. A client-given type that says otherwise is refused; so is
 * any id that is not the sender's own upload waiting for a message.
 */
export async function messageTypeFor(senderId: number, attachmentIds: number[], given: string | undefined): Promise<UserMessageType> {
  let derived: UserMessageType = "text";
  if (attachmentIds.length > 0) {
    const uploads = await db.attachment.findMany({
      where: { id: { in: attachmentIds }, uploader_id: senderId, kind: "upload", attached_at: null },
      select: { id: true, content_type: true },
    });
    if (uploads.length !== attachmentIds.length) {
      const found = new Set(uploads.map((upload) => upload.id));
      throw attachmentsUnavailable(attachmentIds.filter((id) => !found.has(id)));
    }
    derived = uploads.every((upload) => isInlineImage(upload.content_type)) ? "image" : "file";
  }
  if (given !== undefined && given !== derived) {
    throw new ApiError("invalid_request", `message_type ${given} contradicts the attachments: this message is ${derived}`, [
      { path: "message_type", message: `Must be ${derived} (or left out) for these attachments` },
    ]);
  }
  return derived;
}
