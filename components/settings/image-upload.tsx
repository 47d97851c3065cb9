"use client";

import { useRef, useState } from "react";
import { Field } from "@/components/auth/field";
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

/**
 * An image's URL field (an avatar, a community icon) with its upload button: `upload` posts the
 * image and answers the URL it now has, which the field then shows (a later save keeps it).
 */
export function ImageUrlField({
  label,
  name,
  initial,
  error,
  uploadLabel,
  upload,
}: {
  label: string;
  name: string;
  initial: string | null;
  error?: string;
  uploadLabel: string;
  upload: (file: File) => Promise<string | null>;
}) {
  const [value, setValue] = useState(initial ?? "");
  return (
    <div className="flex items-end gap-2">
      <div className="min-w-0 flex-1">
        <Field label={label} name={name} value={value} onChange={(event) => setValue(event.target.value)} placeholder="https://… or upload an image" error={error} />
      </div>
      <div className="pb-1.5">
        <ImageUpload label={uploadLabel} upload={async (file) => setValue((await upload(file)) ?? "")} />
      </div>
    </div>
  );
}
