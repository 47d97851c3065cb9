import type { DirectMessage, Message } from "@/lib/api/entities";

/** One message as the chat UI shows it, whether from a channel or a DM, confirmed or pending. */
export interface ChatMessage {
  /** Stable React key: the nonce while pending, then the id. */
  key: string;
  id: number | null;
  authorId: number;
  authorName: string;
  avatarUrl: string | null;
  content: string;
  type: Message["message_type"];
  createdAt: string;
  editedAt: string | null;
  replyTo: number | null;
  nonce: string | null;
  state: "sent" | "pending" | "failed";
}

export function fromMessage(message: Message): ChatMessage {
  return {
    key: `m${message.id}`,
    id: message.id,
    authorId: message.sender_id,
    authorName: message.author,
    avatarUrl: message.avatar_url,
    content: message.content,
    type: message.message_type,
    createdAt: message.created_at,
    editedAt: message.edited_at,
    replyTo: message.reply_to,
    nonce: message.nonce,
    state: "sent",
  };
}

export function fromDirectMessage(message: DirectMessage, names: Map<number, { name: string; avatarUrl: string | null }>): ChatMessage {
  const author = names.get(message.sender_id);
  return {
    key: `d${message.id}`,
    id: message.id,
    authorId: message.sender_id,
    authorName: author?.name ?? "Unknown user",
    avatarUrl: author?.avatarUrl ?? null,
    content: message.content,
    type: message.message_type,
    createdAt: message.created_at,
    editedAt: null,
    replyTo: null,
    nonce: message.nonce,
    state: "sent",
  };
}
