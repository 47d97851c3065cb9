import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Endpoint } from "../lib/api/contract";
import { endpoints } from "../lib/api/endpoints";
import { idNumber } from "../lib/validations/common";
import { uniqueName, type ApiResponse, type TestUser } from "./helpers/api";
import { comparable, DISPATCH_HEADER, throughNext } from "./helpers/dispatch";
import { fileForm, pngBomb, TINY_PNG } from "./helpers/uploads";
import { startFakeModel } from "./helpers/fake-model";
import { useServer } from "./helpers/world";

// Bad input on every route of lib/api/endpoints.ts: 400 invalid_request (413 payload_too_large for a
// body over 64 KiB, or an upload over MAX_UPLOAD_BYTES), never a 500 or a stack trace, and nothing
// changes in the database.
//
// Each endpoint gets a VALID request built from a fixture (a caller with access, real ids), and the
// bad variants are derived from it and from the endpoint's own zod schemas, so that the one thing
// wrong with each request is the thing the variant breaks. The last describe block proves that
// the valid requests really are accepted, each against a fresh fixture.

// API_DISPATCH=compare: every request below is also sent through Next.js's request pipeline (the
// X-Auraflow-Dispatch header), and the two answers must be the same (lib/server/http/api-dispatch.ts).
// With an assistant (its model a local fake), so that its endpoints answer 200 to the valid requests.
const model = await startFakeModel();
after(() => model.close());
const { api, db, makeUsers } = useServer({ env: { API_DISPATCH: "compare", AI_BASE_URL: model.baseUrl, AI_MODEL: "fake-model" } });
let shared: Fixture;

before(async () => {
  shared = await buildFixture();
});

type AnyEndpoint = Endpoint;
type EndpointName = keyof typeof endpoints;

const MAX_BODY_BYTES = 64 * 1024;
const STACK_TRACE = /\n\s+at /;

// ---------------------------------------------------------------------------------------------
// Fixture: one owner with a community, channels, a message, friends, requests and a block.

interface Fixture {
  owner: TestUser;
  /** Member of the community and of its private channel. */
  member: TestUser;
  /** Member of the community and of its private channel. */
  member2: TestUser;
  /** Member of the community, not of the private channel. */
  member3: TestUser;
  /** Not in the community, no relation to the owner (joins it, gets a friend request, gets blocked). */
  outsider: TestUser;
  /** Not in the community, no relation to the owner (gets added to the community). */
  newcomer: TestUser;
  /** The owner's friend, with a DM conversation. */
  friend: TestUser;
  /** Sent the owner a pending friend request (to accept). */
  requesterA: TestUser;
  /** Sent the owner a pending friend request (to reject). */
  requesterB: TestUser;
  /** Received a pending friend request from the owner (to cancel). */
  requestee: TestUser;
  /** Blocked by the owner. */
  blocked: TestUser;
  /** Not in the community: accepts `inviteCode`. */
  invitee: TestUser;
  /** Banned from the community by the owner (to unban). */
  banned: TestUser;
  communityId: number;
  generalId: number;
  privateId: number;
  messageId: number;
  directMessageId: number;
  requestToAccept: number;
  requestToReject: number;
  requestToCancel: number;
  /** A second session of the owner (a login), to end by id. */
  ownerSpareSession: string;
  /** The owner's invite to the community. */
  inviteCode: string;
  /** An image the owner uploaded and sent in #general. */
  attachment: { id: number; filename: string };
  /** The owner's webhook in #general. */
  webhook: { id: number; token: string };
  /** A bot of the owner's. */
  botId: number;
}

function expectStatus(response: ApiResponse, status: number, what: string) {
  if (response.status !== status) throw new Error(`fixture: ${what} answered ${response.status}: ${response.text}`);
  return response.body;
}

async function buildFixture(): Promise<Fixture> {
  const [owner, member, member2, member3, outsider, newcomer, friend, requesterA, requesterB, requestee, blocked, invitee, banned] = await makeUsers(13);
  const as = (user: TestUser) => ({ token: user.token });

  const community = expectStatus(await api.post("/api/channels/communities", { ...as(owner), body: { name: uniqueName("Bad input") } }), 201, "create community");
  const communityId: number = community.id;
  const [channels, privateChannel] = await Promise.all([
    api.get(`/api/channels/communities/${communityId}/channels`, as(owner)).then((r) => expectStatus(r, 200, "list channels")),
    api
      .post(`/api/channels/communities/${communityId}/channels`, { ...as(owner), body: { name: "secret", type: "private" } })
      .then((r) => expectStatus(r, 201, "create private channel")),
    api.post(`/api/channels/communities/${communityId}/join`, as(member)).then((r) => expectStatus(r, 200, "member joins")),
    api.post(`/api/channels/communities/${communityId}/join`, as(member2)).then((r) => expectStatus(r, 200, "member2 joins")),
    api.post(`/api/channels/communities/${communityId}/join`, as(member3)).then((r) => expectStatus(r, 200, "member3 joins")),
  ]);
  const generalId: number = channels.find((channel: any) => channel.name === "general").id;
  const privateId: number = privateChannel.id;

  const [message, , , accepted, requestA, requestB, requestC] = await Promise.all([
    api.post("/api/messages/send", { ...as(owner), body: { channel_id: generalId, content: "hello fixture" } }).then((r) => expectStatus(r, 201, "send message")),
    api.post(`/api/channels/${privateId}/members`, { ...as(owner), body: { user_id: member.user.id } }).then((r) => expectStatus(r, 201, "add member to private channel")),
    api.post(`/api/channels/${privateId}/members`, { ...as(owner), body: { user_id: member2.user.id } }).then((r) => expectStatus(r, 201, "add member2 to private channel")),
    api
      .post("/api/friends/request", { ...as(friend), body: { receiver_id: owner.user.id } })
      .then((r) => expectStatus(r, 201, "friend request"))
      .then((result) => api.post(`/api/friends/request/${result.request.id}/accept`, as(owner)))
      .then((r) => expectStatus(r, 200, "accept friend request")),
    api.post("/api/friends/request", { ...as(requesterA), body: { receiver_id: owner.user.id } }).then((r) => expectStatus(r, 201, "request A")),
    api.post("/api/friends/request", { ...as(requesterB), body: { receiver_id: owner.user.id } }).then((r) => expectStatus(r, 201, "request B")),
    api.post("/api/friends/request", { ...as(owner), body: { receiver_id: requestee.user.id } }).then((r) => expectStatus(r, 201, "request C")),
    api.post(`/api/friends/block/${blocked.user.id}`, as(owner)).then((r) => expectStatus(r, 201, "block")),
  ]);
  const [invite] = await Promise.all([
    api.post(`/api/channels/communities/${communityId}/invites`, { ...as(owner), body: {} }).then((r) => expectStatus(r, 201, "invite")),
    api.request("PUT", `/api/channels/communities/${communityId}/bans/${banned.user.id}`, as(owner)).then((r) => expectStatus(r, 204, "ban")),
  ]);
  assert.ok(accepted.friend, "fixture: the owner and the friend are friends");
  const directMessage = expectStatus(
    await api.post("/api/messages/direct/send", { ...as(owner), body: { receiver_id: friend.user.id, content: "hello friend" } }),
    201,
    "send direct message",
  );
  const attachment = expectStatus(await api.post("/api/attachments", { ...as(owner), form: fileForm(TINY_PNG, "fixture.png") }), 201, "upload");
  const webhook = expectStatus(await api.post(`/api/channels/${generalId}/webhooks`, { ...as(owner), body: { name: "Fixture hook" } }), 201, "create webhook");
  expectStatus(await api.post("/api/messages/send", { ...as(owner), body: { channel_id: generalId, content: "", attachment_ids: [attachment.id] } }), 201, "send the upload");
  const spare = expectStatus(await api.post("/api/auth/login", { body: { username: owner.user.username, password: owner.password } }), 200, "second login");
  const ownerSpareSession: string = JSON.parse(Buffer.from(spare.token.split(".")[1], "base64url").toString()).jti;
  const bot = expectStatus(await api.post("/api/bots", { ...as(owner), body: { username: uniqueName("bot") } }), 201, "create bot");
  expectStatus(await api.post("/api/channels/community/add-member", { ...as(owner), body: { community_id: communityId, username: "aura" } }), 201, "add the assistant");

  return {
    owner, member, member2, member3, outsider, newcomer, friend, requesterA, requesterB, requestee, blocked, invitee, banned,
    communityId, generalId, privateId,
    messageId: message.id,
    directMessageId: directMessage.id,
    requestToAccept: requestA.request.id,
    requestToReject: requestB.request.id,
    requestToCancel: requestC.request.id,
    ownerSpareSession,
    inviteCode: invite.code,
    attachment: { id: attachment.id, filename: attachment.filename },
    webhook: { id: webhook.id, token: webhook.token },
    botId: bot.bot.id,
  };
}

