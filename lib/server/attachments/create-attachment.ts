import type { Attachment } from "@/lib/api/entities";
import { getConfig } from "../config";
import { db } from "../db/client";
import type { AttachmentKind } from "../db/generated/client";
import { consumeLimit } from "../limits/rate-limit";
import { storage } from "../storage";
import { storeUpload, type StoredUpload } from "./process-upload";
import { receiveUpload } from "./receive-upload";
import { cleanFilename, toAttachment } from "./serialize";
import type { ApiRequest } from "../http/route";

export interface ReceivedAttachment extends StoredUpload {
  filename: string;
}

/** Receives the request's `file` part and puts it in storage (see storeUpload); nothing is kept when it throws. */
export async function receiveAttachment(uploaderId: number, req: ApiRequest, options: { square?: boolean } = {}): Promise<ReceivedAttachment> {
  await consumeLimit("upload", uploaderId);
  const { uploads } = getConfig();
  const received = await receiveUpload(req, { maxBytes: uploads.maxBytes, dir: uploads.incomingDir });
  const stored = await storeUpload(received, { maxImagePixels: uploads.maxImagePixels, square: options.square });
  return { ...stored, filename: options.square ? "image.webp" : cleanFilename(received.filename) };
}

export const storedKeys = (row: { storage_key: string; thumbnail_key: string | null }) => (row.thumbnail_key ? [row.storage_key, row.thumbnail_key] : [row.storage_key]);

/** Runs `write` (which records the attachment); if it fails, the stored files go too. */
export async function keepOrDiscard<T>(received: ReceivedAttachment, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    await storage().delete(storedKeys(received)).catch(() => undefined);
    throw error;
  }
}

export const attachmentData = (uploaderId: number, received: ReceivedAttachment, kind: AttachmentKind = "upload") => ({
  kind,
  uploader_id: uploaderId,
  filename: received.filename,
  content_type: received.content_type,
  size: received.size,
  width: received.width,
  height: received.height,
  storage_key: received.storage_key,
  thumbnail_key: received.thumbnail_key,
  attached_at: kind === "upload" ? null : new Date(),
});

/** POST /api/attachments: an upload that is the caller's alone until a message takes it. */
export async function createAttachment(uploaderId: number, req: ApiRequest): Promise<Attachment> {
  const received = await receiveAttachment(uploaderId, req);
  return keepOrDiscard(received, async () => toAttachment(await db.attachment.create({ data: attachmentData(uploaderId, received) })));
}
