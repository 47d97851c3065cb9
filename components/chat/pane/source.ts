import type { Attachment, ChannelSummary, PublicUser } from "@/lib/api/entities";
import type { RealtimeClient } from "@/lib/realtime/client";
import type { ChatMessage } from "../types";

/** Which page of history: the newest without a cursor, else the one before or around a message id. */
export interface PageCursor {
  before?: number;
  around?: number;
}

/** The query of a message page request: ids and sizes travel as strings. */
export function pageQuery({ before, around }: PageCursor, limit: number) {
  return { before: before?.toString(), around: around?.toString(), limit: String(limit) };
}

/** The `attachment_ids` of a send's body, absent without files. */
export function attachmentIds(attachments: Attachment[]) {
  return attachments.length ? { attachment_ids: attachments.map((a) => a.id) } : {};
}

export interface Draft {
  content: string;
  nonce: string;
  /** Only where the source has replies. */
  replyTo: number | null;
  /** Uploaded files to send with it (their ids go as attachment_ids). */
  attachments: Attachment[];
}

/** Live changes to the source, as the realtime client delivers them: once each and in order. */
export interface LiveListener {
  sent: (message: ChatMessage) => void;
  edited: (message: ChatMessage) => void;
  deleted: (id: number) => void;
}

export interface TypingEvent {
  userId: number;
  username: string;
  isTyping: boolean;
}

/** Someone's reaction came or went, live. */
export interface ReactionEvent {
  messageId: number;
  emoji: string;
  userId: number;
  added: boolean;
}

/** A handler for a source's reaction events, added or removed, passing on those `mine` keeps. */
export function reactionRelay<Event>(mine: (event: Event) => boolean, listener: (event: ReactionEvent) => void) {
  return (added: boolean) => (event: Event & { message_id: number; emoji: string; user_id: number }) => {
    if (mine(event)) listener({ messageId: event.message_id, emoji: event.emoji, userId: event.user_id, added });
  };
}

/** Emoji reactions on the source's messages. */
export interface ReactionSource {
  add: (messageId: number, emoji: string) => Promise<unknown>;
  remove: (messageId: number, emoji: string) => Promise<unknown>;
  /** The first `limit` users who reacted with `emoji`. */
  users: (messageId: number, emoji: string, limit: number) => Promise<PublicUser[]>;
  subscribe: (client: RealtimeClient, listener: (event: ReactionEvent) => void) => () => void;
}

/** Pinning the source's messages (channels only), for those allowed to. */
export interface PinSource {
  pin: (messageId: number) => Promise<unknown>;
  unpin: (messageId: number) => Promise<unknown>;
  subscribe: (client: RealtimeClient, listener: (messageId: number, pinned: boolean) => void) => () => void;
}

/**
 * One conversation the message pane shows (a channel, a DM): how its history is read, written and
 * marked read, and where its live events come from. The optional parts turn pane features on:
 * replies, editing and deleting messages, typing, reactions, pins, catch me up.
 */
export interface MessageSource {
  loadPage: (cursor: PageCursor, limit: number) => Promise<ChatMessage[]>;
  /** Over the realtime client's socket when it is connected (see RealtimeClient.send), else over REST. */
  send: (draft: Draft, client: RealtimeClient | null) => Promise<ChatMessage>;
  markRead: () => Promise<unknown>;
  /** Moves the viewer's read position back to just before the message ("Mark unread"). */
  markUnread: (messageId: number) => Promise<unknown>;
  /**
   * Called on every (re)connect with the newest id the page was rendered with: the realtime client
   * fetches whatever came after it and keeps the cursor for later gaps. Returns what undoes it.
   */
  open: (client: RealtimeClient, newestId: number) => (() => void) | void;
  subscribe: (client: RealtimeClient, listener: LiveListener) => () => void;
  replies?: boolean;
  edit?: (id: number, content: string) => Promise<ChatMessage>;
  remove?: (id: number) => Promise<unknown>;
  typing?: {
    subscribe: (client: RealtimeClient, listener: (event: TypingEvent) => void) => () => void;
    emit: (client: RealtimeClient, isTyping: boolean) => void;
  };
  reactions?: ReactionSource;
  pins?: PinSource;
  /** "Catch me up": the assistant's summary of the messages from `fromMessageId` on, for the viewer only. */
  summarize?: (fromMessageId: number) => Promise<ChannelSummary>;
}
