import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import type { Socket } from "socket.io-client";
import type { AuditLogEntry, CommunityBan, Message } from "../lib/api/entities";
import type { TestUser } from "./helpers/api";
import { closeAll, expectNone, socketEvents, track, waitFor } from "./helpers/events";
import { connectSocket } from "./helpers/socket";
import { assertError, expectStatus, MISSING_ID, useServer, type TestCommunity } from "./helpers/world";

const world = useServer();
const { api, db, makeUsers, makeCommunity, makeMember, joinCommunity, setRole, makeChannel, postMessage } = world;
afterEach(() => closeAll());

const communityPath = (communityId: number) => `/api/channels/communities/${communityId}`;
const banPath = (communityId: number, userId: number) => `${communityPath(communityId)}/bans/${userId}`;
const ban = (actor: TestUser, communityId: number, target: number, body?: Record<string, unknown>) =>
  api.request("PUT", banPath(communityId, target), { token: actor.token, body });
const unban = (actor: TestUser, communityId: number, target: number) => api.request("DELETE", banPath(communityId, target), { token: actor.token });
const listBans = (actor: TestUser, communityId: number, query = "") => api.get(`${communityPath(communityId)}/bans${query}`, { token: actor.token });
const auditLog = (actor: TestUser, communityId: number, query = "") => api.get(`${communityPath(communityId)}/audit-log${query}`, { token: actor.token });

const isMember = async (communityId: number, user: TestUser) =>
  (await db.count("community_members WHERE community_id = ? AND user_id = ?", communityId, user.user.id)) === 1;
const memberCount = async (communityId: number) =>
  (await db.one<{ member_count: number }>("SELECT member_count FROM communities WHERE id = ?", communityId))!.member_count;
const banRow = (communityId: number, user: TestUser) =>
  db.one<{ reason: string | null; actor_id: number }>("SELECT reason, actor_id FROM community_bans WHERE community_id = ? AND user_id = ?", communityId, user.user.id);

/** A community with an owner, two admins, two plain members and an outsider. */
async function communityWithRoles() {
  const community = await makeCommunity();
  const [admin, admin2, member, member2, outsider] = await makeUsers(5);
  for (const user of [admin, admin2, member, member2]) await joinCommunity(user, community.id);
  await setRole(community.owner, community.id, admin, "admin");
  await setRole(community.owner, community.id, admin2, "admin");
  return { community, owner: community.owner, admin, admin2, member, member2, outsider };
}

async function connect(user: TestUser): Promise<Socket> {
  return track(await connectSocket(world.server.url, { token: user.token }));
}

const identity = (user: TestUser) => ({ id: user.user.id, username: user.user.username, display_name: user.user.display_name, avatar_url: null });