/** Stands in for a real fixture when deriving the variants (only the shape of a request matters then). */
const DUMMY_FIXTURE: Fixture = (() => {
  const user = (n: number): TestUser => ({
    token: "dummy",
    password: "dummy password",
    user: { id: n, username: `dummy_${n}`, email: `dummy_${n}@example.test`, display_name: `Dummy ${n}` },
  });
  return {
    owner: user(1), member: user(2), member2: user(3), member3: user(10), outsider: user(4), newcomer: user(11), friend: user(5),
    requesterA: user(6), requesterB: user(7), requestee: user(8), blocked: user(9), invitee: user(12), banned: user(13),
    communityId: 1, generalId: 1, privateId: 2, messageId: 1, directMessageId: 1,
    requestToAccept: 1, requestToReject: 2, requestToCancel: 3, ownerSpareSession: "00000000-0000-4000-8000-000000000000",
    inviteCode: "AbCdEfGh12",
    attachment: { id: 1, filename: "fixture.png" },
    webhook: { id: 1, token: "A".repeat(43) },
    botId: 1,
  };
})();

// ---------------------------------------------------------------------------------------------
// A valid request per endpoint (per form, for bodies that take one of two alternatives).

interface ValidRequest {
  token?: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  /** A multipart upload (made afresh for each request). */
  form?: () => FormData;
}

const imageForm = () => fileForm(TINY_PNG, "picture.png", "image/png");
/** The default MAX_UPLOAD_BYTES (25 MiB), which the bad-input server keeps. */
const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

interface Form {
  /** Distinguishes alternative valid bodies in test names, e.g. "(by username)". */
  label?: string;
  build: (f: Fixture) => ValidRequest;
}

const s = String;
const page = { limit: "20", offset: "0" };

