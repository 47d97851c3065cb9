import type { Attachment as AttachmentDto } from "@/lib/api/entities";

/** What a message's attachment needs from its row to be shown: the hot queries select exactly this. */
export interface AttachmentRow {
  id: number;
  filename: string;
  content_type: string;
  size: number;
  width: number | null;
  height: number | null;
  thumbnail_key: string | null;
}

/** Prisma's select for a message's attachments, in upload order. */
export const attachmentsInclude = {
  attachments: {
    select: { id: true, filename: true, content_type: true, size: true, width: true, height: true, thumbnail_key: true },
    orderBy: { id: "asc" },
  },
} as const;

/** `/thumbnail` is the preview's path: a file of that name is served under another. */
const RESERVED_NAMES = new Set(["thumbnail"]);
const MAX_FILENAME_LENGTH = 200;

/**
 * The name an upload is served under: the last segment of what the client sent, without control
 * characters, never empty, `.` or `..` (which a URL would resolve away), at most 200 characters.
 */
export function cleanFilename(name: string | undefined): string {
  const base = (name ?? "").split(/[/\\]/).pop() ?? "";
  const cleaned = Array.from(base.replace(/[\u0000-\u001f\u007f]/g, "").trim()).slice(-MAX_FILENAME_LENGTH).join("");
  if (cleaned === "" || /^\.+$/.test(cleaned)) return "file";
  return RESERVED_NAMES.has(cleaned.toLowerCase()) ? `${cleaned}_` : cleaned;
}

export const attachmentUrl = (id: number, filename: string) => `/api/attachments/${id}/${encodeURIComponent(filename)}`;

export function toAttachment(row: AttachmentRow): AttachmentDto {
  return {
    id: row.id,
    filename: row.filename,
    content_type: row.content_type,
    size: row.size,
    width: row.width,
    height: row.height,
    url: attachmentUrl(row.id, row.filename),
    thumbnail_url: row.thumbnail_key ? `/api/attachments/${row.id}/thumbnail` : null,
  };
}

/** The attachments of a hot query's row: SQLite hands the JSON array over as text, PostgreSQL parsed. */
export function attachmentsFrom(value: string | AttachmentRow[] | null | undefined): AttachmentDto[] {
  if (value == null) return [];
  const rows = typeof value === "string" ? (JSON.parse(value) as AttachmentRow[]) : value;
  return rows.map(toAttachment);
}
