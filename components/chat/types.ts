import type { AiProvenance, Attachment, DirectMessage, Message, Reaction } from "@/lib/api/entities";

/** How the chat shows a user now: their current display name and avatar, and whether they are a bot. */
export interface Person {
  name: string;
  avatarUrl: string | null;
  isBot?: boolean;
}

/** One message as the chat UI shows it, whether from a channel or a DM, confirmed or pending. */
export interface ChatMessage {
  /** Stable React key: from the author and nonce where it has one (so a sent message keeps its pending key), else the id. */
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
  attachments: Attachment[];
  nonce: string | null;
  /** In order of first reaction; `me` is the viewer's own. */
  reactions: Reaction[];
  /** Channel messages only: DMs have no pins. */
  pinned: boolean;
  /** Whom the message mentions, and whether it pinged everyone: channel messages once stored. */
  mentions?: number[];
  mentionEveryone?: boolean;
  /** Sent by a bot account or through a webhook: the author gets an app tag. */
  isBot: boolean;
  /** The webhook it was posted through: the author name and avatar are the webhook's own. */
  webhookId: number | null;
  /** Which model wrote it and at whose request: set exactly when `type` is "ai". */
  ai: AiProvenance | null;
  /**
   * Not stored yet: "pending" is on its way, "queued" waits for the connection to come back,
   * "failed" may succeed if sent again, "refused" never will (the server said no).
   */
  state: "sent" | "pending" | "queued" | "failed" | "refused";
}

export function pendingKey(authorId: number, nonce: string): string {
  return `n${authorId}:${nonce}`;
}

export function fromMessage(message: Message): ChatMessage {
  return {
    key: message.nonce ? pendingKey(message.sender_id, message.nonce) : `m${message.id}`,
    id: message.id,
    authorId: message.sender_id,
    authorName: message.author,
    avatarUrl: message.avatar_url,
    content: message.content,
    type: message.message_type,
    createdAt: message.created_at,
    editedAt: message.edited_at,
    replyTo: message.reply_to,
    attachments: message.attachments,
    nonce: message.nonce,
    reactions: message.reactions,
    pinned: message.pinned,
    mentions: message.mentions,
    mentionEveryone: message.mention_everyone,
    isBot: message.is_bot,
    webhookId: message.webhook_id,
    ai: message.ai,
    state: "sent",
  };
}

/** DMs carry no author fields: the pane names the sender, shows their avatar and tags a bot from its people. */
export function fromDirectMessage(message: DirectMessage): ChatMessage {
  return {
    key: message.nonce ? pendingKey(message.sender_id, message.nonce) : `d${message.id}`,
    id: message.id,
    authorId: message.sender_id,
    authorName: "Unknown user",
    avatarUrl: null,
    content: message.content,
    type: message.message_type,
    createdAt: message.created_at,
    editedAt: message.edited_at,
    replyTo: message.reply_to,
    attachments: message.attachments,
    nonce: message.nonce,
    reactions: message.reactions,
    pinned: false,
    isBot: false,
    webhookId: null,
    ai: message.ai,
    state: "sent",
  };
}

/**
 * The message with its author as they are now (`person`): current name and avatar, and the app
 * tag of a bot. A webhook's message keeps the name and avatar it was posted with.
 */
export function withAuthor(message: ChatMessage, person: Person | undefined): ChatMessage {
  if (!person || message.webhookId !== null) return message;
  return { ...message, authorName: person.name, avatarUrl: message.avatarUrl ?? person.avatarUrl, isBot: message.isBot || !!person.isBot };
}
