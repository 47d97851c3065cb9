import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { isDeepStrictEqual } from "node:util";
import { endpoints } from "../lib/api/endpoints";
import { uniqueName, type ApiResponse, type TestUser } from "./helpers/api";
import { startFakeModel } from "./helpers/fake-model";
import { fileForm, TINY_PNG } from "./helpers/uploads";
import { expectStatus, useServer } from "./helpers/world";

// The role matrix: every community-, channel-, message-, invite- and webhook-scoped mutating route, called by
// each of four callers (outsider, member, admin, owner) against a fresh community, with the status
// the rules in ISSUE3_RULES.md (and issue 12 for invites and bans) give. Outsiders get 404 (the
// resource does not exist for them), plain members 403 for admin actions, admins 403 for
// owner-only actions.

// With an assistant (its model a local fake) for "catch me up".
const model = await startFakeModel({ reply: "- a summary" });
after(() => model.close());
const { api, db, makeUsers } = useServer({ env: { AI_BASE_URL: model.baseUrl, AI_MODEL: "fake-model" } });

const ROLES = ["outsider", "member", "admin", "owner"] as const;
type Role = (typeof ROLES)[number];
type Method = "POST" | "PUT" | "PATCH" | "DELETE";

interface Users {
  /** Owner of the community. */
  owner: TestUser;
  /** Promoted to admin by the owner. */
  admin: TestUser;
  /** A second admin: the victim for "an admin kicks/demotes an admin". */
  admin2: TestUser;
  /** A plain member; author of `memberMessage`; a member of `privateChannel` (not of `secret`). */
  member: TestUser;
  /** A second plain member: the victim for kicks and promotions; not in any private channel. */
  member2: TestUser;
  /** Signed in, not in the community. */
  outsider: TestUser;
  /** Signed in, not in the community: the user add-member adds, and the non-member a ban is for. */
  newcomer: TestUser;
}

const CHANNELS = { random: "text", announcement: "announcement", voice: "voice", privateChannel: "private", secret: "private" } as const;
type ChannelKey = keyof typeof CHANNELS;

interface Fixture extends Users {
  community: number;
  /** The #general text channel every community starts with. */
  general: number;
  random: number;
  announcement: number;
  voice: number;
  /** Private: the owner (its creator) and `member`. */
  privateChannel: number;
  /** Private: only the owner (its creator); admins see it through their role. */
  secret: number;
  /** In #general, by `member`. */
  memberMessage: number;
  /** In #general, by the owner. */
  ownerMessage: number;
  /** Invite codes: one created by `member`, one by the owner. */
  memberInvite: string;
  ownerInvite: string;
  /** A DM from `member` to the owner. */
  memberDirectMessage: number;
  /** The owner's webhooks in #general and (with `secret`) in `secret`. */
  generalWebhook: Hook | null;
  secretWebhook: Hook | null;
}

type Hook = { id: number; url: string };

interface Needs {
  /** Channels to create besides #general (a fixture without them has 0 for their ids). */
  channels?: readonly ChannelKey[];
  /** Post `memberMessage` and `ownerMessage` in #general. */
  messages?: boolean;
  /** Create `memberInvite` and `ownerInvite`. */
  invites?: boolean;
  /** The owner bans `newcomer` (who is not a member). */
  ban?: boolean;
  /** `member` sends the owner `memberDirectMessage`. */
  directMessage?: boolean;
  /** The owner adds the built-in assistant to the community. */
  assistant?: boolean;
  /** The owner pins `ownerMessage` (with `messages`). */
  pin?: boolean;
  /** The owner creates `generalWebhook` (and `secretWebhook` with the `secret` channel). */
  webhooks?: boolean;
}

// Registering costs an argon2 hash (about half a second for seven on a small machine), so the seven
// users are registered once; every fixture is a brand-new community, which makes each of them an
// outsider, member, admin or owner afresh. Nothing in this file changes anything user-scoped.
let users: Promise<Users> | undefined;
function pool(): Promise<Users> {
  users ??= makeUsers(7).then(([owner, admin, admin2, member, member2, outsider, newcomer]) => ({
    owner, admin, admin2, member, member2, outsider, newcomer,
  }));
  return users;
}

