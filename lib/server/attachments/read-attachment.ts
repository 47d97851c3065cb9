import type { Readable } from "node:stream";
import contentDisposition from "content-disposition";
import parseRange from "range-parser";
import { findChannelAccess } from "../access";
import { db } from "../db/client";
import type { Attachment } from "../db/generated/client";
import { ApiError, notFound } from "../errors";
import { storage, StoredObjectMissing, type ByteRange } from "../storage";
import { isInlineImage } from "./content-types";

export interface AttachmentDownload {
  status: 200 | 206;
  headers: Record<string, string>;
  body: Readable;
}

type AttachmentWithLinks = Attachment & {
  message: { channel_id: number } | null;
  direct_message: { sender_id: number; receiver_id: number } | null;
};

/**
 * Who may read an attachment: before a message takes it, its uploader alone; afterwards whoever may
 * read the message (the channel's readers: members, and for a private channel its members and
 * managers; a DM's two parties). Avatars and icons are for every signed-in user. A row whose
 * message is gone (detached) is for nobody.
 */
async function canRead(viewerId: number, row: AttachmentWithLinks): Promise<boolean> {
  if (row.kind !== "upload") return true;
  if (row.attached_at === null) return row.uploader_id === viewerId;
  if (row.message) return (await findChannelAccess(viewerId, row.message.channel_id)) !== null;
  if (row.direct_message) return row.direct_message.sender_id === viewerId || row.direct_message.receiver_id === viewerId;
  return false;
}

/** The attachment, or the 404 a missing one gets for anyone who may not read it. */
async function requireReadable(viewerId: number, attachmentId: number): Promise<AttachmentWithLinks> {
  const row = await db.attachment.findUnique({
    where: { id: attachmentId },
    include: { message: { select: { channel_id: true } }, direct_message: { select: { sender_id: true, receiver_id: true } } },
  });
  if (!row || !(await canRead(viewerId, row))) throw notFound("Attachment");
  return row;
}

/** The one range a Range header asks for; none (the whole file) for a malformed or multi-range header. */
function requestedRange(header: string | null, size: number): ByteRange | undefined {
  if (!header) return undefined;
  const ranges = parseRange(size, header, { combine: true });
  if (ranges === -1) {
    throw new ApiError("range_not_satisfiable", `The file has ${size} bytes`, { size }, 416);
  }
  if (ranges === -2 || ranges.type !== "bytes" || ranges.length !== 1) return undefined;
  return { start: ranges[0].start, end: ranges[0].end };
}

/**
 * GET /api/attachments/{id}/{filename} and …/thumbnail: the stored bytes with headers that keep a
 * browser from ever running them. The type is the sniffed one; only raster images are shown
 * inline, everything else (SVG and HTML included) is a download, and a sandbox CSP covers a
 * browser that renders it anyway.
 */
export async function readAttachment(viewerId: number, attachmentId: number, variant: "file" | "thumbnail", rangeHeader: string | null): Promise<AttachmentDownload> {
  const row = await requireReadable(viewerId, attachmentId);
  const thumbnail = variant === "thumbnail";
  const key = thumbnail ? row.thumbnail_key : row.storage_key;
  if (!key) throw notFound("Thumbnail");
  const contentType = thumbnail ? "image/webp" : row.content_type;
  const filename = thumbnail ? `${row.filename}.thumbnail.webp` : row.filename;

  // (No Content-Length: Next streams route handler bodies chunked and drops it.)
  const range = thumbnail ? undefined : requestedRange(rangeHeader, row.size);
  const body = await storage()
    .read(key, range)
    .catch((error: unknown) => {
      // The row outlived its file (deleted by a purge on another node meanwhile).
      throw error instanceof StoredObjectMissing ? notFound("Attachment") : error;
    });
  const headers: Record<string, string> = {
    "Content-Type": contentType,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox; default-src 'none'",
    "Content-Disposition": contentDisposition(filename, { type: isInlineImage(contentType) ? "inline" : "attachment" }),
    "Cache-Control": "private",
  };
  if (thumbnail) return { status: 200, headers, body };
  headers["Accept-Ranges"] = "bytes";
  if (!range) return { status: 200, headers, body };
  return { status: 206, headers: { ...headers, "Content-Range": `bytes ${range.start}-${range.end}/${row.size}` }, body };
}
