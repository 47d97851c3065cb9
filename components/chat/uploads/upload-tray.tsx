"use client";

import { CloseIcon, FileIcon } from "@/components/ui/icons";
import { fileSize } from "@/lib/format";
import type { PendingUpload } from "./use-uploads";

/** The files waiting in the composer: a preview or icon, name, size, progress, and a remove button. */
export function UploadTray({ uploads, onRemove }: { uploads: PendingUpload[]; onRemove: (key: string) => void }) {
  if (uploads.length === 0) return null;
  return (
    <ul aria-label="Files to send" className="flex gap-2 overflow-x-auto border-b border-subtle px-1 pt-3 pb-2">
      {uploads.map((upload) => (
        <li key={upload.key} className="relative flex w-44 shrink-0 flex-col gap-1 rounded-md bg-sidebar p-2 text-xs">
          <div className="flex h-20 items-center justify-center overflow-hidden rounded bg-rail">
            {upload.previewUrl ? (
              // A local preview of the user's own file (a blob: URL), never bytes from the server.
              <img src={upload.previewUrl} alt="" className="max-h-full max-w-full object-contain" />
            ) : (
              <FileIcon className="size-8 text-muted" />
            )}
          </div>
          <span className="truncate font-medium text-strong" title={upload.name}>
            {upload.name}
          </span>
          <span className="text-muted">{fileSize(upload.size)}</span>
          {upload.state === "uploading" && (
            <progress aria-label={`Uploading ${upload.name}`} value={upload.progress} max={1} className="h-1 w-full accent-aura-500" />
          )}
          {upload.state === "failed" && (
            <span role="alert" className="text-red-600 dark:text-red-400">
              {upload.error}
            </span>
          )}
          <button
            type="button"
            aria-label={`${upload.state === "uploading" ? "Cancel" : "Remove"} ${upload.name}`}
            onClick={() => onRemove(upload.key)}
            className="absolute top-1 right-1 rounded-full bg-main/80 p-1 text-muted hover:text-strong"
          >
            <CloseIcon className="size-3.5" />
          </button>
        </li>
      ))}
    </ul>
  );
}
