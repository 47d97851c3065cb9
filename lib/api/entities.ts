import { z } from "zod";

// The response shapes of the API (the spec's TypeScript interfaces, snake_case), as zod schemas so
// that the OpenAPI document, the tests and the browser client share one definition.

const nonceEcho = z.string().nullable().describe("The sender's idempotency key, echoed so a client can match its optimistic copy");
const timestamp = z.iso.datetime({ offset: true }).describe("ISO 8601 date-time");
const nullableTimestamp = timestamp.nullable();

export const userStatusSchema = z.enum(["online", "idle", "dnd", "offline"]).meta({ id: "UserStatusValue" });
export const communityRoleSchema = z.enum(["owner", "admin", "member"]).meta({ id: "CommunityRole" });
export const channelTypeSchema = z.enum(["text", "voice", "private", "announcement"]).meta({ id: "ChannelType" });
export const messageTypeSchema = z.enum(["text", "image", "file", "system", "ai"]).meta({ id: "MessageType" });
export const directMessageTypeSchema = z.enum(["text", "image", "file", "ai"]).meta({ id: "DirectMessageType" });
export const friendRequestStatusSchema = z.enum(["pending", "accepted", "rejected", "cancelled"]).meta({ id: "FriendRequestStatus" });
export const relationshipSchema = z
  .enum(["self", "friend", "incoming_request", "outgoing_request", "blocked", "blocked_you", "none"])
  .meta({
    id: "Relationship",
    description: "How the caller relates to a user. `blocked`: the caller blocked them (whatever they did); `blocked_you`: they blocked the caller. Either way the two cannot exchange DMs.",
  });

export const publicUserSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    display_name: z.string(),
    avatar_url: z.string().nullable(),
    status: userStatusSchema,
    custom_status: z.string().nullable(),
    last_seen: nullableTimestamp,
    created_at: timestamp,
    is_bot: z.boolean().describe("A bot account (or a webhook's author): clients show an app tag"),
  })
  .meta({ id: "PublicUser", description: "A user as anyone may see them: never an email." });

export const selfUserSchema = publicUserSchema
  .extend({ email: z.string() })
  .meta({ id: "User", description: "The signed-in user's own account, with email." });

export const userProfileSchema = publicUserSchema
  .extend({ relationship: relationshipSchema })
  .meta({ id: "UserProfile", description: "A public profile plus how the caller relates to that user." });

export const botSchema = publicUserSchema
  .extend({
    is_ai: z.boolean().describe("May send message_type ai (each naming its model)"),
    owner_id: z.number().int().describe("The user who created it and manages it"),
  })
  .meta({ id: "Bot", description: "A bot account, as its owner sees it." });

export const botWithTokenSchema = z
  .object({ bot: botSchema, token: z.string().describe("Its API token: shown this once. Send it as `Authorization: Bearer …` (REST) or `auth: { token }` (Socket.IO)") })
  .meta({ id: "BotWithToken" });

export const assistantSchema = z
  .object({
    user: publicUserSchema.describe("The assistant's account: mention it (`<@id>`) where an admin added it, or DM it"),
    model: z.string().describe("The model it asks (AI_MODEL)"),
  })
  .meta({ id: "Assistant" });

export const channelSummarySchema = z
  .object({
    channel_id: z.number().int(),
    summary: z.string().describe("Markdown written by the model (render it as safely as any message)"),
    model: z.string(),
    message_count: z.number().int().describe("How many unread messages it summarises (the newest 200 at most; 0: nothing unread, no model asked)"),
    first_message_id: z.number().int().nullable(),
    last_message_id: z.number().int().nullable(),
  })
  .meta({ id: "ChannelSummary", description: "What the caller missed in a channel, for the caller only: nothing is posted, the read position stays." });

export const authResultSchema = z.object({ token: z.string(), user: selfUserSchema }).meta({ id: "AuthResult" });