describe("PUT /api/channels/communities/{id}/bans/{user_id}", () => {
  it("lets the owner ban a member: 204, the membership ends, the ban is listed with its reason", async () => {
    const { community, owner, member } = await communityWithRoles();
    const before = await memberCount(community.id);
    const response = await ban(owner, community.id, member.user.id, { reason: "  spam  " });
    assert.equal(response.status, 204, response.text);
    assert.equal(response.text, "");
    assert.equal(await isMember(community.id, member), false);
    assert.equal(await memberCount(community.id), before - 1);
    assert.deepEqual(await banRow(community.id, member), { reason: "spam", actor_id: owner.user.id });
    assertError(await api.get(`/api/channels/communities/${community.id}/channels`, { token: member.token }), 404, "not_found");
    const bans = await listBans(owner, community.id);
    assert.equal(bans.status, 200);
    assert.equal(bans.body.length, 1);
    assert.deepEqual(bans.body[0].user, identity(member));
    assert.equal(bans.body[0].reason, "spam");
  });

  it("takes no body at all", async () => {
    const { community, owner, member } = await communityWithRoles();
    const response = await api.request("PUT", banPath(community.id, member.user.id), { token: owner.token });
    assert.equal(response.status, 204, response.text);
    assert.deepEqual(await banRow(community.id, member), { reason: null, actor_id: owner.user.id });
  });

  it("follows kick's ranks: admins ban plain members only, the owner anyone but themself", async () => {
    const { community, owner, admin, admin2, member, member2 } = await communityWithRoles();
    assertError(await ban(admin, community.id, admin2.user.id), 403, "forbidden");
    assertError(await ban(admin, community.id, owner.user.id), 403, "forbidden");
    assertError(await ban(member, community.id, member2.user.id), 403, "forbidden");
    assertError(await ban(admin, community.id, admin.user.id), 400, "invalid_request");
    assertError(await ban(owner, community.id, owner.user.id), 400, "invalid_request");
    assert.equal(await db.count("community_bans WHERE community_id = ?", community.id), 0);
    assert.equal(await db.count("audit_log_entries WHERE community_id = ? AND action = 'member_ban_add'", community.id), 0);

    await expectStatus(ban(admin, community.id, member.user.id), 204, "admin bans a member");
    await expectStatus(ban(owner, community.id, admin2.user.id), 204, "owner bans an admin");
    assert.equal(await isMember(community.id, admin2), false);
  });

  it("answers an outsider exactly as for a missing community", async () => {
    const { community, member, outsider } = await communityWithRoles();
    const hidden = await ban(outsider, community.id, member.user.id);
    assertError(hidden, 404, "not_found");
    assert.equal(hidden.text, (await ban(outsider, MISSING_ID, member.user.id)).text);
    assert.ok(await isMember(community.id, member));
  });

  it("bans a user who is not a member (an admin may too), and 404s a user who does not exist", async () => {
    const { community, admin, outsider } = await communityWithRoles();
    await expectStatus(ban(admin, community.id, outsider.user.id, { reason: "known troll" }), 204, "ban ahead");
    assert.equal((await banRow(community.id, outsider))?.reason, "known troll");
    const missing = await ban(admin, community.id, MISSING_ID);
    assertError(missing, 404, "not_found");
    assert.match(missing.body.error.message, /User/);
  });

  it("is idempotent: banning again answers 204 and replaces the reason", async () => {
    const { community, owner, admin, member } = await communityWithRoles();
    await expectStatus(ban(owner, community.id, member.user.id, { reason: "first" }), 204, "ban");
    await expectStatus(ban(admin, community.id, member.user.id, { reason: "second" }), 204, "ban again");
    assert.equal(await db.count("community_bans WHERE community_id = ? AND user_id = ?", community.id, member.user.id), 1);
    assert.deepEqual(await banRow(community.id, member), { reason: "second", actor_id: admin.user.id });
  });

  it("keeps a banned user out: join, invite and add-member all answer 403 banned", async () => {
    const { community, owner, member, outsider } = await communityWithRoles();
    await expectStatus(ban(owner, community.id, member.user.id), 204, "ban a member");
    await expectStatus(ban(owner, community.id, outsider.user.id), 204, "ban a non-member");
    const invite = (await expectStatus(api.post(`${communityPath(community.id)}/invites`, { token: owner.token, body: {} }), 201, "invite")).body;
    for (const user of [member, outsider]) {
      assertError(await api.post(`${communityPath(community.id)}/join`, { token: user.token }), 403, "banned");
      assertError(await api.post(`/api/invites/${invite.code}/accept`, { token: user.token }), 403, "banned");
      const added = await api.post("/api/channels/community/add-member", { token: owner.token, body: { community_id: community.id, user_id: user.user.id } });
      assertError(added, 403, "banned");
      assert.equal(await isMember(community.id, user), false);
    }
    assert.equal((await db.one<{ uses: number }>("SELECT uses FROM invites WHERE code = ?", invite.code))?.uses, 0);
  });

  it("with delete_message_seconds deletes the user's recent messages in this community only, announcing each", async () => {
    const { community, owner, member, member2 } = await communityWithRoles();
    const other = await makeChannel(owner, community.id);
    const elsewhere = await makeCommunity();
    await joinCommunity(member, elsewhere.id);
    const old = await postMessage(member, community.general);
    await db.exec("UPDATE messages SET created_at = ? WHERE id = ?", db.timestamp(new Date(Date.now() - 2 * 3600_000)), old.id);
    // The member's join message went out as them, within the hour: it goes too.
    const joined = await db.one<{ id: number; channel_id: number }>(
      "SELECT id, channel_id FROM messages WHERE channel_id = ? AND sender_id = ? AND message_type = 'system'", community.general, member.user.id,
    );
    assert.ok(joined, "the member's join message");
    const recent = [joined, await postMessage(member, community.general), await postMessage(member, other.id)];
    const bystander = await postMessage(member2, community.general);
    const outside = await postMessage(member, elsewhere.general);

    const ownerSocket = await connect(owner);
    const deleted = socketEvents<{ id: number; channel_id: number }>(ownerSocket, "message_deleted");
    await expectStatus(ban(owner, community.id, member.user.id, { delete_message_seconds: 3600 }), 204, "ban");

    const remaining = async (id: number) => (await db.count("messages WHERE id = ?", id)) === 1;
    for (const message of recent) assert.equal(await remaining(message.id), false, `message ${message.id} deleted`);
    for (const message of [old, bystander, outside]) assert.equal(await remaining(message.id), true, `message ${message.id} kept`);
    const events = await deleted.waitForCount(() => true, 3, "message_deleted");
    assert.deepEqual(
      events.map((e) => [e.id, e.channel_id]).sort(),
      recent.map((m) => [m.id, m.channel_id]).sort(),
    );
  });

  it("removes a connected member from the community's rooms at once", async () => {
    const { community, owner, member } = await communityWithRoles();
    const [ownerSocket, memberSocket, memberSocket2] = await Promise.all([connect(owner), connect(member), connect(member)]);
    const memberMessages = [memberSocket, memberSocket2].map((socket) => socketEvents<Message>(socket, "message_sent"));
    const ownerMessages = socketEvents<Message>(ownerSocket, "message_sent");
    const left = socketEvents<{ community_id: number; user: { id: number } }>(memberSocket, "community_member_left");
    const ownerHearsLeft = socketEvents<{ community_id: number; user: { id: number } }>(ownerSocket, "community_member_left");
    const beforeBan = await postMessage(owner, community.general);
    for (const messages of memberMessages) await waitFor(messages, (m) => m.id === beforeBan.id, "message before the ban");

    await expectStatus(ban(owner, community.id, member.user.id), 204, "ban");
    await waitFor(left, (e) => e.community_id === community.id && e.user.id === member.user.id, "community_member_left on the banned socket");
    await waitFor(ownerHearsLeft, (e) => e.user.id === member.user.id, "community_member_left for the owner");
    const mark = memberMessages.map((messages) => messages.mark);
    const afterBan = await postMessage(owner, community.general);
    await waitFor(ownerMessages, (m) => m.id === afterBan.id, "the owner's own message");
    for (const [i, messages] of memberMessages.entries()) {
      await expectNone(messages, (m) => m.id === afterBan.id, 300, "a message after the ban", mark[i]);
    }
  });

  const invalid: [string, unknown][] = [
    ["a reason over 512 characters", { reason: "x".repeat(513) }],
    ["delete_message_seconds over 7 days", { delete_message_seconds: 604_801 }],
    ["a negative delete_message_seconds", { delete_message_seconds: -1 }],
    ["an unknown field", { days: 7 }],
  ];
  for (const [what, body] of invalid) {
    it(`returns 400 for ${what}, banning nobody`, async () => {
      const { community, owner, member } = await communityWithRoles();
      assertError(await api.request("PUT", banPath(community.id, member.user.id), { token: owner.token, body }), 400, "invalid_request");
      assert.ok(await isMember(community.id, member));
      assert.equal(await banRow(community.id, member), undefined);
    });
  }
});

