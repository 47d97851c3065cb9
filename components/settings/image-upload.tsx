"use client";

import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";

const IMAGE_TYPES = "image/png,image/jpeg,image/gif,image/webp";

/**
 * "Upload image" for an avatar or a community icon: picks an image and hands it to `upload`
 * (which posts it and applies the answer); the button says so while it is sent.
 */
export function ImageUpload({ label, upload }: { label: string; upload: (file: File) => Promise<void> }) {
  const input = useRef<HTMLInputElement>(null);
  const [sending, setSending] = useState(false);
  const toast = useToast();
  return (
    <>
      <Button variant="secondary" size="sm" disabled={sending} onClick={() => input.current?.click()}>
        {sending ? "Uploading…" : label}
      </Button>
      <input
        ref={input}
        type="file"
        accept={IMAGE_TYPES}
        hidden
        aria-hidden
        tabIndex={-1}
        data-testid={`${label.toLowerCase().replace(/\s+/g, "-")}-file`}
        onChange={async (event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (!file) return;
          setSending(true);
          try {
            await upload(file);
          } catch (error) {
            toast.error(error instanceof Error ? error.message : "Could not upload the image");
          } finally {
            setSending(false);
          }
        }}
      />
    </>
  );
}