export const userSummarySchema = z
  .object({ username: z.string(), display_name: z.string(), avatar_url: z.string().nullable() })
  .meta({ id: "UserSummary" });

export const userIdentitySchema = userSummarySchema
  .extend({ id: z.number().int() })
  .meta({ id: "UserIdentity", description: "Who someone is, without presence: for lists where the id matters (bans, the audit log)." });

export const communitySchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    icon: z.string().nullable(),
    color: z.string().nullable(),
    banner_url: z.string().nullable(),
    description: z.string().nullable(),
    display_name: z.string().nullable(),
    bio: z.string().nullable(),
    role: communityRoleSchema.nullable().describe("The caller's role; null when the caller is not a member"),
    member_count: z.number().int(),
    is_public: z.boolean().describe("Listed in Discover and open to join; otherwise reachable only through an invite or an admin"),
    created_at: timestamp,
    creator_id: z.number().int(),
    creator: userSummarySchema,
  })
  .meta({ id: "Community" });

export const communityMemberSchema = publicUserSchema
  .extend({
    role: communityRoleSchema,
    joined_at: timestamp,
    /** While in the future the member is timed out: reads, but cannot send, edit, react or type. */
    timeout_until: timestamp.nullable(),
  })
  .meta({ id: "CommunityMember" });

export const communityMemberEventSchema = z
  .object({ community_id: z.number().int(), user: communityMemberSchema })
  .meta({ id: "CommunityMemberEvent" });

export const channelSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    type: channelTypeSchema,
    description: z.string().nullable(),
    created_at: timestamp,
    community_id: z.number().int(),
    position: z.number().int(),
    /** Slowmode: seconds a member waits between messages (0 = off; admins and the owner exempt). */
    rate_limit_per_user: z.number().int(),
  })
  .meta({ id: "Channel" });

export const channelWithReadStateSchema = channelSchema
  .extend({
    unread_count: z.number().int().describe("Messages from others after the caller's read position"),
    last_message_id: z.number().int().nullable(),
    mention_count: z
      .number()
      .int()
      .describe("Of those, the ones that mention the caller or @everyone (from users the caller blocked left out)"),
  })
  .meta({ id: "ChannelWithReadState" });

export const attachmentSchema = z
  .object({
    id: z.number().int(),
    filename: z.string(),
    content_type: z.string().describe("Sniffed from the bytes, never the uploader's claim"),
    size: z.number().int().describe("Bytes, as served (images re-encoded without their metadata)"),
    width: z.number().int().nullable().describe("Pixels; null for anything but an image"),
    height: z.number().int().nullable(),
    url: z.string().describe("GET it with the caller's credentials: /api/attachments/{id}/{filename}"),
    thumbnail_url: z.string().nullable().describe("A WebP preview at most 400 px on its longer side; null for anything but an image"),
  })
  .meta({ id: "Attachment" });

const attachmentsField = z.array(attachmentSchema).describe("Files sent with the message, in upload order");

export const reactionSchema = z
  .object({
    emoji: z.string().describe("One Unicode emoji, in emojibase's form (with U+FE0F where emojibase has it)"),
    count: z.number().int().describe("How many users reacted with it"),
    me: z.boolean().describe("Whether the caller is one of them; false for everyone in message_edited and direct_message_edited"),
  })
  .meta({ id: "Reaction" });

const reactionsField = z.array(reactionSchema).describe("Each emoji once, ordered by its first reaction (at most 20)");

export const aiProvenanceSchema = z
  .object({
    model: z.string().describe("The model that wrote the message, as its AI bot named it"),
    requested_by: z
      .object({ id: z.number().int(), username: z.string().describe("Their username when they asked") })
      .nullable()
      .describe("The user whose request produced it; null when nobody asked (a bot acting on its own)"),
  })
  .meta({ id: "AiProvenance", description: "Who wrote an `ai` message: only AI bots send them, and each names its model." });