describe("DELETE /api/channels/communities/{id}/bans/{user_id}", () => {
  it("lifts a ban: 204, and the user may join again", async () => {
    const { community, owner, admin, member } = await communityWithRoles();
    await expectStatus(ban(owner, community.id, member.user.id), 204, "ban");
    const response = await unban(admin, community.id, member.user.id);
    assert.equal(response.status, 204, response.text);
    assert.equal(await banRow(community.id, member), undefined);
    assert.equal(await isMember(community.id, member), false, "not added back");
    await joinCommunity(member, community.id);
  });

  it("answers 404 alike for a user who is not banned, for one already unbanned and for a missing user", async () => {
    const { community, owner, member, outsider } = await communityWithRoles();
    await expectStatus(ban(owner, community.id, outsider.user.id), 204, "ban");
    await expectStatus(unban(owner, community.id, outsider.user.id), 204, "unban");
    const missing = await unban(owner, community.id, MISSING_ID);
    assertError(missing, 404, "not_found");
    assert.equal((await unban(owner, community.id, outsider.user.id)).text, missing.text);
    assert.equal((await unban(owner, community.id, member.user.id)).text, missing.text);
  });

  it("refuses a plain member with 403 and an outsider with the missing community's 404", async () => {
    const { community, owner, member, member2, outsider } = await communityWithRoles();
    await expectStatus(ban(owner, community.id, member2.user.id), 204, "ban");
    assertError(await unban(member, community.id, member2.user.id), 403, "forbidden");
    const hidden = await unban(outsider, community.id, member2.user.id);
    assertError(hidden, 404, "not_found");
    assert.equal(hidden.text, (await unban(outsider, MISSING_ID, member2.user.id)).text);
    assert.ok(await banRow(community.id, member2));
  });
});

