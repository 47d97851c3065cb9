import type {
  Channel,
  Community,
  CommunityMember,
  DirectMessage,
  Friend,
  FriendRequest,
  Message,
} from "@/lib/api/entities";

// The Socket.IO contract: every event name and payload, declared once and used by server.ts, the
// emitters in lib/server/realtime and the browser client.

export type PresenceStatus = "online" | "idle" | "dnd" | "offline";

/** The spec's TypingIndicator, plus who is typing. */
export interface TypingIndicator {
  username: string;
  user_id: number;
  channel_id: number;
  is_typing: boolean;
}

/**
 * Someone typing in a DM conversation, sent to the other party only: `user_id` is the typist (the
 * other party as the recipient sees it, as in message_read).
 */
export interface DirectTypingIndicator {
  username: string;
  user_id: number;
  is_typing: boolean;
}

/** The spec's UserStatus, plus what a client needs to render the change. */
export interface UserStatusEvent {
  user_id: number;
  username: string;
  status: PresenceStatus;
  custom_status: string | null;
  last_seen: string | null;
  display_name: string;
  avatar_url: string | null;
}

export interface MessageDeletedEvent {
  id: number;
  channel_id: number;
}

export interface DirectMessageDeletedEvent {
  id: number;
  sender_id: number;
  receiver_id: number;
}

/** A message was pinned or unpinned in its channel, by `user_id`. */
export interface MessagePinEvent {
  channel_id: number;
  message_id: number;
  user_id: number;
}

/** `user_id` added or removed their `emoji` on a channel message (the emoji in its stored form). */
export interface MessageReactionEvent {
  message_id: number;
  channel_id: number;
  emoji: string;
  user_id: number;
}

/** As MessageReactionEvent, on a direct message, to both of its parties. */
export interface DirectMessageReactionEvent {
  message_id: number;
  sender_id: number;
  receiver_id: number;
  emoji: string;
  user_id: number;
}

export interface ChannelDeletedEvent {
  id: number;
  community_id: number;
}

export interface CommunityDeletedEvent {
  id: number;
}

export interface CommunityMemberEvent {
  community_id: number;
  user: CommunityMember;
}

/**
 * A read position moved. For a channel: `channel_id`. For a DM conversation: `user_id` is the
 * other party as seen by the recipient (the peer for the reader's own tabs, the reader for the
 * sender), and every DM up to `message_id` in that conversation is read.
 */
export type MessageReadEvent =
  | { channel_id: number; message_id: number }
  | { user_id: number; message_id: number };

/**
 * The reader moved a read position back ("mark unread"), told to their own sessions: for a channel
 * the new position, for a DM conversation the first message now unread; with the unread count.
 */
export type MessageUnreadEvent =
  | { channel_id: number; message_id: number; unread_count: number }
  | { user_id: number; message_id: number; unread_count: number };

export interface FriendRemovedEvent {
  user_id: number;
}

/**
 * A block between the recipient and `user_id` was made or lifted: how the recipient now relates
 * to them (blocks end friendships and requests, so nothing else is left).
 */
export interface BlockChangedEvent {
  user_id: number;
  relationship: "blocked" | "blocked_you" | "none";
}

/** Someone in a voice channel, as the sidebar and the voice view show them. */
export interface VoiceParticipant {
  user_id: number;
  username: string;
  display_name: string;
  avatar_url: string | null;
  self_mute: boolean;
  self_deaf: boolean;
}

/**
 * Who is in a voice channel now, in the order they joined (also GET /api/channels/{id}/voice).
 * `version` grows with every change of the channel's participants or their mute and deafen: lists
 * announced by two nodes at once may arrive in either order, so keep the one with the highest.
 */
export interface VoiceParticipantsEvent {
  channel_id: number;
  version: number;
  participants: VoiceParticipant[];
}

/**
 * A participant muted, deafened or started/stopped speaking (`speaking` only when that changed).
 * `version`: the channel's version after the change (as in VoiceParticipantsEvent); an update that
 * only says who speaks carries the current one.
 */
export interface VoiceStateUpdatedEvent {
  channel_id: number;
  user_id: number;
  self_mute: boolean;
  self_deaf: boolean;
  version: number;
  speaking?: boolean;
}

/** A WebRTC session description (RTCSessionDescriptionInit). */
export interface VoiceDescription {
  type: "offer" | "answer" | "pranswer" | "rollback";
  sdp?: string;
}

/** An ICE candidate (RTCIceCandidateInit); null: that side has gathered all of its candidates. */
export interface VoiceCandidate {
  candidate: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
  usernameFragment?: string | null;
}

/** Signaling relayed from `from_user_id` to this socket: both are participants of `channel_id`. */
export interface VoiceSignalEvent {
  channel_id: number;
  from_user_id: number;
  description?: VoiceDescription;
  candidate?: VoiceCandidate | null;
}

/**
 * This socket is no longer in the voice channel although it did not leave: `moved` (the user joined
 * from another socket), `removed` (kicked, banned, timed out, or the channel stopped being a voice
 * channel the user can see). (A socket that was away longer than the grace period is out too, untold:
 * the client joins again whenever its socket reconnects.)
 */
export interface VoiceDisconnectedEvent {
  channel_id: number;
  reason: "moved" | "removed";
}

/** An ICE server (RTCIceServer) from ICE_SERVERS: STUN, or TURN with its credentials. */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