/** A fresh community with one user in each role (two admins, two members), plus the channels and messages asked for. */
async function fixture(needs: Needs = {}): Promise<Fixture> {
  const u = await pool();
  const { owner, admin, admin2, member, member2 } = u;
  const created = await expectStatus(api.post("/api/channels/communities", { token: owner.token, body: { name: uniqueName("matrix") } }), 201, "create community");
  const community: number = created.body.id;
  for (const user of [admin, admin2, member, member2]) {
    await expectStatus(api.post(`/api/channels/communities/${community}/join`, { token: user.token }), 200, "join");
  }
  for (const user of [admin, admin2]) {
    await expectStatus(
      api.request("PATCH", `/api/channels/communities/${community}/members/${user.user.id}`, { token: owner.token, body: { role: "admin" } }),
      200,
      "promote",
    );
  }
  const general = (await db.one<{ id: number }>("SELECT id FROM channels WHERE community_id = ? AND name = 'general'", community))!.id;
  const f: Fixture = {
    ...u, community, general, random: 0, announcement: 0, voice: 0, privateChannel: 0, secret: 0, memberMessage: 0, ownerMessage: 0, memberInvite: "", ownerInvite: "",
    memberDirectMessage: 0, generalWebhook: null, secretWebhook: null,
  };
  if (needs.assistant) {
    await expectStatus(api.post("/api/channels/community/add-member", { token: owner.token, body: { community_id: community, username: "aura" } }), 201, "add the assistant");
  }
  for (const key of needs.channels ?? []) {
    const response = await expectStatus(
      api.post(`/api/channels/communities/${community}/channels`, { token: owner.token, body: { name: key.toLowerCase(), type: CHANNELS[key] } }),
      201,
      `create ${key}`,
    );
    f[key] = response.body.id;
  }
  if (f.privateChannel) {
    await expectStatus(api.post(`/api/channels/${f.privateChannel}/members`, { token: owner.token, body: { user_id: member.user.id } }), 201, "add to private channel");
  }
  if (needs.messages) {
    const send = async (user: TestUser, content: string): Promise<number> =>
      (await expectStatus(api.post("/api/messages/send", { token: user.token, body: { channel_id: general, content } }), 201, "send")).body.id;
    f.memberMessage = await send(member, "hello from the member");
    f.ownerMessage = await send(owner, "hello from the owner");
  }
  if (needs.pin) {
    await expectStatus(api.request("PUT", `/api/channels/${general}/pins/${f.ownerMessage}`, { token: owner.token }), 204, "pin the owner's message");
  }
  if (needs.invites) {
    const invite = async (user: TestUser): Promise<string> =>
      (await expectStatus(api.post(`/api/channels/communities/${community}/invites`, { token: user.token, body: {} }), 201, "invite")).body.code;
    f.memberInvite = await invite(member);
    f.ownerInvite = await invite(owner);
  }
  if (needs.directMessage) {
    const body = { receiver_id: owner.user.id, content: "hello from the member, in private" };
    f.memberDirectMessage = (await expectStatus(api.post("/api/messages/direct/send", { token: member.token, body }), 201, "direct message")).body.id;
  }
  if (needs.webhooks) {
    const webhook = async (channel: number): Promise<Hook> =>
      (await expectStatus(api.post(`/api/channels/${channel}/webhooks`, { token: owner.token, body: { name: "hook" } }), 201, "create webhook")).body;
    f.generalWebhook = await webhook(general);
    if (f.secret) f.secretWebhook = await webhook(f.secret);
  }
  if (needs.ban) {
    await expectStatus(api.request("PUT", `/api/channels/communities/${community}/bans/${u.newcomer.user.id}`, { token: owner.token }), 204, "ban the newcomer");
  }
  return f;
}

const EVERYTHING: Needs = { channels: Object.keys(CHANNELS) as ChannelKey[], messages: true, invites: true, ban: true, directMessage: true, pin: true, webhooks: true };

interface Row {
  method: Method;
  /** The endpoint's path template, exactly as in lib/api/endpoints.ts. */
  path: string;
  /** What makes this row differ from the other rows of the same route. */
  variant?: string;
  expect: Record<Role, number>;
  /** What the fixture of a cell that should succeed needs beyond the community and its members. */
  needs?: Needs;
  /** Error code per status when it is not the generic one. */
  codes?: Partial<Record<number, string>>;
  request: (f: Fixture, role: Role) => { path: string; body?: unknown; form?: () => FormData };
  /** Checks the effect of a successful call. */
  verify?: (f: Fixture, role: Role, response: ApiResponse) => void | Promise<void>;
}

const GENERIC_CODES: Record<number, string> = { 400: "invalid_request", 403: "forbidden", 404: "not_found", 409: "conflict" };

const ADMIN_ONLY = { outsider: 404, member: 403, admin: 200, owner: 200 };
const ADMIN_ONLY_CREATE = { outsider: 404, member: 403, admin: 201, owner: 201 };
const OWNER_ONLY = { outsider: 404, member: 403, admin: 403, owner: 200 };
const ANY_MEMBER = { outsider: 404, member: 200, admin: 200, owner: 200 };
const ADMIN_ONLY_NO_CONTENT = { outsider: 404, member: 403, admin: 204, owner: 204 };
const OWNER_ONLY_NO_CONTENT = { outsider: 404, member: 403, admin: 403, owner: 204 };
const MANAGERS_ONLY_SEE = { outsider: 404, member: 404, admin: 200, owner: 200 };

const communityPath = (f: Fixture) => `/api/channels/communities/${f.community}`;
const memberPath = (f: Fixture, target: TestUser) => `${communityPath(f)}/members/${target.user.id}`;
const membershipOf = (f: Fixture, user: TestUser) =>
  db.one<{ role: string }>("SELECT role FROM community_members WHERE community_id = ? AND user_id = ?", f.community, user.user.id);
const banOf = (f: Fixture, user: TestUser) =>
  db.one<{ reason: string | null }>("SELECT reason FROM community_bans WHERE community_id = ? AND user_id = ?", f.community, user.user.id);
const timeoutOf = (f: Fixture, user: TestUser) =>
  db.one<{ timeout_until: unknown }>("SELECT timeout_until FROM community_members WHERE community_id = ? AND user_id = ?", f.community, user.user.id);
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
const inviteRow = (code: string) => db.one<{ inviter_id: number; uses: number }>("SELECT inviter_id, uses FROM invites WHERE code = ?", code);
const webhookCount = (channelId: number) => db.count("webhooks WHERE channel_id = ?", channelId);
const channelMembershipOf = (channelId: number, user: TestUser) =>
  db.one("SELECT id FROM channel_members WHERE channel_id = ? AND user_id = ?", channelId, user.user.id);

const THUMBS_UP = "👍️";
const reactionOf = (column: "message_id" | "direct_message_id", id: number, user: TestUser) =>
  db.one(`SELECT id FROM reactions WHERE ${column} = ? AND user_id = ? AND emoji = ?`, id, user.user.id, THUMBS_UP);