const aiField = aiProvenanceSchema.nullable().describe("Set exactly when message_type is ai");

export const reactionUsersSchema = z
  .object({ users: z.array(publicUserSchema).describe("In the order they reacted") })
  .meta({ id: "ReactionUsers" });

export const messageSchema = z
  .object({
    id: z.number().int(),
    channel_id: z.number().int(),
    sender_id: z.number().int(),
    content: z.string(),
    message_type: messageTypeSchema,
    created_at: timestamp,
    author: z.string().describe("The sender's username at send time"),
    avatar_url: z.string().nullable().describe("The sender's avatar at send time"),
    edited_at: nullableTimestamp,
    reply_to: z.number().int().nullable(),
    nonce: nonceEcho,
    attachments: attachmentsField,
    pinned: z.boolean().describe("Pinned in its channel (GET /api/channels/{id}/pins)"),
    mentions: z.array(z.number().int()).describe("Users the content mentions with `<@id>` tokens, in order (accounts that existed at send or edit time)"),
    mention_everyone: z.boolean().describe("An `@everyone` or `@here` by an owner or admin: it mentions every reader. From anyone else those words are text"),
    reactions: reactionsField,
    is_bot: z.boolean().describe("Sent by a bot account or through a webhook (clients show an app tag)"),
    webhook_id: z.number().int().nullable().describe("The webhook it was posted through (author and avatar_url are the webhook's); null otherwise, and once the webhook is deleted"),
    ai: aiField,
  })
  .meta({ id: "Message" });

export const directMessageSchema = z
  .object({
    id: z.number().int(),
    sender_id: z.number().int(),
    receiver_id: z.number().int(),
    content: z.string(),
    message_type: directMessageTypeSchema,
    created_at: timestamp,
    edited_at: nullableTimestamp,
    reply_to: z.number().int().nullable().describe("A direct message of the same conversation"),
    is_read: z.boolean(),
    nonce: nonceEcho,
    attachments: attachmentsField,
    reactions: reactionsField,
    ai: aiField,
  })
  .meta({ id: "DirectMessage" });

/** What a search adds to each message it found. */
const searchHitFields = {
  snippet: z.string().describe("Plain text (never HTML) of about 120 characters around the first match; … where the content was cut"),
  highlights: z
    .array(z.tuple([z.number().int(), z.number().int()]))
    .describe("[start, end) UTF-16 offsets into snippet of each matched word"),
};
const searchTotal = z.number().int().describe("How many messages match, of those the caller may read; counted up to 10,000 (the newest 10,000 matches are ranked)");

export const messageSearchResultSchema = z
  .object({ total: searchTotal, messages: z.array(messageSchema.extend(searchHitFields).meta({ id: "MessageSearchHit" })) })
  .meta({ id: "MessageSearchResult" });

export const directMessageSearchResultSchema = z
  .object({ total: searchTotal, messages: z.array(directMessageSchema.extend(searchHitFields).meta({ id: "DirectMessageSearchHit" })) })
  .meta({ id: "DirectMessageSearchResult" });

export const conversationSchema = z
  .object({ user: publicUserSchema, last_message: directMessageSchema, unread_count: z.number().int() })
  .meta({ id: "Conversation" });

export const friendSchema = z
  .object({
    id: z.number().int().describe("The friend's user id"),
    username: z.string(),
    display_name: z.string(),
    avatar_url: z.string().nullable(),
    status: userStatusSchema,
    custom_status: z.string().nullable(),
    last_seen: nullableTimestamp,
    is_bot: z.boolean(),
    friends_since: timestamp,
  })
  .meta({ id: "Friend" });

export const friendRequestSchema = z
  .object({
    id: z.number().int(),
    sender_id: z.number().int(),
    receiver_id: z.number().int(),
    status: friendRequestStatusSchema,
    created_at: timestamp,
    sender: userSummarySchema,
    receiver: userSummarySchema,
  })
  .meta({ id: "FriendRequest" });