const VALID: Partial<Record<EndpointName, Form[]>> = {
  register: [
    {
      build: () => {
        const username = uniqueName("badinput");
        return { body: { username, email: `${username}@example.test`, password: "correct horse battery", display_name: "New Person" } };
      },
    },
  ],
  login: [
    { label: "(by username)", build: (f) => ({ body: { username: f.owner.user.username, password: f.owner.password } }) },
    { label: "(by email)", build: (f) => ({ body: { email: f.owner.user.email, password: f.owner.password } }) },
  ],
  uploadAttachment: [{ build: (f) => ({ token: f.member.token, form: imageForm }) }],
  uploadAvatar: [{ build: (f) => ({ token: f.member.token, form: imageForm }) }],
  uploadCommunityIcon: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.communityId) }, form: imageForm }) }],
  getAttachment: [{ build: (f) => ({ token: f.member.token, params: { id: s(f.attachment.id), filename: f.attachment.filename } }) }],
  getAttachmentThumbnail: [{ build: (f) => ({ token: f.member.token, params: { id: s(f.attachment.id) } }) }],
  updateProfile: [
    {
      build: (f) => ({
        token: f.owner.token,
        body: { display_name: "Owner", avatar_url: "https://example.com/avatar.png", status: "idle", custom_status: "testing" },
      }),
    },
  ],
  getUser: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.outsider.user.id) } }) }],
  searchUsers: [{ build: (f) => ({ token: f.owner.token, query: { q: "badinput" } }) }],
  listCommunities: [{ build: (f) => ({ token: f.owner.token, query: page }) }],
  createCommunity: [
    {
      build: (f) => ({
        token: f.owner.token,
        body: {
          name: "Fresh community",
          description: "About things",
          icon: "https://example.com/icon.png",
          color: "#7c3aed",
          banner_url: "https://example.com/banner.png",
          display_name: "Fresh",
          bio: "A bio",
          is_public: true,
        },
      }),
    },
  ],
  discoverCommunities: [{ build: (f) => ({ token: f.outsider.token, query: page }) }],
  getCommunity: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.communityId) } }) }],
  updateCommunity: [
    {
      build: (f) => ({
        token: f.owner.token,
        params: { id: s(f.communityId) },
        body: {
          name: "Renamed",
          description: "New description",
          icon: "https://example.com/icon2.png",
          color: "#112233",
          banner_url: "https://example.com/banner2.png",
          display_name: "Renamed display",
          bio: "New bio",
          is_public: true,
        },
      }),
    },
  ],
  deleteCommunity: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.communityId) } }) }],
  joinCommunity: [{ build: (f) => ({ token: f.outsider.token, params: { id: s(f.communityId) } }) }],
  leaveCommunity: [{ build: (f) => ({ token: f.member.token, params: { id: s(f.communityId) } }) }],
  listMembers: [{ build: (f) => ({ token: f.owner.token, query: { community_id: s(f.communityId), ...page } }) }],
  addMember: [
    { label: "(by user_id)", build: (f) => ({ token: f.owner.token, body: { community_id: f.communityId, user_id: f.newcomer.user.id } }) },
    { label: "(by username)", build: (f) => ({ token: f.owner.token, body: { community_id: f.communityId, username: f.newcomer.user.username } }) },
  ],
  kickMember: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.communityId), user_id: s(f.member3.user.id) } }) }],
  updateMember: [
    { label: "(role)", build: (f) => ({ token: f.owner.token, params: { id: s(f.communityId), user_id: s(f.member2.user.id) }, body: { role: "admin" } }) },
    {
      label: "(timeout)",
      build: (f) => ({
        token: f.owner.token,
        params: { id: s(f.communityId), user_id: s(f.member2.user.id) },
        body: { timeout_until: new Date(Date.now() + 3_600_000).toISOString(), reason: "cool down" },
      }),
    },
  ],
  createInvite: [{ build: (f) => ({ token: f.member.token, params: { id: s(f.communityId) }, body: { max_uses: 5, max_age_seconds: 3600 } }) }],
  listInvites: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.communityId) } }) }],
  previewInvite: [{ build: (f) => ({ params: { code: f.inviteCode } }) }],
  createBot: [{ build: (f) => ({ token: f.owner.token, body: { username: uniqueName("bot"), display_name: "Fixture bot", avatar_url: "https://example.test/bot.png", is_ai: false } }) }],
  listBots: [{ build: (f) => ({ token: f.owner.token }) }],
  updateBot: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.botId) }, body: { display_name: "Renamed bot", avatar_url: null, is_ai: true } }) }],
  rotateBotToken: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.botId) } }) }],
  deleteBot: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.botId) } }) }],
  getAssistant: [{ build: (f) => ({ token: f.member.token }) }],
  summarizeChannel: [
    { label: "(from a message)", build: (f) => ({ token: f.owner.token, params: { id: s(f.generalId) }, body: { from_message_id: f.messageId } }) },
    { label: "(after the read position)", build: (f) => ({ token: f.owner.token, params: { id: s(f.generalId) } }) },
  ],
  acceptInvite: [{ build: (f) => ({ token: f.invitee.token, params: { code: f.inviteCode } }) }],
  deleteInvite: [{ build: (f) => ({ token: f.owner.token, params: { code: f.inviteCode } }) }],
  createWebhook: [
    { build: (f) => ({ token: f.owner.token, params: { id: s(f.generalId) }, body: { name: "Deploy bot", avatar_url: "https://example.com/hook.png" } }) },
  ],
  listWebhooks: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.generalId) } }) }],
  deleteWebhook: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.webhook.id) } }) }],
  executeWebhook: [
    {
      build: (f) => ({
        params: { id: s(f.webhook.id), token: f.webhook.token },
        body: { content: "Deployed", username: "Build 42", avatar_url: "https://example.com/build.png" },
      }),
    },
  ],
  banMember: [
    {
      build: (f) => ({
        token: f.owner.token,
        params: { id: s(f.communityId), user_id: s(f.requestee.user.id) },
        body: { reason: "spam", delete_message_seconds: 3600 },
      }),
    },
  ],
  unbanMember: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.communityId), user_id: s(f.banned.user.id) } }) }],
  listBans: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.communityId) }, query: page }) }],
  listAuditLog: [
    {
      build: (f) => ({
        token: f.owner.token,
        params: { id: s(f.communityId) },
        query: { limit: "20", before: "2147483647", action: "channel_create", actor_id: s(f.owner.user.id) },
      }),
    },
  ],
  listChannels: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.communityId) } }) }],
  createChannel: [
    {
      build: (f) => ({
        token: f.owner.token,
        params: { id: s(f.communityId) },
        body: { name: "new-channel", type: "text", description: "A new channel" },
      }),
    },
  ],
  getChannel: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.generalId) } }) }],
  getChannelNotifications: [{ build: (f) => ({ token: f.member.token, params: { id: s(f.generalId) } }) }],
  updateChannelNotifications: [
    { build: (f) => ({ token: f.member.token, params: { id: s(f.generalId) }, body: { level: "mentions", muted_until: new Date(Date.now() + 3_600_000).toISOString() } }) },
  ],
  getCommunityNotifications: [{ build: (f) => ({ token: f.member.token, params: { id: s(f.communityId) } }) }],
  updateCommunityNotifications: [{ build: (f) => ({ token: f.member.token, params: { id: s(f.communityId) }, body: { level: "none", muted_until: null } }) }],
  listMentions: [{ build: (f) => ({ token: f.member.token, query: { limit: "20", before: "2147483647" } }) }],
  updateChannel: [
    {
      build: (f) => ({
        token: f.owner.token,
        params: { id: s(f.generalId) },
        body: { name: "general-renamed", type: "text", description: "Talk", position: 1 },
      }),
    },
  ],
  deleteChannel: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.privateId) } }) }],
  joinChannel: [{ build: (f) => ({ token: f.member.token, params: { id: s(f.generalId) } }) }],
  leaveChannel: [{ build: (f) => ({ token: f.member.token, params: { id: s(f.privateId) } }) }],
  listChannelMembers: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.privateId) }, query: page }) }],
  addChannelMember: [
    { label: "(by user_id)", build: (f) => ({ token: f.owner.token, params: { id: s(f.privateId) }, body: { user_id: f.member3.user.id } }) },
    { label: "(by username)", build: (f) => ({ token: f.owner.token, params: { id: s(f.privateId) }, body: { username: f.member3.user.username } }) },
  ],
  removeChannelMember: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.privateId), user_id: s(f.member2.user.id) } }) }],
  listPins: [{ build: (f) => ({ token: f.member.token, params: { id: s(f.generalId) } }) }],
  getVoiceState: [{ build: (f) => ({ token: f.member.token, params: { id: s(f.generalId) } }) }],
  pinMessage: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.generalId), message_id: s(f.messageId) } }) }],
  unpinMessage: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.generalId), message_id: s(f.messageId) } }) }],
  listMessages: [
    { build: (f) => ({ token: f.member.token, params: { id: s(f.generalId) }, query: { ...page, before: s(f.messageId) } }) },
  ],
  sendMessage: [
    {
      build: (f) => ({
        token: f.member.token,
        body: { channel_id: f.generalId, content: "hello", message_type: "text", reply_to: f.messageId, nonce: uniqueName("nonce") },
      }),
    },
  ],
  editMessage: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.messageId) }, body: { content: "edited" } }) }],
  deleteMessage: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.messageId) } }) }],
  markRead: [
    { label: "(channel)", build: (f) => ({ token: f.member.token, body: { channel_id: f.generalId, message_id: f.messageId } }) },
    { label: "(direct)", build: (f) => ({ token: f.friend.token, body: { user_id: f.owner.user.id } }) },
  ],
  markUnread: [
    { label: "(channel)", build: (f) => ({ token: f.member.token, body: { channel_id: f.generalId, message_id: f.messageId } }) },
    { label: "(direct)", build: (f) => ({ token: f.friend.token, body: { user_id: f.owner.user.id, message_id: f.directMessageId } }) },
  ],
  searchMessages: [
    {
      label: "(channels)",
      build: (f) => ({
        token: f.member.token,
        query: { q: "hello", community_id: s(f.communityId), channel_id: s(f.generalId), author_id: s(f.owner.user.id), has: "link", after: s(f.messageId), ...page },
      }),
    },
    { label: "(direct)", build: (f) => ({ token: f.owner.token, query: { q: "hello", dm_user_id: s(f.friend.user.id), before: s(f.directMessageId), ...page } }) },
  ],
  listConversations: [{ build: (f) => ({ token: f.owner.token, query: page }) }],
  listDirectMessages: [
    { build: (f) => ({ token: f.owner.token, params: { id: s(f.friend.user.id) }, query: { ...page, before: s(f.directMessageId) } }) },
  ],
  sendDirectMessage: [
    {
      build: (f) => ({
        token: f.owner.token,
        body: { receiver_id: f.friend.user.id, content: "hi there", message_type: "text", reply_to: f.directMessageId, nonce: uniqueName("nonce") },
      }),
    },
  ],
  editDirectMessage: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.directMessageId) }, body: { content: "edited" } }) }],
  addReaction: [{ build: (f) => ({ token: f.member.token, params: { id: s(f.messageId), emoji: "👍" } }) }],
  removeReaction: [{ build: (f) => ({ token: f.member.token, params: { id: s(f.messageId), emoji: "👍" } }) }],
  listReactionUsers: [{ build: (f) => ({ token: f.member.token, params: { id: s(f.messageId), emoji: "👍" }, query: { limit: "10" } }) }],
  addDirectMessageReaction: [{ build: (f) => ({ token: f.friend.token, params: { id: s(f.directMessageId), emoji: "👍" } }) }],
  removeDirectMessageReaction: [{ build: (f) => ({ token: f.friend.token, params: { id: s(f.directMessageId), emoji: "👍" } }) }],
  listDirectMessageReactionUsers: [{ build: (f) => ({ token: f.friend.token, params: { id: s(f.directMessageId), emoji: "👍" }, query: { limit: "10" } }) }],
  deleteDirectMessage: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.directMessageId) } }) }],
  sendFriendRequest: [
    { label: "(by receiver_id)", build: (f) => ({ token: f.owner.token, body: { receiver_id: f.outsider.user.id } }) },
    { label: "(by username)", build: (f) => ({ token: f.owner.token, body: { username: f.outsider.user.username } }) },
  ],
  acceptFriendRequest: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.requestToAccept) } }) }],
  rejectFriendRequest: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.requestToReject) } }) }],
  cancelFriendRequest: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.requestToCancel) } }) }],
  removeFriend: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.friend.user.id) } }) }],
  blockUser: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.outsider.user.id) } }) }],
  unblockUser: [{ build: (f) => ({ token: f.owner.token, params: { id: s(f.blocked.user.id) } }) }],
  endSession: [{ build: (f) => ({ token: f.owner.token, params: { id: f.ownerSpareSession } }) }],
  changePassword: [
    { build: (f) => ({ token: f.requestee.token, body: { current_password: f.requestee.password, new_password: "a fresh password" } }) },
  ],
  deleteAccount: [{ build: (f) => ({ token: f.newcomer.token, body: { password: f.newcomer.password } }) }],
};

