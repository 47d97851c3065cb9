import { Avatar } from "@/components/ui/avatar";
import { messageTimestamp } from "@/lib/format";
import { Markdown } from "../markdown";
import type { ChatMessage } from "../types";

/** A message as the pin dialogs and the pins list show it: avatar, author, time and text. */
export function MessagePreview({ message, children }: { message: ChatMessage; children?: React.ReactNode }) {
  return (
    <div className="flex gap-3">
      <Avatar name={message.authorName} url={message.avatarUrl} size={32} />
      <div className="min-w-0 flex-1">
        <p className="flex items-baseline gap-2">
          <span className="font-semibold text-strong">{message.authorName}</span>
          <time className="text-xs text-muted" dateTime={message.createdAt}>
            {messageTimestamp(message.createdAt)}
          </time>
        </p>
        <div className="line-clamp-6 break-words whitespace-pre-wrap">
          <Markdown content={message.content} />
        </div>
        {children}
      </div>
    </div>
  );
}