export const friendRequestResultSchema = z
  .object({ request: friendRequestSchema, friend: friendSchema.nullable().describe("Set when the request made a friendship") })
  .meta({ id: "FriendRequestResult" });

export const blockedUserSchema = z
  .object({
    id: z.number().int().describe("The blocked user's id"),
    username: z.string(),
    display_name: z.string(),
    avatar_url: z.string().nullable(),
    blocked_at: timestamp,
  })
  .meta({ id: "BlockedUser" });

export const inviteSchema = z
  .object({
    code: z.string(),
    community_id: z.number().int(),
    inviter: userSummarySchema.nullable().describe("Null once the inviter's account is gone"),
    uses: z.number().int(),
    max_uses: z.number().int().describe("0 = unlimited"),
    expires_at: nullableTimestamp.describe("Null: never expires"),
    created_at: timestamp,
  })
  .meta({ id: "Invite" });

export const invitePreviewSchema = z
  .object({
    code: z.string(),
    community: z.object({
      id: z.number().int(),
      name: z.string(),
      icon: z.string().nullable(),
      description: z.string().nullable(),
      member_count: z.number().int(),
    }),
    inviter: userSummarySchema.nullable(),
    expires_at: nullableTimestamp,
  })
  .meta({ id: "InvitePreview", description: "What anyone holding the code may see, signed in or not." });

export const webhookSchema = z
  .object({
    id: z.number().int(),
    channel_id: z.number().int(),
    name: z.string().describe("The author its messages show, unless a message names another"),
    avatar_url: z.string().nullable().describe("The avatar its messages show, unless a message names another"),
    created_at: timestamp,
    creator: userSummarySchema.nullable().describe("Who created it; null once their account is gone"),
  })
  .meta({ id: "Webhook", description: "A channel's incoming webhook, without its token (shown once, at creation)." });

export const createdWebhookSchema = z
  .object({
    id: z.number().int(),
    channel_id: z.number().int(),
    name: z.string(),
    avatar_url: z.string().nullable(),
    token: z.string().describe("The secret that lets anyone holding it post: shown this once"),
    url: z.string().describe("Where to POST messages, /api/webhooks/{id}/{token}: relative, prefix the server's address"),
    created_at: timestamp,
  })
  .meta({ id: "CreatedWebhook", description: "A webhook just created, with its token and URL (never shown again)." });

export const communityBanSchema = z
  .object({ user: userIdentitySchema, reason: z.string().nullable(), created_at: timestamp })
  .meta({ id: "CommunityBan" });

export const auditActionSchema = z
  .enum([
    "community_update",
    "channel_create",
    "channel_update",
    "channel_delete",
    "channel_member_add",
    "channel_member_remove",
    "member_add",
    "member_role_update",
    "member_kick",
    "member_ban_add",
    "member_ban_remove",
    "member_timeout",
    "message_delete",
    "invite_create",
    "invite_delete",
    "webhook_create",
    "webhook_delete",
  ])
  .meta({ id: "AuditAction" });
export const auditTargetTypeSchema = z.enum(["community", "channel", "user", "message", "invite", "webhook"]).meta({ id: "AuditTargetType" });

export const auditLogEntrySchema = z
  .object({
    id: z.number().int(),
    action: auditActionSchema,
    actor: userIdentitySchema.nullable().describe("Null once the actor's account is gone"),
    target_type: auditTargetTypeSchema.nullable(),
    target_id: z.string().nullable().describe("A user, channel, message or webhook id, or an invite code"),
    reason: z.string().nullable(),
    changes: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe("{ field: { old, new } } for edits; the fields of what was created or removed otherwise"),
    created_at: timestamp,
  })
  .meta({ id: "AuditLogEntry" });