describe("GET /api/channels/communities/{id}/bans", () => {
  it("lists bans newest first to the owner and admins, with limit and offset", async () => {
    const { community, owner, admin, member, member2, outsider } = await communityWithRoles();
    for (const user of [member, outsider, member2]) await expectStatus(ban(owner, community.id, user.user.id, { reason: user.user.username }), 204, "ban");
    for (const viewer of [owner, admin]) {
      const response = await listBans(viewer, community.id);
      assert.equal(response.status, 200, response.text);
      assert.deepEqual(response.body.map((b: CommunityBan) => b.user.id), [member2, outsider, member].map((u) => u.user.id));
      assert.deepEqual(response.body.map((b: CommunityBan) => b.reason), [member2, outsider, member].map((u) => u.user.username));
    }
    const page = await listBans(owner, community.id, "?limit=1&offset=1");
    assert.deepEqual(page.body.map((b: CommunityBan) => b.user.id), [outsider.user.id]);
  });

  it("refuses a plain member with 403 and an outsider with the missing community's 404", async () => {
    const { community, member, outsider } = await communityWithRoles();
    assertError(await listBans(member, community.id), 403, "forbidden");
    const hidden = await listBans(outsider, community.id);
    assertError(hidden, 404, "not_found");
    assert.equal(hidden.text, (await listBans(outsider, MISSING_ID)).text);
  });
});

/** The entries of the community's audit log, newest first, as the owner reads them. */
async function entries(c: TestCommunity, query = ""): Promise<AuditLogEntry[]> {
  return (await expectStatus(auditLog(c.owner, c.id, query), 200, "audit log")).body;
}