/** Endpoints that take no input at all (no path parameters, no query, no body). */
const NO_INPUT: EndpointName[] = [
  "listBots",
  "getAssistant",
  "logout",
  "me",
  "listFriends",
  "listIncomingRequests",
  "listOutgoingRequests",
  "listBlocked",
  "listSessions",
  "endOtherSessions",
  "exportAccount",
  "unreadSummary",
  "health",
  "openapi",
];

// ---------------------------------------------------------------------------------------------
// Reading the zod schemas (zod 4 internals: `_zod.def`).

interface FieldInfo {
  kind: "string" | "number" | "enum" | "other";
  nullable: boolean;
  /** The innermost schema (string, number or enum). */
  base: any;
}

function fieldInfo(schema: any): FieldInfo {
  let current = schema;
  let nullable = false;
  for (;;) {
    const def = current._zod.def;
    if (def.type === "optional" || def.type === "default" || def.type === "prefault") current = def.innerType;
    else if (def.type === "nullable") {
      nullable = true;
      current = def.innerType;
    } else if (def.type === "pipe") current = def.in;
    else break;
  }
  const type = current._zod.def.type;
  return { kind: type === "string" || type === "number" || type === "enum" ? type : "other", nullable, base: current };
}

/** The object schemas a body may match (one, or the options of a union). */
function objectOptions(schema: any): any[] {
  const def = schema._zod.def;
  if (def.type === "union") return def.options.flatMap(objectOptions);
  if (def.type === "object") return [schema];
  if (def.type === "pipe") return objectOptions(def.in);
  throw new Error(`unsupported body schema type ${def.type}`);
}

function isTrimmed(stringSchema: any): boolean {
  return (stringSchema._zod.def.checks ?? []).some((check: any) => check._zod.def.check === "overwrite");
}

