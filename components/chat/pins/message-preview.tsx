import { AppTag } from "@/components/ui/app-tag";
import { Avatar } from "@/components/ui/avatar";
import { messageTimestamp } from "@/lib/format";
import { AiBadge } from "../ai-badge";
import { Markdown } from "../markdown";
import type { ChatMessage } from "../types";

/**
 * A message as the pin dialogs, the pins list and the mentions inbox show it: avatar, author
 * (tagged if an app), time, who wrote it if a model did, its text with its pills, and how many
 * files it carries.
 */
export function MessagePreview({ message }: { message: ChatMessage }) {
  return (
    <div className="flex gap-3">
      <Avatar name={message.authorName} url={message.avatarUrl} size={32} />
      <div className="min-w-0 flex-1">
        <p className="flex items-baseline gap-2">
          <span className="font-semibold text-strong">{message.authorName}</span>
          {message.isBot && <AppTag />}
          <time className="text-xs text-muted" dateTime={message.createdAt}>
            {messageTimestamp(message.createdAt)}
          </time>
        </p>
        {message.ai && <AiBadge ai={message.ai} />}
        <div className="line-clamp-6 break-words whitespace-pre-wrap">
          <Markdown content={message.content} everyone={message.mentionEveryone} />
        </div>
        {message.attachments.length > 0 && (
          <p className="mt-1 text-xs text-muted">
            {message.attachments.length} {message.attachments.length === 1 ? "attachment" : "attachments"}
          </p>
        )}
      </div>
    </div>
  );
}