export interface ServerToClientEvents {
  /** Reactions, if it has any yet (a late catch-up), say `me: false` as in message_edited. */
  message_sent: (message: Message) => void;
  /** Goes to every reader at once: its reactions say `me: false` throughout; keep your own `me` per emoji. */
  message_edited: (message: Message) => void;
  message_deleted: (event: MessageDeletedEvent) => void;
  message_read: (event: MessageReadEvent) => void;
  message_unread: (event: MessageUnreadEvent) => void;
  message_pinned: (event: MessagePinEvent) => void;
  message_unpinned: (event: MessagePinEvent) => void;
  direct_message_sent: (message: DirectMessage) => void;
  /** As message_edited: reactions say `me: false` throughout. */
  direct_message_edited: (message: DirectMessage) => void;
  direct_message_deleted: (event: DirectMessageDeletedEvent) => void;
  /** Only on a change: a repeated PUT or DELETE of the same reaction sends nothing. */
  message_reaction_added: (event: MessageReactionEvent) => void;
  message_reaction_removed: (event: MessageReactionEvent) => void;
  direct_message_reaction_added: (event: DirectMessageReactionEvent) => void;
  direct_message_reaction_removed: (event: DirectMessageReactionEvent) => void;
  typing: (event: TypingIndicator) => void;
  direct_typing: (event: DirectTypingIndicator) => void;
  user_status: (event: UserStatusEvent) => void;
  channel_created: (channel: Channel) => void;
  channel_updated: (channel: Channel) => void;
  channel_deleted: (event: ChannelDeletedEvent) => void;
  /** Sent to the creator's sessions; `role` is the recipient's. */
  community_created: (community: Community) => void;
  /** Broadcast to members; `role` is null: keep your own. */
  community_updated: (community: Community) => void;
  community_deleted: (event: CommunityDeletedEvent) => void;
  community_member_added: (event: CommunityMemberEvent) => void;
  community_member_left: (event: CommunityMemberEvent) => void;
  /** A member's role changed. */
  community_member_updated: (event: CommunityMemberEvent) => void;
  /** A new incoming request (to its receiver), or a request's status changed (to both sides). */
  friend_request: (request: FriendRequest) => void;
  friend_added: (friend: Friend) => void;
  friend_removed: (event: FriendRemovedEvent) => void;
  /** To both sides' sessions, each with its own view. */
  block_changed: (event: BlockChangedEvent) => void;
  /** To everyone who can see the voice channel, whenever someone joins or leaves it. */
  voice_participants: (event: VoiceParticipantsEvent) => void;
  /** To everyone who can see the voice channel. */
  voice_state_updated: (event: VoiceStateUpdatedEvent) => void;
  /** To the one socket the addressee joined the voice channel with. */
  voice_signal: (event: VoiceSignalEvent) => void;
  /** To the socket that was in the voice channel. */
  voice_disconnected: (event: VoiceDisconnectedEvent) => void;
}

export interface AckError {
  error: { code: string; message: string; details?: unknown };
}

export type Ack<T extends object = object> = ({ ok: true } & T) | AckError;

export interface ChannelSubscription {
  channel_id: number;
}

export interface TypingInput {
  channel_id: number;
  is_typing: boolean;
}

export interface DirectTypingInput {
  /** The other party of the conversation. */
  user_id: number;
  is_typing: boolean;
}

export interface SetStatusInput {
  status: PresenceStatus;
  custom_status?: string | null;
}

export interface VoiceJoined {
  participants: VoiceParticipant[];
  /** The channel's version for these participants (see VoiceParticipantsEvent). */
  version: number;
  ice_servers: IceServer[];
  /** RTCConfiguration.iceTransportPolicy: `relay` keeps participants' addresses from each other (TURN only). */
  ice_transport_policy: "all" | "relay";
}

export interface VoiceSignalInput {
  channel_id: number;
  to_user_id: number;
  description?: VoiceDescription;
  candidate?: VoiceCandidate | null;
}

export interface VoiceStateInput {
  channel_id: number;
  self_mute: boolean;
  self_deaf: boolean;
  /** The sender's own voice activity, for the speaking ring of those who are not in the call. */
  speaking?: boolean;
}

export interface ClientToServerEvents {
  /** Subscribe this socket to a readable channel (typing and message events). */
  join_channel: (input: ChannelSubscription, ack?: (result: Ack) => void) => void;
  leave_channel: (input: ChannelSubscription, ack?: (result: Ack) => void) => void;
  /** SendMessageData + nonce; acked with the stored message, or the REST error shape. */
  send_message: (input: unknown, ack?: (result: Ack<{ message: Message }>) => void) => void;
  send_direct_message: (input: unknown, ack?: (result: Ack<{ message: DirectMessage }>) => void) => void;
  typing: (input: TypingInput) => void;
  /** Typing in the DM conversation with `user_id`: shown to them only, never across a block. */
  direct_typing: (input: DirectTypingInput) => void;
  set_status: (input: SetStatusInput, ack?: (result: Ack<{ status: PresenceStatus }>) => void) => void;
  /**
   * Join a voice channel with this socket (leaving any other voice channel of the user's): 404 for
   * a channel the user cannot see or that is not a voice channel, 403 `timed_out`, 409
   * `voice_full` beyond VOICE_MAX_PARTICIPANTS.
   */
  voice_join: (input: ChannelSubscription, ack?: (result: Ack<VoiceJoined>) => void) => void;
  voice_leave: (input: ChannelSubscription, ack?: (result: Ack) => void) => void;
  /** Relayed to `to_user_id` when both are in `channel_id` (404 `not_found` otherwise, not delivered). */
  voice_signal: (input: VoiceSignalInput, ack?: (result: Ack) => void) => void;
  voice_state: (input: VoiceStateInput, ack?: (result: Ack) => void) => void;
}

export type ServerEventName = keyof ServerToClientEvents;