/** A value of `length` characters that keeps the valid value's format (email, URL, plain). */
function lengthen(valid: unknown, length: number): string {
  const value = typeof valid === "string" && valid.length > 0 ? valid : "a";
  if (value.includes("@")) return "a".repeat(Math.max(0, length - value.length)) + value;
  return value + "a".repeat(Math.max(0, length - value.length));
}

// ---------------------------------------------------------------------------------------------
// Bad variants.

interface BadRequest extends ValidRequest {
  /** Sent as is instead of JSON.stringify(body). */
  rawBody?: string;
  /** The Content-Type of rawBody (JSON unless said). */
  contentType?: string;
}

interface Case {
  endpoint: EndpointName;
  where: "path" | "query" | "body" | "upload";
  name: string;
  expectedStatus: 400 | 413 | 415;
  /** A `details[].path` the error must name, when the variant breaks one field. */
  detailPath?: string;
  /** Whether `details` must be present (schema failures; not malformed JSON or a too-large body). */
  detailsRequired: boolean;
  form: Form;
  mutate: (valid: ValidRequest) => BadRequest;
}

const BAD_IDS: [string, string][] = [
  ["a string id", "abc"],
  ["a negative id", "-1"],
  ["zero", "0"],
  ["a float", "1.5"],
  ["an exponent", "1e3"],
  ["a huge number", "99999999999"],
  ["an id just out of range", "2147483648"],
];

/** Invite codes are letters and digits, 8 to 10 of them. */
const BAD_CODES: [string, string][] = [
  ["a code too short", "abc"],
  ["a code too long", "abcdefghijk"],
  ["a code with a dash", "abcd-efgh"],
  ["a code with a dot", "abcd.efgh"],
  ["a code with a space", "abcd efgh"],
  ["a code with a non-ASCII letter", "abcdéfghi"],
];

/** A webhook token is 43 characters of base64url (32 bytes, unpadded). */
const BAD_TOKENS: [string, string][] = [
  ["a token too short", "A".repeat(42)],
  ["a token too long", "A".repeat(44)],
  ["a token with a +", `${"A".repeat(42)}+`],
  ["a padded token", `${"A".repeat(42)}=`],
  ["a token with a dot", `${"A".repeat(42)}.`],
  ["a token with a non-ASCII letter", `${"A".repeat(42)}é`],
];

/** A reaction's emoji is exactly one Unicode emoji (sent URL-encoded). */
const BAD_EMOJI: [string, string][] = [
  ["text", "abc"],
  ["two emoji", "👍👍"],
  ["an emoji and a letter", "👍a"],
  ["a space", " "],
  ["a digit", "1"],
  ["a shortcode", ":thumbsup:"],
  ["a skin tone alone twice", "🏽🏽"],
  ["201 characters", "a".repeat(201)],
];

/** A file name in an attachment's URL may be anything but too long. */
const BAD_FILENAMES: [string, string][] = [["a name of 1001 characters", "a".repeat(1001)]];

/** Uploads that are not one usable file part: each a 400 (415 when not multipart at all, 413 when too large). */
const BAD_UPLOADS: [string, () => Omit<BadRequest, "token" | "params">, 400 | 413 | 415][] = [
  ["a JSON body instead of a form", () => ({ body: { file: "picture.png" } }), 415],
  ["a form without a file part", () => ({ form: () => { const form = new FormData(); form.append("note", "hello"); return form; } }), 400],
  ["the file in a part not named file", () => ({ form: () => fileForm(TINY_PNG, "picture.png", "image/png", "image") }), 400],
  ["two file parts", () => ({ form: () => { const form = imageForm(); form.append("file", new Blob([new Uint8Array(TINY_PNG)]), "second.png"); return form; } }), 400],
  ["an empty file", () => ({ form: () => fileForm(Buffer.alloc(0), "empty.png") }), 400],
  ["a multipart body that breaks off", () => ({ rawBody: "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nabc", contentType: "multipart/form-data; boundary=xyz" }), 400],
  ["a multipart Content-Type without a boundary", () => ({ rawBody: "abc", contentType: "multipart/form-data; charset=utf-8" }), 400],
  ["a decompression bomb (900 megapixels)", () => ({ form: () => fileForm(pngBomb(), "bomb.png", "image/png") }), 400],
  [`a file of MAX_UPLOAD_BYTES + 1 bytes`, () => ({ form: () => fileForm(Buffer.alloc(MAX_UPLOAD_BYTES + 1), "big.bin") }), 413],
];

/** Path parameters that are not ids, with their own bad values. */
const BAD_PATH_VALUES: Record<string, [string, string][]> = { code: BAD_CODES, filename: BAD_FILENAMES, emoji: BAD_EMOJI, token: BAD_TOKENS };

const EXTRA_FIELDS: [string, unknown][] = [
  ["role", "owner"],
  ["sender_id", 1],
  ["creator_id", 1],
  ["member_count", 999],
  ["is_admin", true],
  ["id", 424242],
];

