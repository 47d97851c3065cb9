import type { AiProvenance, DirectMessage as DirectMessageDto, Message as MessageDto } from "@/lib/api/entities";
import type { Channel, CommunityRole, DirectMessageType, MessageType, Prisma, PrismaClient, User } from "./generated/client";
import type { Mentions } from "../messages/mentions";
import type { DatabaseProvider } from "./url";

// The one interface every storage engine implements (one folder per engine: ./sqlite, ./postgres).
// Domain code reaches the database through Prisma models and, for the hot paths that the bench
// shows matter, through `HotQueries`; SQL text, placeholders, engine error codes and tuning live
// only in the engine folders.

export type Tx = Prisma.TransactionClient;

/** One slice of a message history: an id range in one direction (see messages/page.ts). */
export interface PageSlice {
  id?: { lt?: number; lte?: number; gt?: number };
  order: "asc" | "desc";
  take: number;
  skip: number;
}

export interface NewMessage {
  channel_id: number;
  sender_id: number;
  content: string;
  message_type: MessageType;
  reply_to: number | null;
  author: string;
  avatar_url: string | null;
  nonce: string | null;
  /** The sender's unattached uploads that the message takes, in this order of ids. */
  attachment_ids: number[];
  /** Whom the content mentions (messages/find-mentions.ts); absent: nobody, as for system messages. */
  mentions?: Mentions;
  /** The sender is a bot or a webhook (the app tag). */
  is_bot?: boolean;
  /** Posted through this webhook. */
  webhook_id?: number | null;
  /** Who wrote an `ai` message. */
  ai?: AiProvenance | null;
}

export interface NewDirectMessage {
  sender_id: number;
  receiver_id: number;
  content: string;
  message_type: DirectMessageType;
  reply_to: number | null;
  nonce: string | null;
  attachment_ids: number[];
  ai?: AiProvenance | null;
}

/** A channel with the caller's community membership, as the access check needs it. */
export interface ChannelAccessRow {
  channel: Channel;
  membershipId: number;
  role: CommunityRole;
  joinedAt: Date;
  timeoutUntil: Date | null;
  /** Holds an explicit private-channel membership row. */
  isChannelMember: boolean;
}

/** A community the user is in, with one channel of it they can read (null: no readable channel). */
export interface MembershipRoomRow {
  community_id: number;
  channel_id: number | null;
}

export interface ConversationHead {
  peer_id: number;
  last_id: number;
}

export interface ChannelReadStateRow {
  channel_id: number;
  last_message_id: number | null;
  unread_count: number;
  mention_count: number;
}

/** A user as search results show them. */
export type SearchedUser = Pick<User, "id" | "username" | "display_name" | "avatar_url" | "status" | "custom_status" | "last_seen" | "created_at" | "is_bot">;

/** What a message search looks for; the engine quotes the terms (never the user's own syntax). */
export interface SearchFilter {
  /** Letters and digits only (lib/search.ts); every one must match, the last one also as a prefix when `prefix`. */
  terms: string[];
  prefix: boolean;
  authorId?: number;
  has?: "image" | "file" | "link";
  /** Message ids: only older than `before`, only newer than `after`. */
  before?: number;
  after?: number;
}

/** Where a search looks: channels, or one DM conversation. */
export type SearchScope = { channelIds: number[] } | { userId: number; peerId: number };

/** Sends the live events of a row just inserted; must not throw. */
export type Announce<Row> = (row: Row) => void | Promise<void>;

/**
 * The queries on the hot paths (every request, every handshake, every send and history page) and
 * the few that Prisma cannot express. User and channel rows come back as Prisma returns them;
 * messages come back in the API's shape (ISO 8601 strings), ready to send.
 */
export interface HotQueries {
  user(userId: number): Promise<User | null>;
  /** The user of a session, unless the session was revoked (logout). */
  sessionUser(userId: number, sessionId: string): Promise<User | null>;
  channelAccess(userId: number, channelId: number): Promise<ChannelAccessRow | null>;
  /** The user's communities with each channel they can read (`readableChannelsWhere` in SQL). */
  membershipRooms(userId: number): Promise<MembershipRoomRow[]>;

  /**
   * Ids grow in commit order within a channel (and below, within a conversation): a reader that
   * has seen id N and catches up with `after=N` can never miss a message committed later with a
   * smaller id. `announce` runs once the row has committed, and the channel's next message is
   * not inserted (by this process, or in a cluster by any node) before it has resolved: live
   * events go out in id order. The message takes its `attachment_ids` in the same transaction;
   * when any of them is no longer the sender's unattached upload (another send took it), nothing
   * is inserted or announced and the result is null.
   */
  insertMessage(message: NewMessage, announce: Announce<MessageDto>): Promise<MessageDto | null>;
  /** The sender's message with that nonce, as the sender sees it. */
  messageByNonce(senderId: number, nonce: string): Promise<MessageDto | null>;
  /** Takes `nonce` off the sender's message that holds it since before `cutoff`. */
  releaseMessageNonce(senderId: number, nonce: string, cutoff: Date): Promise<number>;
  messageChannel(messageId: number): Promise<number | null>;
  /** As insertMessage, per conversation. */
  insertDirectMessage(message: NewDirectMessage, announce: Announce<DirectMessageDto>): Promise<DirectMessageDto | null>;
  /** A page of a channel's messages; reactions say `me` for `viewer` (null: for nobody, an event to many readers). */
  channelMessages(channelId: number, slice: PageSlice, viewer: number | null): Promise<MessageDto[]>;

  /** Each conversation partner of the user with their newest message id, newest first, blocked peers left out. */
  conversationHeads(userId: number, page: { limit: number; offset: number }): Promise<ConversationHead[]>;
  /**
   * For each channel: its newest message, how many messages from others the user has not read, and
   * how many of those mention them (or everyone), leaving out senders they blocked.
   */
  channelReadStates(userId: number, channelIds: number[]): Promise<ChannelReadStateRow[]>;
  /**
   * Users whose username or display name contains `needle` (case-insensitively, every character
   * literal), those starting with it first, then by username; the caller, users who blocked
   * the caller and deleted accounts left out.
   */
  searchUsers(userId: number, needle: string, limit: number): Promise<SearchedUser[]>;
  /**
   * The ids of the newest `cap` messages (or DMs) in `scope` that match, best match first (bm25 or
   * ts_rank), then newest first.
   */
  searchMessages(scope: SearchScope, filter: SearchFilter, cap: number): Promise<number[]>;
}

export interface TransactionOptions {
  /**
   * Transactions given the same key never run at the same time: for a read-check-write that no
   * unique index guards (a pending friend request between two users, a read position that only
   * moves forward). SQLite runs every transaction one at a time anyway; PostgreSQL takes a
   * transaction-scoped advisory lock on the key first.
   */
  exclusive?: string;
}

export interface Engine {
  provider: DatabaseProvider;
  /** The Prisma client; both engines' generated clients have the same model API. */
  db: PrismaClient;
  /** Runs `work` in one database transaction. */
  transaction<T>(work: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  queries: HotQueries;
  /** A unique constraint failure, from a hot query or from Prisma. */
  isUniqueViolation(error: unknown): boolean;
  /** A foreign key failure (a row the write refers to was deleted meanwhile). */
  isForeignKeyViolation(error: unknown): boolean;
  /** Per-connection settings, once at start-up. */
  tune(): Promise<void>;
  /** Throws unless the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
