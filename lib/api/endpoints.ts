import { z } from "zod";
import { summarizeChannelSchema } from "../validations/assistant";
import { createBotSchema, updateBotSchema } from "../validations/bots";
import { changePasswordSchema, loginSchema, registerSchema, sessionParams } from "../validations/auth";
import { channelMemberSchema, createChannelSchema, updateChannelSchema } from "../validations/channels";
import { idParams, messagePageQuery, paginationQuery } from "../validations/common";
import { addMemberSchema, createCommunitySchema, memberParams, membersQuery, updateCommunitySchema, updateMemberSchema } from "../validations/communities";
import { friendRequestSchema } from "../validations/friends";
import { createInviteSchema, inviteParams } from "../validations/invites";
import { auditLogQuery, banSchema } from "../validations/moderation";
import { reactionParams, reactionUsersQuery } from "../validations/reactions";
import { editMessageSchema, markReadSchema, markUnreadSchema, messageSearchQuery, sendDirectMessageSchema, sendMessageSchema } from "../validations/messages";
import { deleteAccountSchema, updateProfileSchema, userSearchQuery } from "../validations/users";
import { mentionsQuery, notificationSettingInput } from "../validations/notifications";
import { createWebhookSchema, executeWebhookSchema, webhookTokenParams } from "../validations/webhooks";
import { endpoint, fileBody } from "./contract";
import * as e from "./entities";

const channelUserParams = z.strictObject({ id: idParams.shape.id, user_id: idParams.shape.id });
const channelMessageParams = z.strictObject({ id: idParams.shape.id, message_id: idParams.shape.id });
const attachmentFileParams = z.strictObject({
  id: idParams.shape.id,
  filename: z.string().min(1).max(1000).describe("The attachment's file name, as in its url (any name serves the same file)"),
});
const REACTION_RULES =
  "`emoji` is one Unicode emoji as emojibase lists it (skin tones included), URL-encoded; with or without U+FE0F it is the same reaction, " +
  "stored and answered in emojibase's form. Anything else: 400.";
const IMAGE_PART = "A PNG, JPEG, GIF or WebP image (at most MAX_UPLOAD_BYTES, MAX_IMAGE_PIXELS pixels); stored cropped square as WebP";

