"use client";

import { useEffect, useRef, useState } from "react";
import { useMentionAutocomplete } from "@/components/mentions/mention-autocomplete";
import { CloseIcon, PaperclipIcon } from "@/components/ui/icons";
import type { Attachment } from "@/lib/api/entities";
import { MAX_MESSAGE_LENGTH } from "@/lib/validations/limits";
import { loadDraft, saveDraft } from "./drafts";
import { ComposerEmojiButton } from "./reactions/composer-emoji-button";
import type { ChatMessage } from "./types";
import { UploadTray } from "./uploads/upload-tray";
import type { Uploads } from "./uploads/use-uploads";

interface ComposerProps {
  placeholder: string;
  /** Why the composer is off (announcement channel for members, a timeout, a block), shown instead of it. */
  disabledReason?: React.ReactNode;
  /** Where the unsent draft is kept while the viewer is elsewhere: one key per conversation and viewer. */
  draftKey: string;
  inputRef: React.RefObject<HTMLTextAreaElement | null>;
  /** Up in an empty composer: opens the viewer's last message for editing; false if there is none. */
  onEditLast?: () => boolean;
  replyingTo: ChatMessage | null;
  onCancelReply: () => void;
  onSend: (content: string, attachments: Attachment[]) => void;
  /** Files to send with the message (where the conversation takes them). */
  uploads?: Uploads;
  /** Called while typing (throttled) and with false when the draft is sent or emptied. */
  onTyping?: (isTyping: boolean) => void;
  /** A line under the input: slowmode, or how long until sending works again. */
  status?: string | null;
  /** False during such a wait: Enter keeps the draft instead of sending it. */
  canSend?: boolean;
}

const TYPING_RENEW_MS = 6000;