function casesFor(name: EndpointName): Case[] {
  const endpoint = endpoints[name] as AnyEndpoint;
  const forms = VALID[name];
  if (!forms) return [];
  const cases: Case[] = [];
  const title = (form: Form, text: string, status: number) =>
    `${endpoint.method} ${endpoint.path}${form.label ? ` ${form.label}` : ""} with ${text} → ${status}`;

  forms.forEach((form, formIndex) => {
    const sample = form.build(DUMMY_FIXTURE);
    const add = (where: Case["where"], text: string, mutate: Case["mutate"], extra: Partial<Case> = {}) => {
      const expectedStatus = extra.expectedStatus ?? 400;
      cases.push({
        endpoint: name, where, form, mutate, expectedStatus,
        name: title(form, text, expectedStatus),
        detailsRequired: extra.detailsRequired ?? true,
        detailPath: extra.detailPath,
      });
    };

    // Path parameters: once per endpoint (the first form), each parameter broken in turn.
    if (endpoint.params && formIndex === 0) {
      for (const param of Object.keys(sample.params ?? {})) {
        for (const [text, value] of BAD_PATH_VALUES[param] ?? BAD_IDS) {
          add("path", `${param} as ${text} (${value})`, (valid) => ({ ...valid, params: { ...valid.params, [param]: value } }), { detailPath: param });
        }
      }
    }

    // Query parameters: once per endpoint.
    if (endpoint.query && formIndex === 0) {
      const keys = Object.keys((endpoint.query as any).shape ?? {});
      const withQuery = (changes: Record<string, string | undefined>) => (valid: ValidRequest) => {
        const query = { ...valid.query, ...changes };
        for (const [key, value] of Object.entries(query)) if (value === undefined) delete query[key];
        return { ...valid, query: query as Record<string, string> };
      };
      if (keys.includes("limit")) {
        for (const value of ["-1", "0", "101", "abc", "1.5", "1e2", ""]) {
          add("query", `limit=${value}`, withQuery({ limit: value }), { detailPath: "limit" });
        }
      }
      if (keys.includes("offset")) {
        for (const value of ["-1", "abc", "1.5"]) add("query", `offset=${value}`, withQuery({ offset: value }), { detailPath: "offset" });
      }
      const cursors = ["before", "after", "around"].filter((key) => keys.includes(key));
      // History's cursors exclude each other; search's before and after are filters that combine.
      if (keys.includes("around")) {
        add("query", "two cursors at once (before and after)", withQuery({ before: "5", after: "3" }), { detailPath: "before" });
        add("query", "two cursors at once (after and around)", withQuery({ before: undefined, after: "3", around: "5" }), { detailPath: "before" });
        add("query", "all three cursors at once", withQuery({ before: "5", after: "3", around: "4" }), { detailPath: "before" });
      }
      for (const cursor of cursors) {
        // after=0 is valid (catch up from the beginning); 0 is no message id for before/around.
        for (const value of cursor === "after" ? ["abc", "-1", "1.5"] : ["abc", "0", "-1"]) {
          add("query", `${cursor}=${value}`, withQuery({ before: undefined, [cursor]: value }), { detailPath: cursor });
        }
      }
      if (keys.includes("q")) {
        add("query", "an empty q", withQuery({ q: "" }), { detailPath: "q" });
        add("query", "a whitespace-only q", withQuery({ q: "   " }), { detailPath: "q" });
        const longest = ((endpoint.query as any).shape.q as { maxLength: number }).maxLength;
        add("query", `a ${longest + 1}-character q`, withQuery({ q: "a".repeat(longest + 1) }), { detailPath: "q" });
        add("query", "no q", withQuery({ q: undefined }), { detailPath: "q" });
      }
      if (keys.includes("community_id") && !(endpoint.query as any).shape.community_id.isOptional()) add("query", "no community_id", withQuery({ community_id: undefined }), { detailPath: "community_id" });
      for (const key of keys.filter((name) => name.endsWith("_id"))) {
        for (const [text, value] of BAD_IDS) add("query", `${key} as ${text} (${value})`, withQuery({ [key]: value }), { detailPath: key });
      }
      if (keys.includes("action")) add("query", "an unknown action", withQuery({ action: "member_dance" }), { detailPath: "action" });
    }

    // Uploads: the form broken in each way, once per endpoint; an avatar or icon must be an image.
    if (endpoint.upload && formIndex === 0) {
      for (const [text, bad, status] of BAD_UPLOADS) {
        add("upload", text, (valid) => ({ token: valid.token, params: valid.params, ...bad() }), { expectedStatus: status, detailsRequired: status === 400 });
      }
      if (name !== "uploadAttachment") add("upload", "a file that is not an image", (valid) => ({ ...valid, form: () => fileForm(Buffer.from("%PDF-1.4\n%%EOF\n"), "doc.pdf") }));
    }

    // Bodies.
    if (endpoint.body) {
      const schema = endpoint.body as any;
      const validBody = sample.body ?? {};
      const raw = (text: string, rawBody: string, extra: Partial<Case> = {}) =>
        add("body", text, (valid) => ({ ...valid, body: undefined, rawBody }), extra);
      const withBody = (text: string, change: (body: Record<string, unknown>) => Record<string, unknown>, extra: Partial<Case> = {}) =>
        add("body", text, (valid) => ({ ...valid, body: change({ ...valid.body }) }), extra);

      if (formIndex === 0) {
        raw("malformed JSON", '{"a":', { detailsRequired: false });
        raw("a truncated JSON body", '{"content": "hi"', { detailsRequired: false });
        raw("a JSON array", "[]");
        add("body", "the valid body wrapped in a JSON array", (valid) => ({ ...valid, body: undefined, rawBody: JSON.stringify([valid.body]) }));
        raw("JSON null", "null");
        raw("a JSON string", '"hello"');
        raw("a JSON number", "42");
        // Bodies whose every field is optional take an empty body (read as {}) as valid.
        if (!schema.safeParse({}).success) {
          raw("an empty body", "");
          raw("an empty JSON object", "{}");
        }
        add(
          "body",
          `a body over 64 KiB (${MAX_BODY_BYTES + 1} bytes of valid JSON)`,
          (valid) => {
            const json = JSON.stringify(valid.body);
            return { ...valid, body: undefined, rawBody: json + " ".repeat(MAX_BODY_BYTES + 1 - Buffer.byteLength(json)) };
          },
          { expectedStatus: 413, detailsRequired: false },
        );
      }

      const options = objectOptions(schema);
      const option = options.find((candidate) => candidate.safeParse(validBody).success) ?? options[0];
      const shape: Record<string, any> = option._zod.def.shape;
      const allKeys = new Set(options.flatMap((candidate) => Object.keys(candidate._zod.def.shape)));

      // Each field of the valid body missing (where that makes the body invalid: required fields and one-of pairs).
      for (const key of Object.keys(validBody)) {
        const { [key]: _removed, ...rest } = validBody;
        if (!schema.safeParse(rest).success) {
          const required = !shape[key].safeParse(undefined).success;
          withBody(`${key} missing`, ({ [key]: _gone, ...others }) => others, required && options.length === 1 ? { detailPath: key } : {});
        }
      }

      for (const [key, fieldSchema] of Object.entries(shape)) {
        if (!(key in validBody)) continue;
        const info = fieldInfo(fieldSchema);
        const detail = options.length === 1 ? { detailPath: key } : {};
        const set = (text: string, value: unknown, extra: Partial<Case> = detail) => withBody(text, (body) => ({ ...body, [key]: value }), extra);
        const validValue = validBody[key];

        // Wrong types.
        if (info.kind === "number") set(`${key} as a string`, String(validValue));
        else set(`${key} as a number`, 5);
        set(`${key} as an object`, { value: validValue });
        set(`${key} as an array`, [validValue]);
        if (info.kind !== "other") set(`${key} as a boolean`, true);
        if (!info.nullable) set(`${key} as null`, null);

        if (info.kind === "number") {
          set(`${key} as a float`, 1.5);
          set(`${key} as a negative number`, -1);
          if (info.base === idNumber) set(`${key} as zero`, 0);
          if (typeof info.base.maxValue === "number") set(`${key} out of range (${info.base.maxValue + 1})`, info.base.maxValue + 1);
        }
        if (info.kind === "enum") set(`${key} as an unknown value`, "not_a_valid_value");
        if (info.kind === "string") {
          const { maxLength, minLength, format } = info.base;
          if (typeof maxLength === "number") set(`${key} of ${maxLength + 1} characters`, lengthen(validValue, maxLength + 1));
          if ((minLength ?? 0) >= 1 || ["email", "url", "regex"].includes(format)) set(`${key} as an empty string`, "");
          if ((minLength ?? 0) > 1) set(`${key} of ${minLength - 1} characters`, "a".repeat(minLength - 1));
          if ((minLength ?? 0) >= 1 && isTrimmed(info.base)) set(`${key} as whitespace only`, "   \n\t ");
          if (format === "email") set(`${key} not an email address`, "not-an-email");
          if (format === "url") {
            set(`${key} as a javascript: URL`, "javascript:alert(1)");
            set(`${key} as an ftp: URL`, "ftp://example.com/file.png");
            set(`${key} not a URL`, "not a url");
          }
          if (format === "regex") set(`${key} not matching its format`, "!! bad !!");
        }
      }

      // Mass assignment: fields the endpoint does not accept are refused, not written (once per endpoint).
      for (const [key, value] of formIndex === 0 ? EXTRA_FIELDS : []) {
        if (allKeys.has(key)) continue;
        withBody(`an unknown extra field ${key} (mass assignment)`, (body) => ({ ...body, [key]: value }));
      }
    }
  });
  return cases;
}

