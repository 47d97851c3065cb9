"use client";

import { useId, useRef, useState } from "react";
import { Markdown } from "@/components/chat/markdown";
import { Button, IconButton } from "@/components/ui/button";
import { CloseIcon, SparklesIcon } from "@/components/ui/icons";
import type { Assistant, ChannelSummary } from "@/lib/api/entities";
import { ApiRequestError } from "@/lib/api-client";
import { useAssistant } from "./use-assistant";

type Request =
  | { from: number; state: "loading" }
  | { from: number; state: "done"; summary: ChannelSummary }
  | { from: number; state: "failed"; error: string; canRetry: boolean };

interface CatchUpProps {
  /** The first message the viewer had not read when the pane opened (or that they marked unread); null: nothing new. */
  fromMessageId: number | null;
  /** The assistant's summary of the messages from that one on, for the viewer only. */
  summarize: (fromMessageId: number) => Promise<ChannelSummary>;
  /** Whether a user is a member here: the assistant summarises only where an owner or admin added it. */
  isMember: (userId: number) => boolean;
}

function failure(error: unknown, name: string): { error: string; canRetry: boolean } {
  if (error instanceof ApiRequestError && error.status === 429) {
    const wait = error.retryAfter();
    return { error: `You are asking ${name} too often${wait ? `: try again in ${Math.max(1, Math.ceil(wait))} s` : ""}.`, canRetry: true };
  }
  if (error instanceof ApiRequestError && (error.status === 403 || error.status === 404)) return { error: `${name} is not available here.`, canRetry: false };
  return { error: error instanceof Error ? error.message : `${name} could not summarise.`, canRetry: true };
}

/**
 * "Catch me up": where the viewer has unread messages and the server's assistant was added to the
 * community, a bar offers a summary of them; asked for, it shows in a panel above the messages,
 * for the viewer alone and labelled as the model's. Asking posts nothing and reads nothing: the
 * pane's read receipts go on as ever. The panel stays until dismissed, even once they are read.
 */
export function CatchUp({ fromMessageId, summarize, isMember }: CatchUpProps) {
  const assistant = useAssistant(fromMessageId !== null);
  const [request, setRequest] = useState<Request | null>(null);
  const [dismissedFrom, setDismissedFrom] = useState<number | null>(null);
  // The request whose answer counts: one dismissed or replaced meanwhile is dropped.
  const latest = useRef(0);

  if (!assistant || (!request && !isMember(assistant.user.id))) return null;
  const name = assistant.user.display_name;

  const run = (from: number) => {
    const attempt = ++latest.current;
    setRequest({ from, state: "loading" });
    summarize(from).then(
      (summary) => attempt === latest.current && setRequest({ from, state: "done", summary }),
      (error: unknown) => attempt === latest.current && setRequest({ from, state: "failed", ...failure(error, name) }),
    );
  };
  const dismiss = (from: number) => {
    latest.current++;
    setRequest(null);
    setDismissedFrom(from);
  };

  if (request) return <SummaryPanel assistant={assistant} request={request} onRetry={() => run(request.from)} onDismiss={() => dismiss(request.from)} />;
  if (fromMessageId === null || dismissedFrom === fromMessageId) return null;
  return (
    <section aria-label="Catch me up" className="flex shrink-0 items-center gap-2 border-b border-subtle bg-aura-500/10 px-4 py-1.5 text-sm">
      <SparklesIcon className="size-4 shrink-0 text-aura-600 dark:text-aura-400" />
      <p className="min-w-0 flex-1 truncate text-normal">New messages since you were last here.</p>
      <Button size="sm" onClick={() => run(fromMessageId)}>
        Catch me up
      </Button>
      <IconButton label="Dismiss catch me up" className="size-7" onClick={() => dismiss(fromMessageId)}>
        <CloseIcon className="size-4" />
      </IconButton>
    </section>
  );
}

function SummaryPanel({ assistant, request, onRetry, onDismiss }: { assistant: Assistant; request: Request; onRetry: () => void; onDismiss: () => void }) {
  const headingId = useId();
  const name = assistant.user.display_name;
  const model = request.state === "done" ? request.summary.model : assistant.model;
  return (
    <section
      aria-labelledby={headingId}
      aria-busy={request.state === "loading" || undefined}
      className="mx-4 mt-2 flex max-h-[40vh] shrink-0 flex-col rounded-md border border-subtle bg-sidebar shadow-[inset_2px_0_0_var(--color-aura-400)]"
    >
      <header className="flex items-start gap-2 px-3 pt-2">
        <SparklesIcon className="mt-0.5 size-4 shrink-0 text-aura-600 dark:text-aura-400" />
        <div className="min-w-0 flex-1">
          <h2 id={headingId} className="text-sm font-semibold break-words text-strong">
            Summary by {name} · written by AI · {model}
          </h2>
          <p className="text-xs text-muted">
            For you only: nothing was posted
            {request.state === "done" && request.summary.message_count > 0 &&
              ` · ${request.summary.message_count} ${request.summary.message_count === 1 ? "message" : "messages"}`}
          </p>
        </div>
        <IconButton label="Dismiss summary" className="size-7 shrink-0" onClick={onDismiss}>
          <CloseIcon className="size-4" />
        </IconButton>
      </header>
      <div className="min-h-0 overflow-y-auto px-3 pt-1 pb-2 pl-9 text-sm">
        {request.state === "loading" && (
          <p role="status" className="text-muted">
            {name} is reading what you missed…
          </p>
        )}
        {request.state === "failed" && (
          <div role="alert" className="flex flex-wrap items-center gap-2 text-red-700 dark:text-red-400">
            <span>{request.error}</span>
            {request.canRetry && (
              <Button size="sm" variant="secondary" onClick={onRetry}>
                Try again
              </Button>
            )}
          </div>
        )}
        {request.state === "done" && (
          <div className="break-words whitespace-pre-wrap text-normal">
            <Markdown content={request.summary.summary} />
          </div>
        )}
      </div>
    </section>
  );
}
