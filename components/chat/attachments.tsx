"use client";

import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { DownloadIcon, FileIcon } from "@/components/ui/icons";
import type { Attachment } from "@/lib/api/entities";
import { fileSize } from "@/lib/format";

const MAX_WIDTH = 400;
const MAX_HEIGHT = 300;

/** An image's box in the message, from its stored size: the space is kept before it loads (no jump). */
function previewSize({ width, height }: Attachment): { width: number; height: number } {
  const w = width ?? MAX_WIDTH;
  const h = height ?? MAX_HEIGHT;
  const scale = Math.min(1, MAX_WIDTH / w, MAX_HEIGHT / h);
  return { width: Math.max(1, Math.round(w * scale)), height: Math.max(1, Math.round(h * scale)) };
}

/** A message's files: images inline (opening in a lightbox), others as cards to download. */
export function Attachments({ attachments }: { attachments: Attachment[] }) {
  const [open, setOpen] = useState<Attachment | null>(null);
  if (attachments.length === 0) return null;
  return (
    <div className="mt-1 flex flex-col items-start gap-2">
      {attachments.map((attachment) =>
        attachment.thumbnail_url ? (
          <button
            key={attachment.id}
            type="button"
            onClick={() => setOpen(attachment)}
            aria-label={`Open image ${attachment.filename}`}
            className="max-w-full overflow-hidden rounded-md bg-rail focus-visible:ring-2 focus-visible:ring-aura-500"
            style={previewSize(attachment)}
          >
            {/* Served by the API with the sniffed image type, nosniff and a sandbox CSP. */}
            <img src={attachment.thumbnail_url} alt={attachment.filename} loading="lazy" {...previewSize(attachment)} className="size-full object-cover" />
          </button>
        ) : (
          <FileCard key={attachment.id} attachment={attachment} />
        ),
      )}
      {open && (
        <Dialog open onClose={() => setOpen(null)} title={open.filename} wide>
          <img src={open.url} alt={open.filename} width={open.width ?? undefined} height={open.height ?? undefined} className="mx-auto max-h-[70vh] w-auto max-w-full object-contain" />
          <p className="mt-3 text-right text-sm">
            <a href={open.url} download={open.filename} className="font-semibold text-sky-700 underline underline-offset-2 dark:text-sky-400">
              Download ({fileSize(open.size)})
            </a>
          </p>
        </Dialog>
      )}
    </div>
  );
}

function FileCard({ attachment }: { attachment: Attachment }) {
  return (
    <div className="flex w-80 max-w-full items-center gap-3 rounded-md border border-subtle bg-sidebar p-3">
      <FileIcon className="size-8 shrink-0 text-muted" />
      <div className="min-w-0 flex-1">
        <a href={attachment.url} download={attachment.filename} className="block truncate font-medium text-sky-700 underline underline-offset-2 dark:text-sky-400" title={attachment.filename}>
          {attachment.filename}
        </a>
        <span className="text-xs text-muted">{fileSize(attachment.size)}</span>
      </div>
      <a href={attachment.url} download={attachment.filename} aria-label={`Download ${attachment.filename}`} className="rounded p-1.5 text-muted hover:text-strong">
        <DownloadIcon className="size-5" />
      </a>
    </div>
  );
}