const rows: Row[] = [
  // Communities
  {
    method: "POST", path: "/api/channels/communities", variant: "not community-scoped: any signed-in user",
    expect: { outsider: 201, member: 201, admin: 201, owner: 201 },
    request: () => ({ path: "/api/channels/communities", body: { name: uniqueName("new") } }),
    verify: (f, role, res) => {
      assert.equal(res.body.role, "owner");
      assert.equal(res.body.creator_id, f[role].user.id);
    },
  },
  {
    method: "PATCH", path: "/api/channels/communities/{id}", expect: ADMIN_ONLY,
    request: (f) => ({ path: communityPath(f), body: { name: "Renamed", description: "new words" } }),
    verify: async (f, role, res) => {
      assert.equal(res.body.name, "Renamed");
      assert.equal(res.body.role, role);
      assert.equal((await db.one<{ name: string }>("SELECT name FROM communities WHERE id = ?", f.community))?.name, "Renamed");
    },
  },
  {
    method: "POST", path: "/api/channels/communities/{id}/icon", expect: ADMIN_ONLY,
    request: (f) => ({ path: `${communityPath(f)}/icon`, form: () => fileForm(TINY_PNG, "icon.png", "image/png") }),
    verify: async (f, role, res) => {
      assert.match(res.body.icon, /^\/api\/attachments\/\d+\/image\.webp$/);
      assert.equal(res.body.role, role);
      assert.equal((await db.one<{ icon: string }>("SELECT icon FROM communities WHERE id = ?", f.community))?.icon, res.body.icon);
    },
  },
  {
    method: "DELETE", path: "/api/channels/communities/{id}", expect: OWNER_ONLY,
    request: (f) => ({ path: communityPath(f) }),
    verify: async (f, _role, res) => {
      assert.equal(res.body.id, f.community);
      assert.equal(await db.one("SELECT id FROM communities WHERE id = ?", f.community), undefined);
      assert.equal(await db.one("SELECT id FROM channels WHERE community_id = ?", f.community), undefined, "channels cascade");
      assert.equal(await db.one("SELECT id FROM messages WHERE id = ?", f.memberMessage), undefined, "messages cascade");
    },
  },
  {
    method: "POST", path: "/api/channels/communities/{id}/join", variant: "anyone may join; members already are",
    expect: { outsider: 200, member: 409, admin: 409, owner: 409 },
    request: (f) => ({ path: `${communityPath(f)}/join` }),
    verify: async (f, role, res) => {
      assert.equal(res.body.role, "member");
      assert.equal(res.body.member_count, 6);
      assert.equal((await membershipOf(f, f[role]))?.role, "member");
    },
  },
  {
    method: "POST", path: "/api/channels/communities/{id}/leave", variant: "the owner cannot leave",
    expect: { outsider: 404, member: 200, admin: 200, owner: 409 },
    request: (f) => ({ path: `${communityPath(f)}/leave` }),
    verify: async (f, role) => {
      assert.equal(await membershipOf(f, f[role]), undefined);
      assert.equal((await db.one<{ member_count: number }>("SELECT member_count FROM communities WHERE id = ?", f.community))?.member_count, 4);
    },
  },
  {
    method: "POST", path: "/api/channels/community/add-member", variant: "adds a user who is not in the community",
    expect: ADMIN_ONLY_CREATE,
    request: (f) => ({ path: "/api/channels/community/add-member", body: { community_id: f.community, user_id: f.newcomer.user.id } }),
    verify: async (f, _role, res) => {
      assert.equal(res.body.id, f.newcomer.user.id);
      assert.equal(res.body.role, "member");
      assert.equal((await membershipOf(f, f.newcomer))?.role, "member");
    },
  },
  {
    method: "DELETE", path: "/api/channels/communities/{id}/members/{user_id}", variant: "target: a plain member",
    expect: ADMIN_ONLY,
    request: (f) => ({ path: memberPath(f, f.member2) }),
    verify: async (f) => assert.equal(await membershipOf(f, f.member2), undefined),
  },
  {
    method: "DELETE", path: "/api/channels/communities/{id}/members/{user_id}", variant: "target: another admin",
    expect: OWNER_ONLY,
    request: (f) => ({ path: memberPath(f, f.admin2) }),
    verify: async (f) => assert.equal(await membershipOf(f, f.admin2), undefined),
  },
  {
    method: "DELETE", path: "/api/channels/communities/{id}/members/{user_id}", variant: "target: the owner (for the owner: themself)",
    expect: { outsider: 404, member: 403, admin: 403, owner: 400 },
    request: (f) => ({ path: memberPath(f, f.owner) }),
  },
  {
    method: "PATCH", path: "/api/channels/communities/{id}/members/{user_id}", variant: "promote a plain member to admin",
    expect: OWNER_ONLY,
    request: (f) => ({ path: memberPath(f, f.member2), body: { role: "admin" } }),
    verify: async (f, _role, res) => {
      assert.equal(res.body.id, f.member2.user.id);
      assert.equal(res.body.role, "admin");
      assert.equal((await membershipOf(f, f.member2))?.role, "admin");
    },
  },
  {
    method: "PATCH", path: "/api/channels/communities/{id}/members/{user_id}", variant: "demote an admin to member",
    expect: OWNER_ONLY,
    request: (f) => ({ path: memberPath(f, f.admin2), body: { role: "member" } }),
    verify: async (f, _role, res) => {
      assert.equal(res.body.role, "member");
      assert.equal((await membershipOf(f, f.admin2))?.role, "member");
    },
  },
  {
    method: "PATCH", path: "/api/channels/communities/{id}/members/{user_id}", variant: "target: the owner",
    expect: { outsider: 404, member: 403, admin: 403, owner: 409 },
    request: (f) => ({ path: memberPath(f, f.owner), body: { role: "admin" } }),
  },
  {
    method: "PATCH", path: "/api/channels/communities/{id}/members/{user_id}", variant: "time out a plain member",
    expect: ADMIN_ONLY,
    request: (f) => ({ path: memberPath(f, f.member2), body: { timeout_until: inAnHour(), reason: "cool down" } }),
    verify: async (f, _role, res) => {
      assert.ok(Date.parse(res.body.timeout_until) > Date.now());
      assert.ok((await timeoutOf(f, f.member2))?.timeout_until, "stored");
    },
  },
  {
    method: "PATCH", path: "/api/channels/communities/{id}/members/{user_id}", variant: "time out another admin",
    expect: OWNER_ONLY,
    request: (f) => ({ path: memberPath(f, f.admin2), body: { timeout_until: inAnHour() } }),
    verify: async (f) => assert.ok((await timeoutOf(f, f.admin2))?.timeout_until, "stored"),
  },
  {
    method: "PATCH", path: "/api/channels/communities/{id}/members/{user_id}", variant: "time out the owner (for the owner: themself)",
    expect: { outsider: 404, member: 403, admin: 403, owner: 400 },
    request: (f) => ({ path: memberPath(f, f.owner), body: { timeout_until: inAnHour() } }),
  },

  {
    method: "PATCH", path: "/api/channels/communities/{id}", variant: "make it non-public", expect: ADMIN_ONLY,
    request: (f) => ({ path: communityPath(f), body: { is_public: false } }),
    verify: async (f, _role, res) => {
      assert.equal(res.body.is_public, false);
      const row = await db.one<{ is_public: unknown }>("SELECT is_public FROM communities WHERE id = ?", f.community);
      assert.equal(Boolean(row!.is_public), false, "stored as not public (0 or false, by engine)");
    },
  },

  // Invites
  {
    method: "POST", path: "/api/channels/communities/{id}/invites", variant: "any member invites",
    expect: { outsider: 404, member: 201, admin: 201, owner: 201 },
    request: (f) => ({ path: `${communityPath(f)}/invites`, body: { max_uses: 3 } }),
    verify: async (f, role, res) => {
      assert.equal(res.body.community_id, f.community);
      assert.equal(res.body.max_uses, 3);
      assert.equal((await inviteRow(res.body.code))?.inviter_id, f[role].user.id);
    },
  },
  {
    method: "POST", path: "/api/invites/{code}/accept", variant: "the owner's invite: members already are", needs: { invites: true },
    expect: { outsider: 200, member: 409, admin: 409, owner: 409 },
    request: (f) => ({ path: `/api/invites/${f.ownerInvite}/accept` }),
    verify: async (f, role, res) => {
      assert.equal(res.body.role, "member");
      assert.equal(res.body.member_count, 6);
      assert.equal((await membershipOf(f, f[role]))?.role, "member");
      assert.equal((await inviteRow(f.ownerInvite))?.uses, 1);
    },
  },
  {
    method: "DELETE", path: "/api/invites/{code}", variant: "an invite the member created: its creator or a manager", needs: { invites: true },
    expect: { outsider: 404, member: 204, admin: 204, owner: 204 },
    request: (f) => ({ path: `/api/invites/${f.memberInvite}` }),
    verify: async (f) => assert.equal(await inviteRow(f.memberInvite), undefined),
  },
  {
    method: "DELETE", path: "/api/invites/{code}", variant: "an invite the owner created", needs: { invites: true },
    expect: ADMIN_ONLY_NO_CONTENT,
    request: (f) => ({ path: `/api/invites/${f.ownerInvite}` }),
    verify: async (f) => assert.equal(await inviteRow(f.ownerInvite), undefined),
  },

  // Bans
  {
    method: "PUT", path: "/api/channels/communities/{id}/bans/{user_id}", variant: "target: a plain member",
    expect: ADMIN_ONLY_NO_CONTENT,
    request: (f) => ({ path: `${communityPath(f)}/bans/${f.member2.user.id}`, body: { reason: "spam" } }),
    verify: async (f) => {
      assert.equal(await membershipOf(f, f.member2), undefined);
      assert.equal((await banOf(f, f.member2))?.reason, "spam");
    },
  },
  {
    method: "PUT", path: "/api/channels/communities/{id}/bans/{user_id}", variant: "target: another admin",
    expect: OWNER_ONLY_NO_CONTENT,
    request: (f) => ({ path: `${communityPath(f)}/bans/${f.admin2.user.id}` }),
    verify: async (f) => {
      assert.equal(await membershipOf(f, f.admin2), undefined);
      assert.ok(await banOf(f, f.admin2));
    },
  },
  {
    method: "PUT", path: "/api/channels/communities/{id}/bans/{user_id}", variant: "target: the owner (for the owner: themself)",
    expect: { outsider: 404, member: 403, admin: 403, owner: 400 },
    request: (f) => ({ path: `${communityPath(f)}/bans/${f.owner.user.id}` }),
  },
  {
    method: "PUT", path: "/api/channels/communities/{id}/bans/{user_id}", variant: "target: a user who is not a member",
    expect: ADMIN_ONLY_NO_CONTENT,
    request: (f) => ({ path: `${communityPath(f)}/bans/${f.outsider.user.id}` }),
    verify: async (f) => assert.ok(await banOf(f, f.outsider)),
  },
  {
    method: "DELETE", path: "/api/channels/communities/{id}/bans/{user_id}", variant: "target: a banned non-member", needs: { ban: true },
    expect: ADMIN_ONLY_NO_CONTENT,
    request: (f) => ({ path: `${communityPath(f)}/bans/${f.newcomer.user.id}` }),
    verify: async (f) => assert.equal(await banOf(f, f.newcomer), undefined),
  },

  // Channels
  {
    method: "POST", path: "/api/channels/communities/{id}/channels", expect: ADMIN_ONLY_CREATE,
    request: (f) => ({ path: `${communityPath(f)}/channels`, body: { name: "fresh", type: "text" } }),
    verify: (f, _role, res) => {
      assert.equal(res.body.community_id, f.community);
      assert.equal(res.body.name, "fresh");
    },
  },
  {
    method: "PATCH", path: "/api/channels/{id}", variant: "a text channel", expect: ADMIN_ONLY, needs: { channels: ["random"] },
    request: (f) => ({ path: `/api/channels/${f.random}`, body: { name: "renamed", description: "about" } }),
    verify: async (f, _role, res) => {
      assert.equal(res.body.name, "renamed");
      assert.equal((await db.one<{ name: string }>("SELECT name FROM channels WHERE id = ?", f.random))?.name, "renamed");
    },
  },
  {
    method: "PATCH", path: "/api/channels/{id}", variant: "slowmode on a text channel", expect: ADMIN_ONLY, needs: { channels: ["random"] },
    request: (f) => ({ path: `/api/channels/${f.random}`, body: { rate_limit_per_user: 30 } }),
    verify: async (f, _role, res) => {
      assert.equal(res.body.rate_limit_per_user, 30);
      assert.equal(Number((await db.one<{ s: number }>("SELECT rate_limit_per_user AS s FROM channels WHERE id = ?", f.random))?.s), 30);
    },
  },
  {
    method: "PATCH", path: "/api/channels/{id}", variant: "a private channel the member is not in", expect: MANAGERS_ONLY_SEE, needs: { channels: ["secret"] },
    request: (f) => ({ path: `/api/channels/${f.secret}`, body: { name: "renamed" } }),
    verify: (_f, _role, res) => assert.equal(res.body.name, "renamed"),
  },
  {
    method: "DELETE", path: "/api/channels/{id}", variant: "a text channel", expect: ADMIN_ONLY, needs: { channels: ["random"] },
    request: (f) => ({ path: `/api/channels/${f.random}` }),
    verify: async (f, _role, res) => {
      assert.equal(res.body.id, f.random);
      assert.equal(await db.one("SELECT id FROM channels WHERE id = ?", f.random), undefined);
    },
  },
  {
    method: "DELETE", path: "/api/channels/{id}", variant: "a private channel the member is not in", expect: MANAGERS_ONLY_SEE, needs: { channels: ["secret"] },
    request: (f) => ({ path: `/api/channels/${f.secret}` }),
    verify: async (f) => assert.equal(await db.one("SELECT id FROM channels WHERE id = ?", f.secret), undefined),
  },
  {
    method: "POST", path: "/api/channels/{id}/join", variant: "a text channel", expect: ANY_MEMBER,
    request: (f) => ({ path: `/api/channels/${f.general}/join` }),
    verify: (f, _role, res) => assert.equal(res.body.id, f.general),
  },
  {
    method: "POST", path: "/api/channels/{id}/join", variant: "a private channel the member is not in", expect: MANAGERS_ONLY_SEE, needs: { channels: ["secret"] },
    request: (f) => ({ path: `/api/channels/${f.secret}/join` }),
    verify: async (f, role) => assert.ok(await channelMembershipOf(f.secret, f[role]), "membership recorded"),
  },
  {
    method: "POST", path: "/api/channels/{id}/leave", variant: "a text channel", expect: ANY_MEMBER,
    request: (f) => ({ path: `/api/channels/${f.general}/leave` }),
    verify: (_f, _role, res) => assert.deepEqual(res.body, { ok: true }),
  },
  {
    method: "POST", path: "/api/channels/{id}/leave", variant: "a private channel the member is in", expect: ANY_MEMBER, needs: { channels: ["privateChannel"] },
    request: (f) => ({ path: `/api/channels/${f.privateChannel}/leave` }),
    verify: async (f, role) => assert.equal(await channelMembershipOf(f.privateChannel, f[role]), undefined),
  },
  {
    method: "POST", path: "/api/channels/{id}/leave", variant: "a private channel the member is not in", expect: MANAGERS_ONLY_SEE, needs: { channels: ["secret"] },
    request: (f) => ({ path: `/api/channels/${f.secret}/leave` }),
    verify: async (f, role) => assert.equal(await channelMembershipOf(f.secret, f[role]), undefined),
  },
  {
    method: "POST", path: "/api/channels/{id}/members", variant: "a private channel the member is in; target: another plain member", needs: { channels: ["privateChannel"] },
    expect: ADMIN_ONLY_CREATE,
    request: (f) => ({ path: `/api/channels/${f.privateChannel}/members`, body: { user_id: f.member2.user.id } }),
    verify: async (f, _role, res) => {
      assert.equal(res.body.id, f.member2.user.id);
      assert.ok(await channelMembershipOf(f.privateChannel, f.member2));
    },
  },
  {
    method: "POST", path: "/api/channels/{id}/members", variant: "a private channel the member is not in; target: another plain member", needs: { channels: ["secret"] },
    expect: { outsider: 404, member: 404, admin: 201, owner: 201 },
    request: (f) => ({ path: `/api/channels/${f.secret}/members`, body: { user_id: f.member2.user.id } }),
    verify: async (f) => assert.ok(await channelMembershipOf(f.secret, f.member2)),
  },
  {
    method: "DELETE", path: "/api/channels/{id}/members/{user_id}", variant: "a private channel; target: its plain member", needs: { channels: ["privateChannel"] },
    expect: ADMIN_ONLY,
    request: (f) => ({ path: `/api/channels/${f.privateChannel}/members/${f.member.user.id}` }),
    verify: async (f) => assert.equal(await channelMembershipOf(f.privateChannel, f.member), undefined),
  },

  // Messages
  ...(
    [
      ["a text channel", "general", { outsider: 404, member: 201, admin: 201, owner: 201 }],
      ["an announcement channel", "announcement", { outsider: 404, member: 403, admin: 201, owner: 201 }],
      ["a voice channel", "voice", { outsider: 404, member: 400, admin: 400, owner: 400 }],
      ["a private channel the member is in", "privateChannel", { outsider: 404, member: 201, admin: 201, owner: 201 }],
      ["a private channel the member is not in", "secret", { outsider: 404, member: 404, admin: 201, owner: 201 }],
    ] as const
  ).map(([variant, key, expect]): Row => ({
    method: "POST", path: "/api/messages/send", variant, expect, codes: { 400: "voice_channel" },
    needs: { channels: key === "general" ? [] : [key] },
    request: (f) => ({ path: "/api/messages/send", body: { channel_id: f[key], content: "  a message  " } }),
    verify: (f, role, res) => {
      assert.equal(res.body.channel_id, f[key]);
      assert.equal(res.body.sender_id, f[role].user.id);
      assert.equal(res.body.content, "a message");
    },
  })),
  {
    method: "PUT", path: "/api/messages/{id}", variant: "the member's message: only its author edits", needs: { messages: true },
    expect: { outsider: 404, member: 200, admin: 403, owner: 403 },
    request: (f) => ({ path: `/api/messages/${f.memberMessage}`, body: { content: "edited" } }),
    verify: (f, _role, res) => {
      assert.equal(res.body.id, f.memberMessage);
      assert.equal(res.body.content, "edited");
      assert.notEqual(res.body.edited_at, null);
    },
  },
  {
    method: "DELETE", path: "/api/messages/{id}", variant: "the member's message: its author or a manager", needs: { messages: true },
    expect: ANY_MEMBER,
    request: (f) => ({ path: `/api/messages/${f.memberMessage}` }),
    verify: async (f, _role, res) => {
      assert.equal(res.body.id, f.memberMessage);
      assert.equal(await db.one("SELECT id FROM messages WHERE id = ?", f.memberMessage), undefined);
    },
  },
  {
    method: "DELETE", path: "/api/messages/{id}", variant: "the owner's message", needs: { messages: true },
    expect: ADMIN_ONLY,
    request: (f) => ({ path: `/api/messages/${f.ownerMessage}` }),
    verify: async (f) => assert.equal(await db.one("SELECT id FROM messages WHERE id = ?", f.ownerMessage), undefined),
  },
  {
    method: "PUT", path: "/api/channels/{id}/pins/{message_id}", variant: "the member's message: managers pin, its author does not", needs: { messages: true },
    expect: ADMIN_ONLY_NO_CONTENT,
    request: (f) => ({ path: `/api/channels/${f.general}/pins/${f.memberMessage}` }),
    verify: async (f, role) => {
      const row = await db.one<{ pinned_by_id: number }>("SELECT pinned_by_id FROM messages WHERE id = ?", f.memberMessage);
      assert.equal(row?.pinned_by_id, f[role].user.id);
    },
  },
  {
    method: "DELETE", path: "/api/channels/{id}/pins/{message_id}", variant: "the owner's pinned message", needs: { messages: true, pin: true },
    expect: ADMIN_ONLY_NO_CONTENT,
    request: (f) => ({ path: `/api/channels/${f.general}/pins/${f.ownerMessage}` }),
    verify: async (f) => assert.equal((await db.one<{ pinned_at: unknown }>("SELECT pinned_at FROM messages WHERE id = ?", f.ownerMessage))?.pinned_at, null),
  },
  {
    method: "POST", path: "/api/channels/{id}/webhooks", variant: "a text channel", expect: ADMIN_ONLY_CREATE,
    request: (f) => ({ path: `/api/channels/${f.general}/webhooks`, body: { name: "Deploy bot" } }),
    verify: async (f, _role, res) => {
      assert.equal(res.body.channel_id, f.general);
      assert.equal(await webhookCount(f.general), 1);
    },
  },
  {
    method: "POST", path: "/api/channels/{id}/webhooks", variant: "a private channel the member is not in", expect: { outsider: 404, member: 404, admin: 201, owner: 201 },
    needs: { channels: ["secret"] },
    request: (f) => ({ path: `/api/channels/${f.secret}/webhooks`, body: { name: "Deploy bot" } }),
    verify: async (f) => assert.equal(await webhookCount(f.secret), 1),
  },
  {
    method: "POST", path: "/api/channels/{id}/webhooks", variant: "a voice channel takes none", expect: { outsider: 404, member: 403, admin: 400, owner: 400 },
    codes: { 400: "voice_channel" },
    request: (f) => ({ path: `/api/channels/${f.voice}/webhooks`, body: { name: "Radio" } }),
  },
  {
    method: "DELETE", path: "/api/webhooks/{id}", variant: "a webhook of #general", expect: ADMIN_ONLY_NO_CONTENT, needs: { webhooks: true },
    request: (f) => ({ path: `/api/webhooks/${f.generalWebhook!.id}` }),
    verify: async (f) => assert.equal(await webhookCount(f.general), 0),
  },
  {
    method: "DELETE", path: "/api/webhooks/{id}", variant: "a webhook of a private channel the member is not in", expect: { outsider: 404, member: 404, admin: 204, owner: 204 },
    needs: { webhooks: true, channels: ["secret"] },
    request: (f) => ({ path: `/api/webhooks/${f.secretWebhook!.id}` }),
    verify: async (f) => assert.equal(await webhookCount(f.secret), 0),
  },
  {
    method: "POST", path: "/api/webhooks/{id}/{token}", variant: "the token is the credential: whoever sends it along, the webhook posts",
    expect: { outsider: 201, member: 201, admin: 201, owner: 201 }, needs: { webhooks: true },
    request: (f) => ({ path: f.generalWebhook!.url, body: { content: "Deployed" } }),
    verify: async (f, role, res) => {
      const author = await db.one<{ user_id: number }>("SELECT user_id FROM webhooks WHERE id = ?", f.generalWebhook!.id);
      assert.deepEqual([res.body.sender_id, res.body.webhook_id, res.body.author], [author?.user_id, f.generalWebhook!.id, "hook"]);
      assert.notEqual(res.body.sender_id, f[role].user.id);
    },
  },
  {
    method: "PUT", path: "/api/messages/direct/message/{id}", variant: "the member's DM to the owner: only its author edits, community roles count for nothing",
    expect: { outsider: 404, member: 200, admin: 404, owner: 403 }, needs: { directMessage: true },
    request: (f) => ({ path: `/api/messages/direct/message/${f.memberDirectMessage}`, body: { content: "edited" } }),
    verify: (f, _role, res) => {
      assert.equal(res.body.id, f.memberDirectMessage);
      assert.equal(res.body.content, "edited");
      assert.notEqual(res.body.edited_at, null);
    },
  },
  {
    method: "DELETE", path: "/api/messages/direct/message/{id}", variant: "the member's DM to the owner: only its author deletes, community roles count for nothing",
    expect: { outsider: 404, member: 200, admin: 404, owner: 403 }, needs: { directMessage: true },
    request: (f) => ({ path: `/api/messages/direct/message/${f.memberDirectMessage}` }),
    verify: async (f, _role, res) => {
      assert.equal(res.body.id, f.memberDirectMessage);
      assert.equal(await db.one("SELECT id FROM direct_messages WHERE id = ?", f.memberDirectMessage), undefined);
    },
  },

  // Reactions
  {
    method: "PUT", path: "/api/messages/{id}/reactions/{emoji}", variant: "the owner's message in #general: whoever reads it",
    expect: { outsider: 404, member: 204, admin: 204, owner: 204 }, needs: { messages: true },
    request: (f) => ({ path: `/api/messages/${f.ownerMessage}/reactions/${encodeURIComponent(THUMBS_UP)}` }),
    verify: async (f, role) => assert.ok(await reactionOf("message_id", f.ownerMessage, f[role])),
  },
  {
    method: "DELETE", path: "/api/messages/{id}/reactions/{emoji}", variant: "one's own reaction on the owner's message",
    expect: { outsider: 404, member: 204, admin: 204, owner: 204 }, needs: { messages: true },
    request: (f) => ({ path: `/api/messages/${f.ownerMessage}/reactions/${encodeURIComponent(THUMBS_UP)}` }),
    verify: async (f, role) => assert.equal(await reactionOf("message_id", f.ownerMessage, f[role]), undefined),
  },
  {
    method: "PUT", path: "/api/messages/direct/message/{id}/reactions/{emoji}", variant: "the member's DM to the owner: its two parties, community roles count for nothing",
    expect: { outsider: 404, member: 204, admin: 404, owner: 204 }, needs: { directMessage: true },
    request: (f) => ({ path: `/api/messages/direct/message/${f.memberDirectMessage}/reactions/${encodeURIComponent(THUMBS_UP)}` }),
    verify: async (f, role) => assert.ok(await reactionOf("direct_message_id", f.memberDirectMessage, f[role])),
  },
  {
    method: "DELETE", path: "/api/messages/direct/message/{id}/reactions/{emoji}", variant: "the member's DM to the owner: its two parties",
    expect: { outsider: 404, member: 204, admin: 404, owner: 204 }, needs: { directMessage: true },
    request: (f) => ({ path: `/api/messages/direct/message/${f.memberDirectMessage}/reactions/${encodeURIComponent(THUMBS_UP)}` }),
    verify: async (f, role) => assert.equal(await reactionOf("direct_message_id", f.memberDirectMessage, f[role]), undefined),
  },
  {
    method: "POST", path: "/api/messages/read", variant: "a text channel, up to a message", expect: ANY_MEMBER, needs: { messages: true },
    request: (f) => ({ path: "/api/messages/read", body: { channel_id: f.general, message_id: f.ownerMessage } }),
    verify: async (f, role, res) => {
      assert.equal(res.body.channel_id, f.general);
      assert.equal(res.body.last_read_message_id, f.ownerMessage);
      const state = await db.one<{ last_read_message_id: number }>(
        "SELECT last_read_message_id FROM channel_read_states WHERE channel_id = ? AND user_id = ?",
        f.general,
        f[role].user.id,
      );
      assert.equal(state?.last_read_message_id, f.ownerMessage);
    },
  },
  {
    method: "POST", path: "/api/messages/read", variant: "a private channel the member is not in", expect: MANAGERS_ONLY_SEE, needs: { channels: ["secret"] },
    request: (f) => ({ path: "/api/messages/read", body: { channel_id: f.secret } }),
    verify: (f, _role, res) => assert.equal(res.body.channel_id, f.secret),
  },
  {
    method: "POST", path: "/api/messages/unread", variant: "a text channel, from a message", expect: ANY_MEMBER, needs: { messages: true },
    request: (f) => ({ path: "/api/messages/unread", body: { channel_id: f.general, message_id: f.ownerMessage } }),
    verify: async (f, role, res) => {
      assert.equal(res.body.channel_id, f.general);
      const state = await db.one<{ last_read_message_id: number }>(
        "SELECT last_read_message_id FROM channel_read_states WHERE channel_id = ? AND user_id = ?",
        f.general,
        f[role].user.id,
      );
      assert.equal(state?.last_read_message_id, res.body.last_read_message_id);
      assert.ok(res.body.last_read_message_id < f.ownerMessage);
    },
  },
  // Mentions and notification settings (issue 15)
  {
    method: "POST", path: "/api/messages/send", variant: "@everyone: takes effect from admins and the owner only",
    expect: { outsider: 404, member: 201, admin: 201, owner: 201 },
    request: (f) => ({ path: "/api/messages/send", body: { channel_id: f.general, content: "@everyone listen" } }),
    verify: (_f, role, res) => assert.equal(res.body.mention_everyone, role === "admin" || role === "owner"),
  },
  {
    method: "PUT", path: "/api/channels/{id}/notifications", variant: "a text channel: the caller's own setting", expect: ANY_MEMBER,
    request: (f) => ({ path: `/api/channels/${f.general}/notifications`, body: { level: "mentions" } }),
    verify: async (f, role, res) => {
      assert.deepEqual(res.body, { level: "mentions", muted_until: null, source: "channel" });
      const row = await db.one<{ level: string }>("SELECT level FROM channel_notification_settings WHERE channel_id = ? AND user_id = ?", f.general, f[role].user.id);
      assert.equal(row?.level, "mentions");
    },
  },
  {
    method: "PUT", path: "/api/channels/{id}/notifications", variant: "a private channel the member is not in", expect: MANAGERS_ONLY_SEE, needs: { channels: ["secret"] },
    request: (f) => ({ path: `/api/channels/${f.secret}/notifications`, body: { level: "none" } }),
    verify: (_f, _role, res) => assert.equal(res.body.level, "none"),
  },
  // Catch me up (issue 18): any reader, for themselves; nothing is written.
  {
    method: "POST", path: "/api/channels/{id}/summary", variant: "a text channel", expect: ANY_MEMBER, needs: { assistant: true },
    request: (f) => ({ path: `/api/channels/${f.general}/summary` }),
    verify: (f, _role, res) => assert.equal(res.body.channel_id, f.general),
  },
  {
    method: "POST", path: "/api/channels/{id}/summary", variant: "a private channel the member is not in", expect: MANAGERS_ONLY_SEE, needs: { channels: ["secret"], assistant: true },
    request: (f) => ({ path: `/api/channels/${f.secret}/summary` }),
  },
  {
    method: "POST", path: "/api/channels/{id}/summary", variant: "a community the assistant was not added to", expect: { outsider: 404, member: 403, admin: 403, owner: 403 },
    request: (f) => ({ path: `/api/channels/${f.general}/summary` }),
  },
  {
    method: "PUT", path: "/api/channels/communities/{id}/notifications", expect: ANY_MEMBER,
    request: (f) => ({ path: `${communityPath(f)}/notifications`, body: { level: "all", muted_until: inAnHour() } }),
    verify: async (f, role, res) => {
      assert.equal(res.body.source, "community");
      const row = await db.one<{ level: string }>("SELECT level FROM community_notification_settings WHERE community_id = ? AND user_id = ?", f.community, f[role].user.id);
      assert.equal(row?.level, "all");
    },
  },
];

