"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Button } from "./button";
import { CheckIcon, CopyIcon, WarningIcon } from "./icons";

interface SecretRevealProps {
  /** The field's label: what the secret is ("Token of deploybot", "URL of CI"). */
  label: string;
  value: string;
  /** Why it must be copied now, announced as it appears. */
  warning: React.ReactNode;
  onDone: () => void;
}

/**
 * A secret the server shows this once (a bot's token, a webhook's URL): read-only, with Copy. The
 * warning is announced as it appears; "Done" hides it for good (the server keeps only a hash).
 * Key it by the value, so that a new one starts afresh.
 */
export function SecretReveal({ label, value, warning, onDone }: SecretRevealProps) {
  const fieldId = useId();
  const warningId = useId();
  const box = useRef<HTMLDivElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<"copied" | "failed" | null>(null);

  useEffect(() => {
    box.current?.scrollIntoView({ block: "nearest" });
  }, []);

  async function copyValue() {
    try {
      await navigator.clipboard.writeText(value);
      setCopy("copied");
    } catch {
      // No clipboard access (permission refused, an insecure origin): the text is ready to copy by hand.
      field.current?.select();
      setCopy("failed");
    }
  }

  return (
    <div ref={box} className="space-y-2 rounded-md border border-amber-600/50 bg-amber-400/10 p-3">
      <p id={warningId} role="alert" className="flex items-start gap-2 text-sm text-amber-900 dark:text-amber-200">
        <WarningIcon className="mt-0.5 size-4 shrink-0" />
        <span>{warning}</span>
      </p>
      <label htmlFor={fieldId} className="block text-xs font-bold tracking-wide text-muted uppercase">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          ref={field}
          id={fieldId}
          readOnly
          value={value}
          spellCheck={false}
          aria-describedby={warningId}
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md bg-main px-3 py-2 font-mono text-xs text-strong outline-none focus:ring-2 focus:ring-aura-500"
        />
        <Button size="sm" onClick={() => void copyValue()}>
          {copy === "copied" ? <CheckIcon className="size-4" /> : <CopyIcon className="size-4" />}
          {copy === "copied" ? "Copied" : "Copy"}
        </Button>
      </div>
      <p role="status" className={copy === "failed" ? "text-sm text-red-600 dark:text-red-400" : "sr-only"}>
        {copy === "copied" ? "Copied to the clipboard." : copy === "failed" ? "Could not copy: the text is selected, copy it with Ctrl+C (⌘C on a Mac)." : ""}
      </p>
      <div className="flex justify-end">
        <Button variant="secondary" size="sm" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}