/** Enter sends, Shift+Enter adds a line, Escape cancels a reply, Up in an empty composer edits the last message. */
export function Composer({ placeholder, disabledReason, draftKey, inputRef: input, onEditLast, replyingTo, onCancelReply, onSend, onTyping, uploads, status, canSend = true }: ComposerProps) {
  const [draft, setDraft] = useState("");
  const lastTyping = useRef(0);
  const picker = useRef<HTMLInputElement>(null);
  const [waitingForUploads, setWaitingForUploads] = useState(false);
  const files = uploads?.uploads ?? [];
  const uploading = files.some((u) => u.state === "uploading");
  const ready = files.filter((u) => u.state === "done").map((u) => u.attachment!);
  const mention = useMentionAutocomplete(input, draft, changeDraft);

  // Storage is read after mount: the server's render has no draft, and hydration must match it.
  useEffect(() => setDraft(loadDraft(draftKey)), [draftKey]);

  function changeDraft(text: string) {
    setDraft(text);
    saveDraft(draftKey, text);
  }

  /** Puts `text` where the caret was (over the selection) and the caret after it. */
  function insertAtCaret(text: string) {
    const element = input.current;
    const [start, end] = [element?.selectionStart ?? draft.length, element?.selectionEnd ?? draft.length];
    changeDraft(draft.slice(0, start) + text + draft.slice(end));
    // After the picker's dialog has given focus back to its button.
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + text.length, start + text.length);
    });
  }

  useEffect(() => {
    if (waitingForUploads && !uploading) submit();
  });

  useEffect(() => {
    if (replyingTo) input.current?.focus();
  }, [replyingTo, input]);

  useEffect(() => {
    const element = input.current;
    if (!element) return;
    element.style.height = "auto";
    element.style.height = `${Math.min(element.scrollHeight, 240)}px`;
  }, [draft, input]);

  if (disabledReason) {
    return (
      <div className="px-4 pb-6">
        <p className="rounded-lg bg-raised px-4 py-3 text-sm text-muted" role="note">
          {disabledReason}
        </p>
      </div>
    );
  }

  function stopTyping() {
    if (lastTyping.current) onTyping?.(false);
    lastTyping.current = 0;
  }

  function submit() {
    const content = draft.trim();
    if ((!content && files.length === 0) || content.length > MAX_MESSAGE_LENGTH || !canSend) return;
    // Not without some of the files: a failed one is removed (or the message waits), and the
    // message goes by itself once the others are up.
    if (files.some((u) => u.state === "failed")) return;
    if (uploading) return setWaitingForUploads(true);
    onSend(mention.encode(content), ready);
    uploads?.clear();
    changeDraft("");
    setWaitingForUploads(false);
    lastTyping.current = 0;
  }

  const tooLong = draft.trim().length > MAX_MESSAGE_LENGTH;

  return (
    <div className="relative px-4 pb-6">
      {mention.popup}
      {replyingTo && (
        <div className="flex items-center justify-between rounded-t-lg bg-sidebar px-4 py-2 text-sm text-muted">
          <span>
            Replying to <strong className="text-strong">{replyingTo.authorName}</strong>
          </span>
          <button type="button" aria-label="Cancel reply" onClick={onCancelReply} className="rounded p-0.5 hover:text-strong">
            <CloseIcon className="size-4" />
          </button>
        </div>
      )}
      <div className={`bg-raised px-4 ${replyingTo ? "rounded-b-lg" : "rounded-lg"}`}>
        {uploads && <UploadTray uploads={files} onRemove={uploads.remove} />}
        <div className="flex items-end">
        {uploads && (
          <>
            <button type="button" aria-label="Attach files" title="Attach files" onClick={() => picker.current?.click()} className="-ml-2 mr-1 mb-1.5 rounded p-1.5 text-muted hover:text-strong">
              <PaperclipIcon className="size-5" />
            </button>
            <input
              ref={picker}
              type="file"
              multiple
              hidden
              aria-hidden
              tabIndex={-1}
              onChange={(event) => {
                uploads.add([...(event.target.files ?? [])]);
                event.target.value = "";
              }}
            />
          </>
        )}
        <textarea
          ref={input}
          aria-label={placeholder}
          placeholder={placeholder}
          value={draft}
          rows={1}
          {...mention.inputProps}
          onChange={(event) => {
            changeDraft(event.target.value);
            if (!event.target.value.trim()) return stopTyping();
            if (Date.now() - lastTyping.current > TYPING_RENEW_MS) {
              lastTyping.current = Date.now();
              onTyping?.(true);
            }
          }}
          onBlur={stopTyping}
          onPaste={(event) => {
            const pasted = [...event.clipboardData.files];
            if (!uploads || pasted.length === 0) return;
            event.preventDefault();
            uploads.add(pasted);
          }}
          onKeyDown={(event) => {
            if (mention.onKeyDown(event)) return;
            if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              submit();
            } else if (event.key === "Escape" && replyingTo) {
              event.preventDefault();
              onCancelReply();
            } else if (event.key === "ArrowUp" && !draft && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey && onEditLast?.()) {
              event.preventDefault();
            }
          }}
          className="max-h-60 min-h-11 flex-1 resize-none bg-transparent py-2.5 text-normal outline-none placeholder:text-muted"
        />
        <ComposerEmojiButton onPick={insertAtCaret} />
        </div>
      </div>
      {waitingForUploads && uploading && (
        <p role="status" className="mt-1 text-xs text-muted">
          Sending once the files are uploaded…
        </p>
      )}
      {uploads?.limitNotice && (
        <p role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">
          {uploads.limitNotice}
        </p>
      )}
      {status && (
        // Not a live region: a countdown read out every second would drown everything else.
        <p className="mt-1 text-xs text-muted" data-testid="composer-status">
          {status}
        </p>
      )}
      {tooLong && (
        <p role="alert" className="mt-1 text-xs text-red-400">
          {draft.trim().length} / {MAX_MESSAGE_LENGTH} characters: shorten your message to send it.
        </p>
      )}
    </div>
  );
}
