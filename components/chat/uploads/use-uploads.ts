"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Attachment } from "@/lib/api/entities";
import { endpoints } from "@/lib/api/endpoints";
import { uploadFile } from "@/lib/api-client";

/** As many files as one message takes (the API's limit on attachment_ids). */
export const MAX_ATTACHMENTS = 10;

export interface PendingUpload {
  key: string;
  name: string;
  size: number;
  /** A local preview of an image, while and after it uploads. */
  previewUrl: string | null;
  /** 0 to 1. */
  progress: number;
  state: "uploading" | "done" | "failed";
  attachment: Attachment | null;
  error: string | null;
}

let counter = 0;

/**
 * The files picked, dropped or pasted into a composer: each uploads at once, with its progress,
 * and can be removed (cancelling its upload) until the message is sent with the finished ones.
 */
export function useUploads() {
  const [uploads, setUploads] = useState<PendingUpload[]>([]);
  const aborts = useRef(new Map<string, AbortController>());
  const [limitNotice, setLimitNotice] = useState<string | null>(null);

  const patch = (key: string, change: Partial<PendingUpload>) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));

  const add = useCallback((files: File[], current: number) => {
    const room = MAX_ATTACHMENTS - current;
    setLimitNotice(files.length > room ? `A message takes at most ${MAX_ATTACHMENTS} files.` : null);
    for (const file of files.slice(0, Math.max(0, room))) {
      const key = `u${++counter}`;
      const controller = new AbortController();
      aborts.current.set(key, controller);
      const previewUrl = file.type.startsWith("image/") ? URL.createObjectURL(file) : null;
      setUploads((list) => [...list, { key, name: file.name || "pasted-image.png", size: file.size, previewUrl, progress: 0, state: "uploading", attachment: null, error: null }]);
      uploadFile(endpoints.uploadAttachment, file, { signal: controller.signal, onProgress: (progress) => patch(key, { progress }) }).then(
        (attachment) => patch(key, { state: "done", progress: 1, attachment }),
        (error: unknown) => {
          if (error instanceof DOMException && error.name === "AbortError") return;
          patch(key, { state: "failed", error: error instanceof Error ? error.message : "Upload failed" });
        },
      ).finally(() => aborts.current.delete(key));
    }
  }, []);

  const remove = useCallback((key: string) => {
    aborts.current.get(key)?.abort();
    setUploads((list) => {
      const gone = list.find((u) => u.key === key);
      if (gone?.previewUrl) URL.revokeObjectURL(gone.previewUrl);
      return list.filter((u) => u.key !== key);
    });
  }, []);

  /** After sending: the tray empties; the finished uploads now belong to the message. */
  const clear = useCallback(() => {
    setUploads((list) => {
      for (const u of list) if (u.previewUrl) URL.revokeObjectURL(u.previewUrl);
      return [];
    });
    setLimitNotice(null);
  }, []);

  useEffect(() => {
    const pending = aborts.current;
    return () => pending.forEach((controller) => controller.abort());
  }, []);

  return { uploads, add: (files: File[]) => add(files, uploads.length), remove, clear, limitNotice };
}

export type Uploads = ReturnType<typeof useUploads>;