/** Every endpoint of the REST API. Route files pick theirs from here; /api/openapi.json lists them all. */
export const endpoints = {
  // Auth
  register: endpoint({
    method: "POST", path: "/api/auth/register", tag: "Auth", auth: false,
    summary: "Create an account and receive an API token",
    body: registerSchema, responses: { 201: e.authResultSchema }, errors: [409],
  }),
  login: endpoint({
    method: "POST", path: "/api/auth/login", tag: "Auth", auth: false,
    summary: "Exchange a username or email and a password for an API token",
    body: loginSchema, responses: { 200: e.authResultSchema }, errors: [401, 429],
  }),
  logout: endpoint({
    method: "POST", path: "/api/auth/logout", tag: "Auth", auth: true,
    summary: "Revoke the presented token (or browser session) and close its sockets",
    responses: { 200: e.okSchema },
  }),
  me: endpoint({
    method: "GET", path: "/api/auth/me", tag: "Auth", auth: true,
    summary: "The signed-in user, with email", responses: { 200: e.selfUserSchema },
  }),
  listSessions: endpoint({
    method: "GET", path: "/api/auth/sessions", tag: "Auth", auth: true,
    summary: "The caller's live sessions (API tokens and browser sessions), newest first",
    responses: { 200: z.array(e.sessionSchema) },
  }),
  endOtherSessions: endpoint({
    method: "DELETE", path: "/api/auth/sessions", tag: "Auth", auth: true,
    summary: "Log out everywhere else: end every session of the caller but this one and close their sockets",
    responses: { 204: null },
  }),
  endSession: endpoint({
    method: "DELETE", path: "/api/auth/sessions/{id}", tag: "Auth", auth: true,
    summary: "End one of the caller's sessions and close its sockets (404 for anyone else's)",
    params: sessionParams, responses: { 204: null },
  }),
  changePassword: endpoint({
    method: "POST", path: "/api/auth/password", tag: "Auth", auth: true,
    summary: "Change the password: every other session ends and its sockets close; this one stays",
    description: "403 `invalid_password` when current_password is wrong (not 401: the caller's session is fine); 400 when the new password equals the current one; 429 after 10 wrong passwords in 15 minutes.",
    body: changePasswordSchema, responses: { 204: null }, errors: [403, 429],
  }),

  // Users
  updateProfile: endpoint({
    method: "PATCH", path: "/api/users/me", tag: "Users", auth: true,
    summary: "Change display name, avatar, status or custom status",
    body: updateProfileSchema, responses: { 200: e.selfUserSchema },
  }),
  deleteAccount: endpoint({
    method: "DELETE", path: "/api/users/me", tag: "Users", auth: true,
    summary: "Delete the caller's account: anonymised, every session ended (409 owns_communities while they own any)",
    description: "The user row stays as \"Deleted User\" so that messages keep an author; memberships, friendships, requests, blocks and sessions go; DMs stay; every file the user uploaded, and their avatar, is deleted. 403 `invalid_password` for a wrong password; 409 `owns_communities` with `details.community_ids`.",
    body: deleteAccountSchema, responses: { 204: null }, errors: [403, 409, 429],
  }),
  exportAccount: endpoint({
    method: "GET", path: "/api/users/me/export", tag: "Users", auth: true,
    summary: "Download the caller's own data as JSON (profile, communities, friends, blocks, sent requests, messages, DMs)",
    responses: { 200: e.accountExportSchema },
  }),
  uploadAvatar: endpoint({
    method: "POST", path: "/api/users/me/avatar", tag: "Users", auth: true,
    summary: "Upload an avatar: the image becomes a square WebP and avatar_url points at it",
    description: "400 when the file is not a supported image or has too many pixels; 413 over MAX_UPLOAD_BYTES. The avatar it replaces is deleted.",
    upload: IMAGE_PART, responses: { 200: e.selfUserSchema }, errors: [429],
  }),
  unreadSummary: endpoint({
    method: "GET", path: "/api/users/me/unread", tag: "Users", auth: true,
    summary: "What the caller has not read: per readable channel, and per conversation with unread messages",
    responses: { 200: e.unreadSummarySchema },
  }),
  listMentions: endpoint({
    method: "GET", path: "/api/users/me/mentions", tag: "Users", auth: true,
    summary: "The caller's recent mentions (of them or @everyone), newest first, in channels they can read now",
    description: "Their own messages and those of users they blocked are left out. Page back with `before` = the last id of the previous page.",
    query: mentionsQuery, responses: { 200: z.array(e.messageSchema) },
  }),
  getUser: endpoint({
    method: "GET", path: "/api/users/{id}", tag: "Users", auth: true,
    summary: "A user's public profile and how the caller relates to them",
    params: idParams, responses: { 200: e.userProfileSchema },
  }),
  searchUsers: endpoint({
    method: "GET", path: "/api/channels/users/search", tag: "Users", auth: true,
    summary: "Find users by username or display name (case-insensitive, at most 20)",
    query: userSearchQuery, responses: { 200: z.array(e.publicUserSchema) },
  }),

  // Communities
  listCommunities: endpoint({
    method: "GET", path: "/api/channels/communities", tag: "Communities", auth: true,
    summary: "The caller's communities, with their role", query: paginationQuery,
    responses: { 200: z.array(e.communitySchema) },
  }),
  createCommunity: endpoint({
    method: "POST", path: "/api/channels/communities", tag: "Communities", auth: true,
    summary: "Create a community: the caller becomes its owner and a #general channel is made",
    body: createCommunitySchema, responses: { 201: e.communitySchema },
  }),
  discoverCommunities: endpoint({
    method: "GET", path: "/api/channels/communities/discover", tag: "Communities", auth: true,
    summary: "Public communities the caller is not in, largest first", query: paginationQuery,
    responses: { 200: z.array(e.communitySchema) },
  }),
  getCommunity: endpoint({
    method: "GET", path: "/api/channels/communities/{id}", tag: "Communities", auth: true,
    summary: "A community's details (role is null for non-members; a non-public one is 404 to them)", params: idParams,
    responses: { 200: e.communitySchema },
  }),
  updateCommunity: endpoint({
    method: "PATCH", path: "/api/channels/communities/{id}", tag: "Communities", auth: true,
    summary: "Edit a community (owner or admin)", params: idParams, body: updateCommunitySchema,
    responses: { 200: e.communitySchema }, errors: [403],
  }),
  uploadCommunityIcon: endpoint({
    method: "POST", path: "/api/channels/communities/{id}/icon", tag: "Communities", auth: true,
    summary: "Upload a community icon (owner or admin): the image becomes a square WebP and icon points at it",
    description: "400 when the file is not a supported image or has too many pixels; 413 over MAX_UPLOAD_BYTES. The icon it replaces is deleted.",
    params: idParams, upload: IMAGE_PART, responses: { 200: e.communitySchema }, errors: [403, 429],
  }),
  deleteCommunity: endpoint({
    method: "DELETE", path: "/api/channels/communities/{id}", tag: "Communities", auth: true,
    summary: "Delete a community with its channels, messages and memberships (owner only)", params: idParams,
    responses: { 200: e.deletedSchema }, errors: [403],
  }),
  joinCommunity: endpoint({
    method: "POST", path: "/api/channels/communities/{id}/join", tag: "Communities", auth: true,
    summary: "Join a public community (a non-public one answers 404 as a missing one; a banned user gets 403 banned)",
    params: idParams, responses: { 200: e.communitySchema }, errors: [403, 409],
  }),
  leaveCommunity: endpoint({
    method: "POST", path: "/api/channels/communities/{id}/leave", tag: "Communities", auth: true,
    summary: "Leave a community (the owner cannot: delete it instead)", params: idParams,
    responses: { 200: e.okSchema }, errors: [409],
  }),
  listMembers: endpoint({
    method: "GET", path: "/api/channels/community/members", tag: "Communities", auth: true,
    summary: "A community's members, owner and admins first",
    query: paginationQuery.extend(membersQuery.shape), responses: { 200: z.array(e.communityMemberSchema) }, errors: [404],
  }),
  addMember: endpoint({
    method: "POST", path: "/api/channels/community/add-member", tag: "Communities", auth: true,
    summary: "Add a user to a community (owner or admin; 403 banned for a banned user)", body: addMemberSchema,
    responses: { 201: e.communityMemberSchema }, errors: [403, 404, 409],
  }),
  kickMember: endpoint({
    method: "DELETE", path: "/api/channels/communities/{id}/members/{user_id}", tag: "Communities", auth: true,
    summary: "Remove a member (owner or admin; admins cannot remove the owner or other admins)",
    params: memberParams, responses: { 200: e.okSchema }, errors: [403],
  }),
  updateMember: endpoint({
    method: "PATCH", path: "/api/channels/communities/{id}/members/{user_id}", tag: "Communities", auth: true,
    summary: "Change a member's role (owner only) or time them out (owner, or admin over plain members)",
    description:
      "`role` makes a member an admin or a plain member. `timeout_until` (at most 28 days ahead; null ends it) lets the member " +
      "read but not send, edit, react or type until then: those answer 403 `timed_out` with `details.until`.",
    params: memberParams, body: updateMemberSchema, responses: { 200: e.communityMemberSchema }, errors: [403, 409],
  }),

  getCommunityNotifications: endpoint({
    method: "GET", path: "/api/channels/communities/{id}/notifications", tag: "Communities", auth: true,
    summary: "The caller's notification setting for a community (the default until they set one)",
    params: idParams, responses: { 200: e.notificationSettingSchema },
  }),
  updateCommunityNotifications: endpoint({
    method: "PUT", path: "/api/channels/communities/{id}/notifications", tag: "Communities", auth: true,
    summary: "Set the caller's notification setting for the community's channels that have none of their own",
    params: idParams, body: notificationSettingInput, responses: { 200: e.notificationSettingSchema },
  }),

  // Invites
  createInvite: endpoint({
    method: "POST", path: "/api/channels/communities/{id}/invites", tag: "Invites", auth: true,
    summary: "Create an invite link to a community (any member)",
    params: idParams, body: createInviteSchema, responses: { 201: e.inviteSchema },
  }),
  listInvites: endpoint({
    method: "GET", path: "/api/channels/communities/{id}/invites", tag: "Invites", auth: true,
    summary: "A community's usable invites, newest first (owner or admin)",
    params: idParams, responses: { 200: z.array(e.inviteSchema) }, errors: [403],
  }),
  previewInvite: endpoint({
    method: "GET", path: "/api/invites/{code}", tag: "Invites", auth: false,
    summary: "What an invite leads to; works signed out (404 when unknown, expired, deleted or used up)",
    params: inviteParams, responses: { 200: e.invitePreviewSchema },
  }),
  acceptInvite: endpoint({
    method: "POST", path: "/api/invites/{code}/accept", tag: "Invites", auth: true,
    summary: "Join a community through an invite (public or not); 403 banned for a banned user",
    params: inviteParams, responses: { 200: e.communitySchema }, errors: [403, 409],
  }),
  deleteInvite: endpoint({
    method: "DELETE", path: "/api/invites/{code}", tag: "Invites", auth: true,
    summary: "Delete an invite (its creator, or an owner or admin of the community)",
    params: inviteParams, responses: { 204: null }, errors: [403],
  }),

  // Bots
  createBot: endpoint({
    method: "POST", path: "/api/bots", tag: "Bots", auth: true,
    summary: "Create a bot account that the caller owns, with its token (shown once)",
    description:
      "A bot signs in only with its token (Bearer on REST, `auth: { token }` on Socket.IO), never with a password. It cannot send or accept friend requests, " +
      "DMs only users it shares a community with, and joins a community only when an owner or admin adds it or through an invite accepted with its token. " +
      "`is_ai: true` lets it send message_type ai, naming its model on each. At most 25 bots per owner (409).",
    body: createBotSchema, responses: { 201: e.botWithTokenSchema }, errors: [403, 409, 429],
  }),
  listBots: endpoint({
    method: "GET", path: "/api/bots", tag: "Bots", auth: true,
    summary: "The caller's bots, oldest first", responses: { 200: z.array(e.botSchema) },
  }),
  updateBot: endpoint({
    method: "PATCH", path: "/api/bots/{id}", tag: "Bots", auth: true,
    summary: "Change the caller's bot: display name, avatar, whether it is an AI bot",
    params: idParams, body: updateBotSchema, responses: { 200: e.botSchema },
  }),
  rotateBotToken: endpoint({
    method: "POST", path: "/api/bots/{id}/token", tag: "Bots", auth: true,
    summary: "A new token for the caller's bot: the old one stops working at once and its sockets close",
    params: idParams, responses: { 200: e.botWithTokenSchema }, errors: [429],
  }),
  deleteBot: endpoint({
    method: "DELETE", path: "/api/bots/{id}", tag: "Bots", auth: true,
    summary: "Delete the caller's bot: its tokens stop working, it leaves every community, its messages stay as Deleted User",
    params: idParams, responses: { 204: null }, errors: [409],
  }),

  // Webhooks
  createWebhook: endpoint({
    method: "POST", path: "/api/channels/{id}/webhooks", tag: "Webhooks", auth: true,
    summary: "Give a channel an incoming webhook (owner or admin); its token and url are shown only in this answer",
    description:
      "Anyone holding the url posts in the channel as the webhook (POST /api/webhooks/{id}/{token}), without an account. " +
      "The server keeps only the token's SHA-256: a lost token cannot be shown again (delete the webhook and make another). " +
      "400 `voice_channel` for a voice channel; 409 beyond 10 webhooks in the channel.",
    params: idParams, body: createWebhookSchema, responses: { 201: e.createdWebhookSchema }, errors: [403, 409],
  }),
  listWebhooks: endpoint({
    method: "GET", path: "/api/channels/{id}/webhooks", tag: "Webhooks", auth: true,
    summary: "A channel's webhooks, oldest first, without their tokens (owner or admin)",
    params: idParams, responses: { 200: z.array(e.webhookSchema) }, errors: [403],
  }),
  deleteWebhook: endpoint({
    method: "DELETE", path: "/api/webhooks/{id}", tag: "Webhooks", auth: true,
    summary: "Delete a webhook (owner or admin of its community): its url stops working; its messages stay, with webhook_id null",
    params: idParams, responses: { 204: null }, errors: [403],
  }),
  executeWebhook: endpoint({
    method: "POST", path: "/api/webhooks/{id}/{token}", tag: "Webhooks", auth: false,
    summary: "Post a message through a webhook: the token in the path is the only credential",
    description:
      "No account: a cookie or Bearer token sent along counts for nothing, the webhook posts. The message is announced like any other " +
      "(message_sent, unread counts, `<@id>` mentions); `@everyone` and `@here` are text. `username` and `avatar_url` replace the webhook's " +
      "for this message. A wrong token answers exactly like an unknown or deleted webhook (404). 429 beyond 30 messages a minute per webhook.",
    params: webhookTokenParams, body: executeWebhookSchema, responses: { 201: e.messageSchema },
  }),

  // Assistant
  getAssistant: endpoint({
    method: "GET", path: "/api/assistant", tag: "Bots", auth: true,
    summary: "The built-in AI assistant and its model; 404 when the server has none (AI_BASE_URL unset)",
    responses: { 200: e.assistantSchema },
  }),
  summarizeChannel: endpoint({
    method: "POST", path: "/api/channels/{id}/summary", tag: "Bots", auth: true,
    summary: "Catch me up: the assistant summarises the caller's unread messages in a channel, for the caller only",
    description:
      "The model sees the unread messages of this channel (the newest 200, without the caller's own and those of users the caller blocked) and nothing else. " +
      "Nothing is posted and the read position does not move. A client that marks a channel read as it shows it sends `from_message_id`: the first message that was unread when the channel opened. " +
      "404 without an assistant; 403 in a community the assistant was not added to; 503 ai_unavailable when the model fails or times out; 429 over the caller's assistant budget.",
    params: idParams, body: summarizeChannelSchema, responses: { 200: e.channelSummarySchema }, errors: [403, 429, 503],
  }),

  // Moderation
  banMember: endpoint({
    method: "PUT", path: "/api/channels/communities/{id}/bans/{user_id}", tag: "Moderation", auth: true,
    summary: "Ban a user, member or not (owner or admin; admins ban plain members and non-members only)",
    description: "A member is removed at once. `delete_message_seconds` also deletes their messages in the community from that many seconds back. Banning again replaces the reason.",
    params: memberParams, body: banSchema, responses: { 204: null }, errors: [403],
  }),
  unbanMember: endpoint({
    method: "DELETE", path: "/api/channels/communities/{id}/bans/{user_id}", tag: "Moderation", auth: true,
    summary: "Lift a ban (owner or admin); 404 when the user is not banned",
    params: memberParams, responses: { 204: null }, errors: [403],
  }),
  listBans: endpoint({
    method: "GET", path: "/api/channels/communities/{id}/bans", tag: "Moderation", auth: true,
    summary: "A community's bans, newest first (owner or admin)",
    params: idParams, query: paginationQuery, responses: { 200: z.array(e.communityBanSchema) }, errors: [403],
  }),
  listAuditLog: endpoint({
    method: "GET", path: "/api/channels/communities/{id}/audit-log", tag: "Moderation", auth: true,
    summary: "A community's administrative actions, newest first (owner or admin)",
    description: "Page back with `before` = the last id of the previous page; filter by `action` and `actor_id`.",
    params: idParams, query: auditLogQuery, responses: { 200: z.array(e.auditLogEntrySchema) }, errors: [403],
  }),

  // Channels
  listChannels: endpoint({
    method: "GET", path: "/api/channels/communities/{id}/channels", tag: "Channels", auth: true,
    summary: "The channels of a community the caller can see, with unread counts", params: idParams,
    responses: { 200: z.array(e.channelWithReadStateSchema) },
  }),
  createChannel: endpoint({
    method: "POST", path: "/api/channels/communities/{id}/channels", tag: "Channels", auth: true,
    summary: "Create a channel (owner or admin)", params: idParams, body: createChannelSchema,
    responses: { 201: e.channelSchema }, errors: [403],
  }),
  getChannel: endpoint({
    method: "GET", path: "/api/channels/{id}", tag: "Channels", auth: true,
    summary: "A channel's details", params: idParams, responses: { 200: e.channelWithReadStateSchema },
  }),
  updateChannel: endpoint({
    method: "PATCH", path: "/api/channels/{id}", tag: "Channels", auth: true,
    summary: "Edit a channel (owner or admin)", params: idParams, body: updateChannelSchema,
    responses: { 200: e.channelSchema }, errors: [403],
  }),
  deleteChannel: endpoint({
    method: "DELETE", path: "/api/channels/{id}", tag: "Channels", auth: true,
    summary: "Delete a channel and its messages (owner or admin)", params: idParams,
    responses: { 200: e.deletedSchema }, errors: [403],
  }),
  joinChannel: endpoint({
    method: "POST", path: "/api/channels/{id}/join", tag: "Channels", auth: true,
    summary: "Join a channel the caller can see (records private-channel membership)", params: idParams,
    responses: { 200: e.channelSchema },
  }),
  leaveChannel: endpoint({
    method: "POST", path: "/api/channels/{id}/leave", tag: "Channels", auth: true,
    summary: "Leave a channel: for a private channel, its membership ends", params: idParams,
    responses: { 200: e.okSchema },
  }),
  getChannelNotifications: endpoint({
    method: "GET", path: "/api/channels/{id}/notifications", tag: "Channels", auth: true,
    summary: "The caller's notification setting that holds for a channel: its own, else the community's, else the default",
    params: idParams, responses: { 200: e.notificationSettingSchema },
  }),
  updateChannelNotifications: endpoint({
    method: "PUT", path: "/api/channels/{id}/notifications", tag: "Channels", auth: true,
    summary: "Set the caller's own notification setting for a channel (it overrides the community's)",
    description: "Muted (`muted_until` ahead) or at level `none`, the channel adds nothing to GET /api/users/me/unread; at `mentions` only its mentions. Its own unread_count and mention_count stay.",
    params: idParams, body: notificationSettingInput, responses: { 200: e.notificationSettingSchema },
  }),
  getVoiceState: endpoint({
    method: "GET", path: "/api/channels/{id}/voice", tag: "Channels", auth: true,
    summary: "Who is in a voice channel now",
    description:
      "Joining, leaving, muting and the WebRTC signaling go over Socket.IO (`voice_join`, `voice_leave`, `voice_state`, `voice_signal`); " +
      "this is the same list the `voice_participants` event carries, for a client that was not connected. 404 for a channel the caller " +
      "cannot see; a text channel has nobody in it.",
    params: idParams, responses: { 200: e.voiceChannelStateSchema },
  }),
  listChannelMembers: endpoint({
    method: "GET", path: "/api/channels/{id}/members", tag: "Channels", auth: true,
    summary: "Who can read a channel (for a private one: its members, plus owner and admins)",
    params: idParams, query: paginationQuery, responses: { 200: z.array(e.communityMemberSchema) },
  }),
  addChannelMember: endpoint({
    method: "POST", path: "/api/channels/{id}/members", tag: "Channels", auth: true,
    summary: "Give a community member access to a private channel (owner or admin)",
    params: idParams, body: channelMemberSchema, responses: { 201: e.communityMemberSchema }, errors: [403, 409],
  }),
  removeChannelMember: endpoint({
    method: "DELETE", path: "/api/channels/{id}/members/{user_id}", tag: "Channels", auth: true,
    summary: "Take away a member's access to a private channel (owner or admin)",
    params: channelUserParams, responses: { 200: e.okSchema }, errors: [403],
  }),
  listPins: endpoint({
    method: "GET", path: "/api/channels/{id}/pins", tag: "Channels", auth: true,
    summary: "The channel's pinned messages, newest pin first (at most 50)", params: idParams,
    responses: { 200: z.array(e.messageSchema) },
  }),
  pinMessage: endpoint({
    method: "PUT", path: "/api/channels/{id}/pins/{message_id}", tag: "Channels", auth: true,
    summary: "Pin a message of the channel (owner or admin; authors do not pin their own)",
    description:
      "Idempotent: pinning a pinned message is 204 again, with no event. A new pin sends `message_pinned` and posts a `system` message " +
      "from the pinner (\"alice pinned a message.\", `reply_to` the pinned message). 404 for a message of another channel; " +
      "400 for a system message; 409 `conflict` beyond 50 pins in the channel.",
    params: channelMessageParams, responses: { 204: null }, errors: [403, 409],
  }),
  unpinMessage: endpoint({
    method: "DELETE", path: "/api/channels/{id}/pins/{message_id}", tag: "Channels", auth: true,
    summary: "Unpin a message of the channel (owner or admin); idempotent, posts no system message",
    params: channelMessageParams, responses: { 204: null }, errors: [403],
  }),

  // Messages
  listMessages: endpoint({
    method: "GET", path: "/api/messages/channel/{id}", tag: "Messages", auth: true,
    summary: "A page of a channel's messages, oldest to newest",
    description: "Without a cursor: the newest page. `before`, `after` and `around` take a message id; `after` is the catch-up query after a reconnect.",
    params: idParams, query: messagePageQuery, responses: { 200: z.array(e.messageSchema) },
  }),
  sendMessage: endpoint({
    method: "POST", path: "/api/messages/send", tag: "Messages", auth: true,
    summary: "Post a message in a channel",
    description: "201 with the new message; 200 with the original when the nonce was already used by the caller in the last 10 minutes.",
    body: sendMessageSchema, responses: { 201: e.messageSchema, 200: e.messageSchema }, errors: [403, 404],
  }),
  editMessage: endpoint({
    method: "PUT", path: "/api/messages/{id}", tag: "Messages", auth: true,
    summary: "Edit one's own message", params: idParams, body: editMessageSchema,
    responses: { 200: e.messageSchema }, errors: [403],
  }),
  deleteMessage: endpoint({
    method: "DELETE", path: "/api/messages/{id}", tag: "Messages", auth: true,
    summary: "Delete a message (its author, or an owner or admin of the community)", params: idParams,
    responses: { 200: e.deletedMessageSchema }, errors: [403],
  }),
  markRead: endpoint({
    method: "POST", path: "/api/messages/read", tag: "Messages", auth: true,
    summary: "Mark a channel read up to a message, or a DM conversation read",
    body: markReadSchema, responses: { 200: z.union([e.channelReadStateSchema, e.directReadStateSchema]) }, errors: [404],
  }),
  markUnread: endpoint({
    method: "POST", path: "/api/messages/unread", tag: "Messages", auth: true,
    summary: "Mark a channel or a DM conversation unread from a message on (moves the read position back)",
    description:
      "For a channel, the read position becomes the message before `message_id`; for a DM conversation, the peer's messages from " +
      "`message_id` on become unread. The caller's other sessions get `message_unread`. 404 for a message outside the channel or conversation.",
    body: markUnreadSchema, responses: { 200: z.union([e.channelReadStateSchema, e.directUnreadStateSchema]) }, errors: [404],
  }),
  searchMessages: endpoint({
    method: "GET", path: "/api/messages/search", tag: "Messages", auth: true,
    summary: "Full-text search of the channels the caller can read now, or (dm_user_id) of the caller's DMs with one user",
    description:
      "Every word of `q` must match (case and diacritics ignored; punctuation only separates words; the last word of 2+ characters also matches as a prefix). " +
      "Best match first (bm25 on SQLite, ts_rank on PostgreSQL), then newest. Only the newest 10,000 matches are ranked, so `total` stops at 10,000. " +
      "A channel_id or community_id the caller cannot read is a 404, as for a missing one; dm_user_id with either is a 400. 429 after 60 searches a minute.",
    query: messageSearchQuery, responses: { 200: z.union([e.messageSearchResultSchema, e.directMessageSearchResultSchema]) }, errors: [404, 429],
  }),
  listConversations: endpoint({
    method: "GET", path: "/api/messages/direct", tag: "Direct messages", auth: true,
    summary: "The caller's DM conversations, most recent first", query: paginationQuery,
    responses: { 200: z.array(e.conversationSchema) },
  }),
  listDirectMessages: endpoint({
    method: "GET", path: "/api/messages/direct/{id}", tag: "Direct messages", auth: true,
    summary: "A page of the DM conversation with user {id}, oldest to newest", params: idParams, query: messagePageQuery,
    responses: { 200: z.array(e.directMessageSchema) },
  }),
  sendDirectMessage: endpoint({
    method: "POST", path: "/api/messages/direct/send", tag: "Direct messages", auth: true,
    summary: "Send a direct message (refused with 403 cannot_message_user when either side has blocked the other)",
    description: "`reply_to` quotes a direct message of the same conversation (400 otherwise). 201 with the new message; 200 with the original when the nonce was already used by the caller in the last 10 minutes.",
    body: sendDirectMessageSchema, responses: { 201: e.directMessageSchema, 200: e.directMessageSchema }, errors: [403, 404],
  }),
  editDirectMessage: endpoint({
    method: "PUT", path: "/api/messages/direct/message/{id}", tag: "Direct messages", auth: true,
    summary: "Edit one's own direct message (also after a block)",
    description: "403 for the other party's message; 404, as for a missing one, for a message of someone else's conversation.",
    params: idParams, body: editMessageSchema, responses: { 200: e.directMessageSchema }, errors: [403],
  }),
  deleteDirectMessage: endpoint({
    method: "DELETE", path: "/api/messages/direct/message/{id}", tag: "Direct messages", auth: true,
    summary: "Delete one's own direct message (also after a block); replies to it stay",
    description: "Only the author deletes: 403 for the other party's message; 404, as for a missing one, for a message of someone else's conversation.",
    params: idParams, responses: { 200: e.deletedDirectMessageSchema }, errors: [403],
  }),

  // Reactions
  addReaction: endpoint({
    method: "PUT", path: "/api/messages/{id}/reactions/{emoji}", tag: "Reactions", auth: true,
    summary: "React to a channel message with an emoji (idempotent: a repeat changes nothing and sends no event)",
    description:
      `${REACTION_RULES} Whoever may post in the channel may react: 403 \`timed_out\` while timed out, 403 for a plain member in an ` +
      "announcement channel. At most 20 different emoji per message: a 21st is 409 `too_many_reactions` (an emoji already there stays open to everyone).",
    params: reactionParams, responses: { 204: null }, errors: [403, 409],
  }),
  removeReaction: endpoint({
    method: "DELETE", path: "/api/messages/{id}/reactions/{emoji}", tag: "Reactions", auth: true,
    summary: "Take back one's own reaction (idempotent; same rules as adding)",
    description: REACTION_RULES,
    params: reactionParams, responses: { 204: null }, errors: [403],
  }),
  listReactionUsers: endpoint({
    method: "GET", path: "/api/messages/{id}/reactions/{emoji}", tag: "Reactions", auth: true,
    summary: "Who reacted to a channel message with an emoji, in the order they did",
    description: REACTION_RULES,
    params: reactionParams, query: reactionUsersQuery, responses: { 200: e.reactionUsersSchema },
  }),
  addDirectMessageReaction: endpoint({
    method: "PUT", path: "/api/messages/direct/message/{id}/reactions/{emoji}", tag: "Reactions", auth: true,
    summary: "React to a direct message (either party; idempotent). Refused with 403 cannot_message_user across a block",
    description: `${REACTION_RULES} At most 20 different emoji per message (409 \`too_many_reactions\`). 404, as for a missing one, for a message of someone else's conversation.`,
    params: reactionParams, responses: { 204: null }, errors: [403, 409],
  }),
  removeDirectMessageReaction: endpoint({
    method: "DELETE", path: "/api/messages/direct/message/{id}/reactions/{emoji}", tag: "Reactions", auth: true,
    summary: "Take back one's own reaction to a direct message (idempotent; also after a block)",
    description: REACTION_RULES,
    params: reactionParams, responses: { 204: null },
  }),
  listDirectMessageReactionUsers: endpoint({
    method: "GET", path: "/api/messages/direct/message/{id}/reactions/{emoji}", tag: "Reactions", auth: true,
    summary: "Who reacted to a direct message with an emoji, in the order they did",
    description: REACTION_RULES,
    params: reactionParams, query: reactionUsersQuery, responses: { 200: e.reactionUsersSchema },
  }),

  // Attachments
  uploadAttachment: endpoint({
    method: "POST", path: "/api/attachments", tag: "Attachments", auth: true,
    summary: "Upload a file to send with a message or DM (attachment_ids); unsent uploads are deleted after 24 h",
    description:
      "The type is sniffed from the bytes. Images (PNG, JPEG, GIF, WebP) are re-encoded without their metadata (EXIF, GPS), " +
      "get width, height and a WebP thumbnail; one with more than MAX_IMAGE_PIXELS pixels is a 400 (nothing is kept). " +
      "Over MAX_UPLOAD_BYTES (default 25 MiB): 413, nothing kept.",
    upload: "Any file, at most MAX_UPLOAD_BYTES", responses: { 201: e.attachmentSchema }, errors: [429],
  }),
  getAttachmentThumbnail: endpoint({
    method: "GET", path: "/api/attachments/{id}/thumbnail", tag: "Attachments", auth: true,
    summary: "An image attachment's WebP preview (at most 400 px); 404 for other files and for whoever may not read it",
    params: idParams, responses: { 200: fileBody },
  }),
  getAttachment: endpoint({
    method: "GET", path: "/api/attachments/{id}/{filename}", tag: "Attachments", auth: true,
    summary: "An attachment's bytes, for whoever may read its message (its uploader before it is sent); 404, as for a missing one, to anyone else",
    description:
      "Content-Type is the sniffed type. Raster images (PNG, JPEG, GIF, WebP) are inline, everything else (SVG and HTML included) " +
      "`Content-Disposition: attachment`; always `X-Content-Type-Options: nosniff`, `Content-Security-Policy: sandbox; default-src 'none'` " +
      "and `Cache-Control: private`. One byte range (`Range: bytes=…`) answers 206; a range past the end 416.",
    params: attachmentFileParams, responses: { 200: fileBody, 206: fileBody }, errors: [416],
  }),

  // Friends
  listFriends: endpoint({
    method: "GET", path: "/api/channels/friends", tag: "Friends", auth: true,
    summary: "The caller's friends with their live status", responses: { 200: z.array(e.friendSchema) },
  }),
  sendFriendRequest: endpoint({
    method: "POST", path: "/api/friends/request", tag: "Friends", auth: true,
    summary: "Send a friend request (accepts theirs instead when they already asked the caller)",
    body: friendRequestSchema, responses: { 201: e.friendRequestResultSchema, 200: e.friendRequestResultSchema }, errors: [403, 404, 409],
  }),
  listIncomingRequests: endpoint({
    method: "GET", path: "/api/friends/requests/pending", tag: "Friends", auth: true,
    summary: "Pending friend requests sent to the caller", responses: { 200: z.array(e.friendRequestSchema) },
  }),
  listOutgoingRequests: endpoint({
    method: "GET", path: "/api/friends/requests/outgoing", tag: "Friends", auth: true,
    summary: "Pending friend requests the caller sent", responses: { 200: z.array(e.friendRequestSchema) },
  }),
  acceptFriendRequest: endpoint({
    method: "POST", path: "/api/friends/request/{id}/accept", tag: "Friends", auth: true,
    summary: "Accept a friend request (its receiver only)", params: idParams,
    responses: { 200: e.friendRequestResultSchema }, errors: [403, 409],
  }),
  rejectFriendRequest: endpoint({
    method: "POST", path: "/api/friends/request/{id}/reject", tag: "Friends", auth: true,
    summary: "Reject a friend request (its receiver only)", params: idParams,
    responses: { 200: e.friendRequestSchema }, errors: [403, 409],
  }),
  cancelFriendRequest: endpoint({
    method: "POST", path: "/api/friends/request/{id}/cancel", tag: "Friends", auth: true,
    summary: "Withdraw a friend request (its sender only)", params: idParams,
    responses: { 200: e.friendRequestSchema }, errors: [403, 409],
  }),
  removeFriend: endpoint({
    method: "DELETE", path: "/api/friends/{id}", tag: "Friends", auth: true,
    summary: "End the friendship with user {id}, for both sides", params: idParams, responses: { 200: e.okSchema },
  }),
  blockUser: endpoint({
    method: "POST", path: "/api/friends/block/{id}", tag: "Friends", auth: true,
    summary: "Block user {id}: ends any friendship and pending requests between the two", params: idParams,
    responses: { 201: e.blockedUserSchema }, errors: [409],
  }),
  unblockUser: endpoint({
    method: "POST", path: "/api/friends/unblock/{id}", tag: "Friends", auth: true,
    summary: "Unblock user {id} (restores nothing by itself)", params: idParams, responses: { 200: e.okSchema },
  }),
  listBlocked: endpoint({
    method: "GET", path: "/api/friends/blocked", tag: "Friends", auth: true,
    summary: "The users the caller has blocked", responses: { 200: z.array(e.blockedUserSchema) },
  }),

  // Service
  health: endpoint({
    method: "GET", path: "/api/health", tag: "Service", auth: false,
    summary: "Liveness, a database round trip and, in cluster mode, a Redis one (503 only when the database is unreachable)",
    responses: { 200: e.healthSchema, 503: e.healthSchema },
    rateLimited: false,
  }),
  openapi: endpoint({
    method: "GET", path: "/api/openapi.json", tag: "Service", auth: false,
    summary: "This OpenAPI 3.1 document", responses: { 200: z.record(z.string(), z.unknown()) },
  }),
};

export type Endpoints = typeof endpoints;