const ALL_CASES: Case[] = (Object.keys(endpoints) as EndpointName[]).flatMap(casesFor);

// Fields named in the brief that must be among the generated cases (guards the generator itself).
const MUST_HAVE = [
  "POST /api/messages/send with channel_id as a string → 400",
  "POST /api/messages/send with content of 4001 characters → 400",
  "POST /api/messages/send with an unknown extra field sender_id (mass assignment) → 400",
  "POST /api/channels/communities with name of 101 characters → 400",
  "POST /api/channels/communities with an unknown extra field member_count (mass assignment) → 400",
  "POST /api/channels/communities with an unknown extra field creator_id (mass assignment) → 400",
  "PATCH /api/users/me with an unknown extra field role (mass assignment) → 400",
  "POST /api/auth/register with an unknown extra field is_admin (mass assignment) → 400",
  "GET /api/channels/users/search with a 65-character q → 400",
  "GET /api/channels/community/members with no community_id → 400",
  "GET /api/messages/channel/{id} with two cursors at once (before and after) → 400",
  "POST /api/attachments with a decompression bomb (900 megapixels) → 400",
  "POST /api/attachments with a file of MAX_UPLOAD_BYTES + 1 bytes → 413",
  "POST /api/users/me/avatar with a file that is not an image → 400",
  "POST /api/webhooks/{id}/{token} with token as a token too short (AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA) → 400",
  "POST /api/webhooks/{id}/{token} with an unknown extra field sender_id (mass assignment) → 400",
  "POST /api/channels/{id}/webhooks with name of 81 characters → 400",
];

// ---------------------------------------------------------------------------------------------