describe("GET /api/channels/communities/{id}/audit-log", () => {
  it("records each administrative action with its actor, target and changes, newest first", async () => {
    const { community, owner, admin, admin2, member, member2 } = await communityWithRoles();
    const [added, bannedAhead] = await makeUsers(2);
    const c = community;
    const path = communityPath(c.id);
    const originalName: string = (await api.get(path, { token: owner.token })).body.name;

    await expectStatus(api.request("PATCH", path, { token: admin.token, body: { name: "Renamed", is_public: false } }), 200, "edit community");
    const channel = await makeChannel(admin, c.id, { type: "private", name: "mods" });
    await expectStatus(api.request("PATCH", `/api/channels/${channel.id}`, { token: owner.token, body: { name: "moderators" } }), 200, "edit channel");
    await expectStatus(api.post(`/api/channels/${channel.id}/members`, { token: owner.token, body: { user_id: member.user.id } }), 201, "add to channel");
    await expectStatus(api.request("DELETE", `/api/channels/${channel.id}/members/${member.user.id}`, { token: owner.token }), 200, "remove from channel");
    await expectStatus(api.request("DELETE", `/api/channels/${channel.id}`, { token: admin.token }), 200, "delete channel");
    await expectStatus(api.post("/api/channels/community/add-member", { token: admin.token, body: { community_id: c.id, user_id: added.user.id } }), 201, "add member");
    await expectStatus(api.request("PATCH", `${path}/members/${member.user.id}`, { token: owner.token, body: { role: "admin" } }), 200, "promote");
    await expectStatus(api.request("DELETE", `${path}/members/${added.user.id}`, { token: admin.token }), 200, "kick");
    await expectStatus(ban(owner, c.id, member2.user.id, { reason: "spam", delete_message_seconds: 60 }), 204, "ban");
    await expectStatus(ban(admin, c.id, bannedAhead.user.id), 204, "ban a non-member");
    await expectStatus(unban(admin, c.id, bannedAhead.user.id), 204, "unban");
    const byOwner = await postMessage(owner, c.general);
    const byAdmin = await postMessage(admin, c.general);
    await expectStatus(api.request("DELETE", `/api/messages/${byOwner.id}`, { token: admin.token }), 200, "moderator deletes the owner's message");
    await expectStatus(api.request("DELETE", `/api/messages/${byAdmin.id}`, { token: admin.token }), 200, "author deletes their own message");
    const invite = (await expectStatus(api.post(`${path}/invites`, { token: member.token, body: { max_uses: 5 } }), 201, "invite")).body;
    await expectStatus(api.request("DELETE", `/api/invites/${invite.code}`, { token: owner.token }), 204, "delete invite");

    const log = await entries(c);
    const summary = log.map((e) => [e.action, e.actor?.id, e.target_type, e.target_id]);
    assert.deepEqual(summary, [
      ["invite_delete", owner.user.id, "invite", invite.code],
      ["invite_create", member.user.id, "invite", invite.code],
      ["message_delete", admin.user.id, "message", String(byOwner.id)],
      ["member_ban_remove", admin.user.id, "user", String(bannedAhead.user.id)],
      ["member_ban_add", admin.user.id, "user", String(bannedAhead.user.id)],
      ["member_ban_add", owner.user.id, "user", String(member2.user.id)],
      ["member_kick", admin.user.id, "user", String(added.user.id)],
      ["member_role_update", owner.user.id, "user", String(member.user.id)],
      ["member_add", admin.user.id, "user", String(added.user.id)],
      ["channel_delete", admin.user.id, "channel", String(channel.id)],
      ["channel_member_remove", owner.user.id, "user", String(member.user.id)],
      ["channel_member_add", owner.user.id, "user", String(member.user.id)],
      ["channel_update", owner.user.id, "channel", String(channel.id)],
      ["channel_create", admin.user.id, "channel", String(channel.id)],
      ["community_update", admin.user.id, "community", String(c.id)],
      // The set-up's promotions of the two admins.
      ["member_role_update", owner.user.id, "user", String(admin2.user.id)],
      ["member_role_update", owner.user.id, "user", String(admin.user.id)],
    ]);
    const byAction = (action: string) => log.find((e) => e.action === action)!;
    const ids = log.map((e) => e.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a), "newest first");
    assert.deepEqual(byAction("community_update").changes, { name: { old: originalName, new: "Renamed" }, is_public: { old: true, new: false } });
    assert.deepEqual(byAction("channel_create").changes, { name: "mods", type: "private", description: null });
    assert.deepEqual(byAction("channel_update").changes, { name: { old: "mods", new: "moderators" } });
    assert.deepEqual(byAction("channel_delete").changes, { name: "moderators", type: "private" });
    assert.deepEqual(byAction("channel_member_add").changes, { channel_id: channel.id, channel_name: "moderators" });
    assert.deepEqual(byAction("member_role_update").changes, { role: { old: "member", new: "admin" } });
    const banEntry = log.find((e) => e.action === "member_ban_add" && e.target_id === String(member2.user.id))!;
    assert.equal(banEntry.reason, "spam");
    // member2's join message, from the set-up a moment ago.
    assert.deepEqual(banEntry.changes, { delete_message_seconds: 60, deleted_messages: 1 });
    assert.deepEqual(byAction("message_delete").changes, { channel_id: c.general, author_id: owner.user.id });
    assert.deepEqual(byAction("invite_create").changes, { max_uses: 5, max_age_seconds: 604800 });
    assert.deepEqual(byAction("community_update").actor, identity(admin));
    for (const entry of log) assert.ok(Math.abs(Date.parse(entry.created_at) - Date.now()) < 120_000);
  });

  it("records nothing for an edit that changes nothing, or for an action that was refused", async () => {
    const { community, owner, member } = await communityWithRoles();
    const before = (await entries(community)).length;
    const current = (await api.get(communityPath(community.id), { token: owner.token })).body;
    await expectStatus(api.request("PATCH", communityPath(community.id), { token: owner.token, body: { name: current.name } }), 200, "same name");
    assertError(await ban(member, community.id, owner.user.id), 403, "forbidden");
    assertError(await api.request("PATCH", communityPath(community.id), { token: member.token, body: { name: "mine" } }), 403, "forbidden");
    assert.equal((await entries(community)).length, before);
  });

  it("filters by action and actor_id, and pages with limit and before", async () => {
    const { community, owner, admin } = await communityWithRoles();
    for (const name of ["a", "b", "c"]) await makeChannel(admin, community.id, { name });
    await makeChannel(owner, community.id, { name: "d" });
    const all = await entries(community);

    const created = await entries(community, "?action=channel_create");
    assert.deepEqual(created.map((e) => e.changes!.name), ["d", "c", "b", "a"]);
    const byAdmin = await entries(community, `?actor_id=${admin.user.id}`);
    assert.ok(byAdmin.length === 3 && byAdmin.every((e) => e.actor?.id === admin.user.id));
    const both = await entries(community, `?action=channel_create&actor_id=${owner.user.id}`);
    assert.deepEqual(both.map((e) => e.changes!.name), ["d"]);
    assert.deepEqual(await entries(community, `?action=member_kick`), []);

    const first = await entries(community, "?limit=2");
    assert.deepEqual(first, all.slice(0, 2));
    const second = await entries(community, `?limit=2&before=${first[1].id}`);
    assert.deepEqual(second, all.slice(2, 4));
    const rest = await entries(community, `?before=${second[1].id}`);
    assert.deepEqual(rest, all.slice(4));
  });

  it("keeps each community's log to itself", async () => {
    const { community, owner } = await communityWithRoles();
    const other = await makeCommunity(owner);
    await makeChannel(owner, other.id, { name: "elsewhere" });
    assert.ok(!(await entries(community)).some((e) => e.changes?.name === "elsewhere"));
    assert.equal((await entries(other)).length, 1);
  });

  it("refuses a plain member with 403 and an outsider with the missing community's 404", async () => {
    const { community, member, outsider } = await communityWithRoles();
    assertError(await auditLog(member, community.id), 403, "forbidden");
    const hidden = await auditLog(outsider, community.id);
    assertError(hidden, 404, "not_found");
    assert.equal(hidden.text, (await auditLog(outsider, MISSING_ID)).text);
  });

  for (const query of ["?action=member_dance", "?limit=0", "?limit=101", "?before=abc", "?actor_id=0", "?before=-1"]) {
    it(`returns 400 for ${query}`, async () => {
      const { community, owner } = await communityWithRoles();
      assertError(await auditLog(owner, community.id, query), 400, "invalid_request");
    });
  }
});