const cellName = (r: Row, role: Role) => `${r.method} ${r.path}${r.variant ? ` (${r.variant})` : ""} as ${role} → ${r.expect[role]}`;

// A cell that should succeed changes state, so it gets a fresh fixture. A cell that should be refused
// must change nothing (each one checks the whole database before and after), so refused cells share
// one complete fixture; if a refusal ever does change something or answers otherwise, that fixture
// is thrown away and the next refused cell builds a new one.
let shared: Promise<Fixture> | undefined;

describe("role matrix: community-, channel-, message-, invite- and webhook-scoped mutations", () => {
  for (const r of rows) {
    for (const role of ROLES) {
      const status = r.expect[role];
      const refused = status >= 400;
      it(cellName(r, role), async () => {
        const f = refused ? await (shared ??= fixture(EVERYTHING)) : await fixture(r.needs);
        const { path, body, form } = r.request(f, role);
        const before = refused ? await db.dump() : null;
        let response: ApiResponse;
        try {
          response = await api.request(r.method, path, { token: f[role].token, body, form: form?.() });
        } catch (error) {
          // The response did not match the OpenAPI document (the helper throws): keep the shared
          // fixture only if the call left the database as it was.
          if (refused && !isDeepStrictEqual(await db.dump(), before)) shared = undefined;
          throw error;
        }
        const after = refused ? await db.dump() : null;
        if (refused && (response.status !== status || !isDeepStrictEqual(after, before))) shared = undefined;
        assert.equal(response.status, status, `${r.method} ${path} as ${role}: ${response.text}`);
        if (refused) {
          assert.equal(response.body?.error?.code, r.codes?.[status] ?? GENERIC_CODES[status], response.text);
          assert.equal(typeof response.body.error.message, "string");
          assert.deepEqual(after, before, "a refused call changes nothing in the database");
        } else {
          await r.verify?.(f, role, response);
        }
      });
    }
  }

  it("covers every mutating endpoint under /api/channels, /api/messages, /api/invites and /api/webhooks except the user-scoped ones", () => {
    const userScoped = new Set(["POST /api/messages/direct/send"]);
    const expected = Object.values(endpoints)
      .filter((e) => ["POST", "PUT", "PATCH", "DELETE"].includes(e.method))
      .filter((e) => ["/api/channels", "/api/messages", "/api/invites", "/api/webhooks"].some((prefix) => e.path.startsWith(prefix)))
      .map((e) => `${e.method} ${e.path}`)
      .filter((key) => !userScoped.has(key))
      .sort();
    const covered = [...new Set(rows.map((r) => `${r.method} ${r.path}`))].sort();
    assert.deepEqual(covered, expected);
    assert.ok(expected.length >= 19, `only ${expected.length} endpoints found`);
    for (const r of rows) assert.deepEqual(Object.keys(r.expect).sort(), [...ROLES].sort(), `${r.method} ${r.path} has a cell per role`);
  });
});