function pathFor(endpoint: AnyEndpoint, request: ValidRequest): string {
  const path = endpoint.path.replace(/\{(\w+)\}/g, (_, param: string) => {
    const value = request.params?.[param];
    if (value === undefined) throw new Error(`no value for {${param}} in ${endpoint.path}`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams(request.query ?? {}).toString();
  return query ? `${path}?${query}` : path;
}

function send(endpoint: AnyEndpoint, request: BadRequest, via: "direct" | "next" = "direct") {
  const json = request.body !== undefined || request.rawBody !== undefined;
  return api.request(endpoint.method, pathFor(endpoint, request), {
    token: request.token,
    body: request.body,
    rawBody: request.body === undefined ? request.rawBody : undefined,
    form: request.form?.(),
    headers: { ...(json ? { "content-type": request.contentType ?? "application/json" } : {}), ...(via === "next" ? { [DISPATCH_HEADER]: "next" } : {}) },
  });
}

/** The request answered directly by the custom server and through Next.js: the same answer (returned). */
async function sendBothWays(endpoint: AnyEndpoint, request: BadRequest): Promise<ApiResponse> {
  const direct = await send(endpoint, request);
  const viaNext = await send(endpoint, request, "next");
  // Next.js names its own request headers in Vary: which way each went, so that this cannot pass by accident.
  assert.ok(!throughNext(direct.headers.get("vary")), "answered directly by the custom server");
  assert.ok(throughNext(viaNext.headers.get("vary")), "answered through Next.js");
  assert.deepEqual(comparable(viaNext), comparable(direct), "the same answer both ways");
  return direct;
}

const CODE_BY_STATUS = { 400: "invalid_request", 413: "payload_too_large", 415: "unsupported_media_type" } as const;

function assertNoInternals(response: ApiResponse) {
  assert.notEqual(response.status, 500, `500: ${response.text}`);
  assert.doesNotMatch(response.text, STACK_TRACE, "the response contains a stack trace");
}

// ---------------------------------------------------------------------------------------------

describe("bad input on every endpoint", () => {
  for (const testCase of ALL_CASES) {
    it(testCase.name, async () => {
      const endpoint = endpoints[testCase.endpoint] as AnyEndpoint;
      const request = testCase.mutate(testCase.form.build(shared));
      // Row counts (as asked) plus a digest of every row, so that an UPDATE is caught too.
      const countsBefore = await db.tableCounts();
      const digestBefore = await db.digest();

      const response = await sendBothWays(endpoint, request);

      assertNoInternals(response);
      assert.equal(response.status, testCase.expectedStatus, `expected ${testCase.expectedStatus}, got ${response.status}: ${response.text}`);
      const error = response.body?.error;
      assert.equal(typeof error, "object", `expected the error shape, got ${response.text}`);
      assert.equal(error.code, CODE_BY_STATUS[testCase.expectedStatus]);
      assert.equal(typeof error.message, "string");
      assert.ok(error.message.length > 0, "the error has a message");
      if (testCase.detailsRequired || error.details !== undefined) {
        assert.ok(Array.isArray(error.details) && error.details.length > 0, `expected details naming what is wrong, got ${response.text}`);
        for (const detail of error.details) {
          assert.equal(typeof detail.path, "string");
          assert.equal(typeof detail.message, "string");
        }
      }
      if (testCase.detailPath !== undefined) {
        assert.ok(
          error.details.some((detail: { path: string }) => detail.path === testCase.detailPath),
          `expected a detail for "${testCase.detailPath}", got ${JSON.stringify(error.details)}`,
        );
      }

      assert.deepEqual(await db.tableCounts(), countsBefore, "row counts changed");
      assert.equal(await db.digest(), digestBefore, "rows changed");
    });
  }
});

/**
 * The order in which the valid requests of the state-changing endpoints run against one fresh
 * fixture (a second fresh fixture takes the alternative forms): each request leaves the fixture in a
 * state where the ones after it are still valid (e.g. the community is deleted last).
 */
const MUTATING_ORDER: EndpointName[] = [
  "register", "login", "updateProfile", "uploadAvatar", "uploadAttachment", "createCommunity", "updateCommunity", "uploadCommunityIcon", "createChannel", "updateChannel",
  "joinChannel", "sendMessage", "editMessage", "pinMessage", "unpinMessage", "markRead", "markUnread", "summarizeChannel", "sendDirectMessage", "editDirectMessage",
  "updateChannelNotifications", "updateCommunityNotifications",
  "addReaction", "removeReaction", "addDirectMessageReaction", "removeDirectMessageReaction",
  "createInvite", "acceptInvite", "deleteInvite", "createWebhook", "executeWebhook", "deleteWebhook", "banMember", "unbanMember",
  "addChannelMember", "removeChannelMember", "updateMember", "kickMember", "leaveChannel", "leaveCommunity",
  "addMember", "joinCommunity", "sendFriendRequest", "acceptFriendRequest", "rejectFriendRequest", "cancelFriendRequest",
  "removeFriend", "blockUser", "unblockUser", "deleteMessage", "deleteDirectMessage", "deleteChannel", "deleteCommunity",
  "createBot", "updateBot", "rotateBotToken", "deleteBot",
  "endSession", "changePassword", "deleteAccount",
];

describe("the valid requests the variants are derived from", () => {
  // Each is accepted with its documented success status: reads against the shared fixture, writes in
  // MUTATING_ORDER against fresh fixtures (one per form).
  const fresh: Fixture[] = [];
  before(async () => {
    fresh.push(...(await Promise.all([buildFixture(), buildFixture()])));
  });

  // Reads are sent both ways and compared; a write cannot be sent twice, so the first fresh fixture's
  // go directly and the second's through Next.js.
  const define = (name: EndpointName, form: Form, fixture: () => Fixture, via: "both" | "direct" | "next") => {
    const endpoint = endpoints[name] as AnyEndpoint;
    const successes = Object.keys(endpoint.responses).map(Number).filter((status) => status < 300);
    it(`${endpoint.method} ${endpoint.path}${form.label ? ` ${form.label}` : ""} succeeds with the valid request (${successes.join(" or ")}${via === "both" ? "" : `, ${via}`})`, async () => {
      const request = form.build(fixture());
      const response = via === "both" ? await sendBothWays(endpoint, request) : await send(endpoint, request, via);
      assertNoInternals(response);
      assert.ok(successes.includes(response.status), `expected ${successes.join(" or ")}, got ${response.status}: ${response.text}`);
    });
  };
  for (const name of Object.keys(endpoints) as EndpointName[]) {
    if (endpoints[name].method !== "GET") continue;
    for (const form of VALID[name] ?? []) define(name, form, () => shared, "both");
  }
  for (const formIndex of [0, 1]) {
    for (const name of MUTATING_ORDER) {
      const form = VALID[name]?.[formIndex];
      if (form) define(name, form, () => fresh[formIndex], formIndex === 0 ? "direct" : "next");
    }
  }
});

describe("bad-input coverage", () => {
  it("gives every endpoint that takes input at least one bad-input case for each kind of input it takes", () => {
    const missing: string[] = [];
    for (const name of Object.keys(endpoints) as EndpointName[]) {
      const endpoint = endpoints[name] as AnyEndpoint;
      const label = `${endpoint.method} ${endpoint.path}`;
      if (NO_INPUT.includes(name)) {
        assert.ok(!endpoint.params && !endpoint.query && !endpoint.body, `${label} is listed as taking no input but does`);
        continue;
      }
      const mine = ALL_CASES.filter((testCase) => testCase.endpoint === name);
      if (mine.length === 0) missing.push(`${label}: no case at all`);
      if (endpoint.params && !mine.some((testCase) => testCase.where === "path")) missing.push(`${label}: no path case`);
      if (endpoint.query && !mine.some((testCase) => testCase.where === "query")) missing.push(`${label}: no query case`);
      if (endpoint.body && !mine.some((testCase) => testCase.where === "body")) missing.push(`${label}: no body case`);
      if (endpoint.body && !mine.some((testCase) => testCase.expectedStatus === 413)) missing.push(`${label}: no 413 case`);
      if (endpoint.upload && !mine.some((testCase) => testCase.where === "upload" && testCase.expectedStatus === 413)) missing.push(`${label}: no 413 upload case`);
    }
    assert.deepEqual(missing, []);
    assert.deepEqual(
      NO_INPUT.map((name) => `${endpoints[name].method} ${endpoints[name].path}`),
      [
        "GET /api/bots",
        "GET /api/assistant",
        "POST /api/auth/logout",
        "GET /api/auth/me",
        "GET /api/channels/friends",
        "GET /api/friends/requests/pending",
        "GET /api/friends/requests/outgoing",
        "GET /api/friends/blocked",
        "GET /api/auth/sessions",
        "DELETE /api/auth/sessions",
        "GET /api/users/me/export",
        "GET /api/users/me/unread",
        "GET /api/health",
        "GET /api/openapi.json",
      ],
    );
  });

  it("checks the valid request of every state-changing endpoint, in MUTATING_ORDER", () => {
    const writes = (Object.keys(endpoints) as EndpointName[]).filter((name) => endpoints[name].method !== "GET" && VALID[name]);
    assert.deepEqual([...MUTATING_ORDER].sort(), writes.sort());
  });

  it("derives the variants the brief names", () => {
    const names = new Set(ALL_CASES.map((testCase) => testCase.name));
    for (const name of MUST_HAVE) assert.ok(names.has(name), `missing case: ${name}`);
    assert.equal(names.size, ALL_CASES.length, "case names are unique");
  });
});