export const voiceParticipantSchema = z
  .object({
    user_id: z.number().int(),
    username: z.string(),
    display_name: z.string(),
    avatar_url: z.string().nullable(),
    self_mute: z.boolean(),
    self_deaf: z.boolean(),
  })
  .meta({ id: "VoiceParticipant" });

export const voiceChannelStateSchema = z
  .object({
    channel_id: z.number().int(),
    version: z.number().int().describe("Grows with every change of the participants or their mute and deafen: keep the highest seen, from here or the events"),
    participants: z.array(voiceParticipantSchema).describe("In the order they joined"),
  })
  .meta({ id: "VoiceChannelState", description: "Who is in a voice channel now: the same shape as the `voice_participants` event." });

export const channelReadStateSchema = z
  .object({ channel_id: z.number().int(), last_read_message_id: z.number().int(), unread_count: z.number().int() })
  .meta({ id: "ChannelReadState" });

export const directReadStateSchema = z
  .object({ user_id: z.number().int(), marked_read: z.number().int().describe("Messages newly marked read") })
  .meta({ id: "DirectReadState" });

export const directUnreadStateSchema = z
  .object({ user_id: z.number().int(), unread_count: z.number().int().describe("Messages from the peer now unread") })
  .meta({ id: "DirectUnreadState" });

export const sessionSchema = z
  .object({
    id: z.string().describe("The session's id (an API token's jti, a browser session's sid)"),
    kind: z.enum(["token", "browser"]).describe("token: a Bearer API token; browser: a next-auth session cookie"),
    user_agent: z.string().nullable(),
    ip: z.string().nullable().describe("The client address at sign-in, as the server saw it (informational)"),
    created_at: timestamp,
    expires_at: timestamp,
    current: z.boolean().describe("The session of this request"),
  })
  .meta({ id: "Session" });

export const notificationLevelSchema = z.enum(["all", "mentions", "none"]).meta({
  id: "NotificationLevel",
  description: "all: every message counts on the rail; mentions: only mentions of the caller (and @everyone); none: nothing",
});

export const notificationSettingSchema = z
  .object({
    level: notificationLevelSchema,
    muted_until: nullableTimestamp.describe("Muted until then; null: not muted (a mute that has ended reads as null)"),
    source: z.enum(["channel", "community", "default"]).describe("Where the setting comes from: the channel's own, the community's, or the default (all, not muted)"),
  })
  .meta({ id: "NotificationSetting", description: "The notification setting that holds for the caller." });

export const unreadSummarySchema = z
  .object({
    channels: z
      .array(
        z.object({
          channel_id: z.number().int(),
          community_id: z.number().int(),
          unread_count: z.number().int(),
          mention_count: z.number().int(),
          notification: notificationSettingSchema.describe("The caller's setting that holds for the channel (greyed when muted; what new messages add)"),
        }),
      )
      .describe(
        "Every channel the caller can read, with the number of others' messages after their read position and how many of those mention " +
          "the caller, as its notification setting lets them count: 0 and 0 while muted or at level none, unread_count 0 at level mentions",
      ),
    direct_messages: z
      .array(z.object({ user_id: z.number().int(), unread_count: z.number().int() }))
      .describe("Conversations with unread messages from the peer (none with users the caller blocked)"),
  })
  .meta({ id: "UnreadSummary" });

export const accountExportSchema = z
  .object({
    exported_at: timestamp,
    user: selfUserSchema,
    communities: z.array(communitySchema).describe("Every community the user is in, with their role"),
    friends: z.array(friendSchema),
    blocked_users: z.array(blockedUserSchema),
    sent_friend_requests: z.array(friendRequestSchema).describe("Every friend request the user sent, whatever its status"),
    messages: z.array(messageSchema).describe("The user's channel messages, newest first"),
    direct_messages: z.array(directMessageSchema).describe("Direct messages the user sent or received, newest first"),
    truncated: z
      .object({ messages: z.boolean(), direct_messages: z.boolean() })
      .describe("True where the list stopped at its cap (10,000 each): the newest are included"),
  })
  .meta({ id: "AccountExport", description: "Everything of the user's own, as a download." });