// Search reads rather than writes, but who may search where follows the same roles: a channel or
// community the caller cannot read answers 404, and what is found is only what the role reads.
describe("role matrix: message search", () => {
  const managers = (role: Role) => role === "admin" || role === "owner";
  const cells: { variant: string; expect: Record<Role, number>; query: (f: Fixture) => string; found: (f: Fixture, role: Role) => number[] }[] = [
    { variant: "channel_id of #general", expect: ANY_MEMBER, query: (f) => `channel_id=${f.general}`, found: (f) => [f.general] },
    {
      variant: "community_id", expect: ANY_MEMBER, query: (f) => `community_id=${f.community}`,
      found: (f, role) => (managers(role) ? [f.general, f.secret] : [f.general]),
    },
    { variant: "channel_id of a private channel the member is not in", expect: MANAGERS_ONLY_SEE, query: (f) => `channel_id=${f.secret}`, found: (f) => [f.secret] },
  ];
  let searched: Promise<Fixture & { secretMessage: number }> | undefined;
  const searchFixture = () =>
    (searched ??= (async () => {
      const f = await fixture({ channels: ["secret"], messages: true });
      const secretMessage = (await expectStatus(api.post("/api/messages/send", { token: f.owner.token, body: { channel_id: f.secret, content: "hello from the owner, in secret" } }), 201, "send in secret")).body.id;
      return { ...f, secretMessage };
    })());
  for (const cell of cells) {
    for (const role of ROLES) {
      it(`GET /api/messages/search (${cell.variant}) as ${role} → ${cell.expect[role]}`, async () => {
        const f = await searchFixture();
        const response = await api.get(`/api/messages/search?q=hello&${cell.query(f)}`, { token: f[role].token });
        assert.equal(response.status, cell.expect[role], response.text);
        if (response.status !== 200) return assert.equal(response.body.error.code, "not_found");
        const channels = new Set((response.body.messages as { channel_id: number }[]).map((message) => message.channel_id));
        assert.deepEqual([...channels].sort(), cell.found(f, role).sort(), "finds the hello messages of every channel the role reads, and of no other");
      });
    }
  }
});