export const deletedSchema = z.object({ id: z.number().int() }).meta({ id: "Deleted" });
export const deletedMessageSchema = z.object({ id: z.number().int(), channel_id: z.number().int() }).meta({ id: "DeletedMessage" });
export const deletedDirectMessageSchema = z
  .object({ id: z.number().int(), sender_id: z.number().int(), receiver_id: z.number().int() })
  .meta({ id: "DeletedDirectMessage" });
export const okSchema = z.object({ ok: z.literal(true) }).meta({ id: "Ok" });

export const healthSchema = z
  .object({
    status: z.enum(["ok", "degraded"]),
    database: z.enum(["ok", "unreachable"]),
    redis: z.enum(["ok", "unreachable"]).optional().describe("Cluster mode only. Unreachable: real-time events stop, REST keeps serving"),
    node: z.string().optional().describe("Cluster mode only: the node that answered"),
    uptime_seconds: z.number(),
  })
  .meta({ id: "Health" });

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().describe("Machine-readable: invalid_request, unauthorized, forbidden, not_found, conflict, …"),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: "Error" });

export type PublicUser = z.infer<typeof publicUserSchema>;
export type SelfUser = z.infer<typeof selfUserSchema>;
export type UserProfile = z.infer<typeof userProfileSchema>;
export type Community = z.infer<typeof communitySchema>;
export type CommunityMember = z.infer<typeof communityMemberSchema>;
export type Channel = z.infer<typeof channelSchema>;
export type ChannelWithReadState = z.infer<typeof channelWithReadStateSchema>;
export type Attachment = z.infer<typeof attachmentSchema>;
export type Reaction = z.infer<typeof reactionSchema>;
export type ReactionUsers = z.infer<typeof reactionUsersSchema>;
export type Bot = z.infer<typeof botSchema>;
export type Assistant = z.infer<typeof assistantSchema>;
export type ChannelSummary = z.infer<typeof channelSummarySchema>;
export type BotWithToken = z.infer<typeof botWithTokenSchema>;
export type AiProvenance = z.infer<typeof aiProvenanceSchema>;
export type Message = z.infer<typeof messageSchema>;
export type DirectMessage = z.infer<typeof directMessageSchema>;
export type MessageSearchResult = z.infer<typeof messageSearchResultSchema>;
export type DirectMessageSearchResult = z.infer<typeof directMessageSearchResultSchema>;
export type DeletedDirectMessage = z.infer<typeof deletedDirectMessageSchema>;
export type Conversation = z.infer<typeof conversationSchema>;
export type Friend = z.infer<typeof friendSchema>;
export type FriendRequest = z.infer<typeof friendRequestSchema>;
export type FriendRequestResult = z.infer<typeof friendRequestResultSchema>;
export type BlockedUser = z.infer<typeof blockedUserSchema>;
export type CommunityRole = z.infer<typeof communityRoleSchema>;
export type Session = z.infer<typeof sessionSchema>;
export type AccountExport = z.infer<typeof accountExportSchema>;
export type UnreadSummary = z.infer<typeof unreadSummarySchema>;
export type UserIdentity = z.infer<typeof userIdentitySchema>;
export type Invite = z.infer<typeof inviteSchema>;
export type InvitePreview = z.infer<typeof invitePreviewSchema>;
export type CommunityBan = z.infer<typeof communityBanSchema>;
export type Webhook = z.infer<typeof webhookSchema>;
export type CreatedWebhook = z.infer<typeof createdWebhookSchema>;
export type AuditAction = z.infer<typeof auditActionSchema>;
export type AuditTargetType = z.infer<typeof auditTargetTypeSchema>;
export type AuditLogEntry = z.infer<typeof auditLogEntrySchema>;
export type NotificationSetting = z.infer<typeof notificationSettingSchema>;
