import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { afterEach, describe, it } from "node:test";
import type { Socket } from "socket.io-client";
import { uniqueName, type TestUser } from "./helpers/api";
import { connectSocket } from "./helpers/socket";
import { assertError, expectStatus, MISSING_ID, useServer } from "./helpers/world";

// The account endpoints of issue 12 (sessions, password change, deletion, export) and "blocked
// users see the blocker as offline everywhere", against the real server.

const world = useServer();
const { api, db, makeUsers, makeCommunity, joinCommunity, befriend, postMessage, postDirectMessage } = world;

const opened: Socket[] = [];
afterEach(() => {
  for (const socket of opened.splice(0)) socket.close();
});

async function connect(credentials: { token?: string; cookie?: string }): Promise<Socket> {
  const socket = await connectSocket(world.server.url, credentials);
  opened.push(socket);
  return socket;
}

/** Resolves with the reason once the server closes the socket; rejects if it stays open. */
function serverDisconnect(socket: Socket, timeoutMs = 3000): Promise<string> {
  if (socket.disconnected) return Promise.resolve("already disconnected");
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the socket was not disconnected")), timeoutMs);
    socket.once("disconnect", (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A second API token of the same user, as a client on another device gets it. */
async function login(user: TestUser, userAgent = "AccountTest/1.0"): Promise<string> {
  const response = await expectStatus(
    api.post("/api/auth/login", { body: { username: user.user.username, password: user.password }, headers: { "user-agent": userAgent } }),
    200,
    "login",
  );
  return response.body.token;
}

/** A browser session through next-auth's credentials provider: its session cookie. */
async function browserSignIn(user: TestUser): Promise<string> {
  const csrf = await api.get("/api/auth/csrf");
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const signIn = await api.request("POST", "/api/auth/callback/credentials", {
    rawBody: new URLSearchParams({ csrfToken: csrf.body.csrfToken, login: user.user.username, password: user.password, json: "true" }).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, "user-agent": "BrowserTest/2.0" },
  });
  assert.equal(signIn.status, 200, signIn.text);
  const sessionCookie = signIn.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  assert.ok(sessionCookie, "a session cookie is set");
  return sessionCookie.split(";")[0];
}

/** The session id (jti) inside an API token. */
function sessionIdOf(token: string): string {
  return JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString()).jti;
}

const listSessions = async (token: string) => (await expectStatus(api.get("/api/auth/sessions", { token }), 200, "list sessions")).body as any[];
const me = (credentials: { token?: string; cookie?: string }) => api.get("/api/auth/me", credentials);

describe("GET /api/auth/sessions", () => {
  it("lists every live session of the caller, newest first, with its client and which one is current", async () => {
    const user = await api.register();
    const second = await login(user, "PhoneApp/3.1");
    const cookie = await browserSignIn(user);

    const sessions = await listSessions(second);
    assert.deepEqual(
      sessions.map((s) => s.id),
      [sessions.find((s) => s.kind === "browser").id, sessionIdOf(second), sessionIdOf(user.token)],
      "newest first",
    );
    assert.deepEqual(Object.keys(sessions[0]).sort(), ["created_at", "current", "expires_at", "id", "ip", "kind", "user_agent"]);
    assert.deepEqual(sessions.map((s) => s.current), [false, true, false]);
    assert.deepEqual(sessions.map((s) => s.kind), ["browser", "token", "token"]);
    assert.equal(sessions[0].user_agent, "BrowserTest/2.0", "the browser session records its user agent");
    assert.equal(sessions[1].user_agent, "PhoneApp/3.1");
    for (const session of sessions) {
      assert.match(session.ip ?? "", /127\.0\.0\.1|::1/, "the client address is recorded");
      assert.ok(Date.parse(session.expires_at) > Date.now());
    }
    const fromBrowser = await expectStatus(api.get("/api/auth/sessions", { cookie }), 200, "list from the browser");
    assert.deepEqual(fromBrowser.body.map((s: any) => s.current), [true, false, false]);
  });

  it("no longer lists a session after logout, and never another user's sessions", async () => {
    const [user, other] = await makeUsers(2);
    const second = await login(user);
    await expectStatus(api.post("/api/auth/logout", { token: second }), 200, "logout");
    const sessions = await listSessions(user.token);
    assert.deepEqual(sessions.map((s) => s.id), [sessionIdOf(user.token)]);
    assert.ok(!sessions.some((s) => s.id === sessionIdOf(other.token)));
  });
});

describe("DELETE /api/auth/sessions (log out everywhere else)", () => {
  it("ends every other token and browser session, closes their sockets, and keeps the caller's", async () => {
    const user = await api.register();
    const other = await login(user);
    const cookie = await browserSignIn(user);
    const [otherSocket, browserSocket, ownSocket] = await Promise.all([connect({ token: other }), connect({ cookie }), connect({ token: user.token })]);
    const closed = Promise.all([serverDisconnect(otherSocket), serverDisconnect(browserSocket)]);

    const response = await api.request("DELETE", "/api/auth/sessions", { token: user.token });
    assert.equal(response.status, 204, response.text);
    assert.equal(response.text, "");

    assert.deepEqual(await closed, ["io server disconnect", "io server disconnect"]);
    assertError(await me({ token: other }), 401, "unauthorized");
    assertError(await me({ cookie }), 401, "unauthorized");
    assert.equal((await me({ token: user.token })).status, 200);
    await sleep(200);
    assert.ok(ownSocket.connected, "the caller's own socket stays open");
    assert.deepEqual((await listSessions(user.token)).map((s) => s.id), [sessionIdOf(user.token)]);
    assert.equal(await db.count("revoked_tokens WHERE user_id = ?", user.user.id), 2);
  });
});

describe("DELETE /api/auth/sessions/{id}", () => {
  it("ends that one session and closes its sockets", async () => {
    const user = await api.register();
    const [second, third] = [await login(user), await login(user)];
    const socket = await connect({ token: second });
    const closed = serverDisconnect(socket);
    const response = await api.request("DELETE", `/api/auth/sessions/${sessionIdOf(second)}`, { token: user.token });
    assert.equal(response.status, 204, response.text);
    assert.equal(await closed, "io server disconnect");
    assertError(await me({ token: second }), 401, "unauthorized");
    assert.equal((await me({ token: third })).status, 200, "other sessions are untouched");
  });

  it("answers another user's session id exactly as a missing one, and ends nothing", async () => {
    const [user, victim] = await makeUsers(2);
    const foreign = await api.request("DELETE", `/api/auth/sessions/${sessionIdOf(victim.token)}`, { token: user.token });
    const missing = await api.request("DELETE", `/api/auth/sessions/${randomUUID()}`, { token: user.token });
    assertError(foreign, 404, "not_found");
    assert.equal(foreign.text, missing.text);
    assert.equal((await me({ token: victim.token })).status, 200);
    assertError(await api.request("DELETE", "/api/auth/sessions/not-a-uuid", { token: user.token }), 400, "invalid_request");
  });
});

describe("POST /api/auth/password", () => {
  it("changes the password, ends every other session and closes its sockets, keeping the caller's", async () => {
    const user = await api.register();
    const other = await login(user);
    const cookie = await browserSignIn(user);
    const [otherSocket, browserSocket, ownSocket] = await Promise.all([connect({ token: other }), connect({ cookie }), connect({ token: user.token })]);
    const closed = Promise.all([serverDisconnect(otherSocket), serverDisconnect(browserSocket)]);

    const response = await api.post("/api/auth/password", { token: user.token, body: { current_password: user.password, new_password: "a brand new secret" } });
    assert.equal(response.status, 204, response.text);

    assert.deepEqual(await closed, ["io server disconnect", "io server disconnect"]);
    assertError(await me({ token: other }), 401, "unauthorized");
    assertError(await me({ cookie }), 401, "unauthorized");
    assert.equal((await me({ token: user.token })).status, 200, "the caller's session stays");
    await sleep(200);
    assert.ok(ownSocket.connected);

    assertError(await api.post("/api/auth/login", { body: { username: user.user.username, password: user.password } }), 401, "unauthorized");
    await expectStatus(api.post("/api/auth/login", { body: { username: user.user.username, password: "a brand new secret" } }), 200, "login with the new password");
    const row = await db.one<{ password_hash: string }>("SELECT password_hash FROM users WHERE id = ?", user.user.id);
    assert.match(row!.password_hash, /^\$argon2id\$/);
  });

  it("refuses a wrong current password with 403 invalid_password, and changes nothing", async () => {
    const user = await api.register();
    const other = await login(user);
    const response = await api.post("/api/auth/password", { token: user.token, body: { current_password: "not my password", new_password: "a brand new secret" } });
    assertError(response, 403, "invalid_password");
    assert.equal((await me({ token: other })).status, 200);
    await expectStatus(api.post("/api/auth/login", { body: { username: user.user.username, password: user.password } }), 200, "the old password still works");
  });

  it("refuses a new password equal to the current one, or one registration would refuse, with 400", async () => {
    const user = await api.register();
    const same = await api.post("/api/auth/password", { token: user.token, body: { current_password: user.password, new_password: user.password } });
    assertError(same, 400, "invalid_request");
    assert.ok(same.body.error.details.some((d: any) => d.path === "new_password"));
    assertError(await api.post("/api/auth/password", { token: user.token, body: { current_password: user.password, new_password: "short" } }), 400, "invalid_request");
    assertError(await api.post("/api/auth/password", { body: { current_password: user.password, new_password: "a brand new secret" } }), 401, "unauthorized");
  });
});

describe("DELETE /api/users/me", () => {
  it("refuses with 409 owns_communities while the user owns communities, then deletes and anonymises the account", async () => {
    const [user, friend, requested, blocker] = await makeUsers(4);
    const owned = await makeCommunity(user);
    const other = await makeCommunity();
    await joinCommunity(user, other.id);
    const memberCount = async () => (await api.get(`/api/channels/communities/${other.id}`, { token: other.owner.token })).body.member_count;
    assert.equal(await memberCount(), 2);
    await befriend(user, friend);
    await expectStatus(api.post("/api/friends/request", { token: user.token, body: { receiver_id: requested.user.id } }), 201, "friend request");
    await expectStatus(api.post(`/api/friends/block/${user.user.id}`, { token: blocker.token }), 201, "block");
    const message = await postMessage(user, other.general, "remember me");
    await postDirectMessage(user, friend, "a private word");
    const second = await login(user);
    const socket = await connect({ token: second });

    assertError(await api.request("DELETE", "/api/users/me", { token: user.token, body: { password: "wrong password" } }), 403, "invalid_password");
    const refused = await api.request("DELETE", "/api/users/me", { token: user.token, body: { password: user.password } });
    assertError(refused, 409, "owns_communities");
    assert.deepEqual(refused.body.error.details, { community_ids: [owned.id] });
    assert.equal((await me({ token: user.token })).status, 200, "nothing happened");

    await expectStatus(api.request("DELETE", `/api/channels/communities/${owned.id}`, { token: user.token }), 200, "delete own community");
    const closed = serverDisconnect(socket);
    const deleted = await api.request("DELETE", "/api/users/me", { token: user.token, body: { password: user.password } });
    assert.equal(deleted.status, 204, deleted.text);

    // Signed out everywhere, and no way back in.
    assert.equal(await closed, "io server disconnect");
    assertError(await me({ token: user.token }), 401, "unauthorized");
    assertError(await me({ token: second }), 401, "unauthorized");
    assertError(await api.post("/api/auth/login", { body: { username: user.user.username, password: user.password } }), 401, "unauthorized");
    assertError(await api.post("/api/auth/login", { body: { email: user.user.email, password: user.password } }), 401, "unauthorized");

    // Messages keep an author, shown as the deleted user; the member count is right.
    const history = await expectStatus(api.get(`/api/messages/channel/${other.general}`, { token: other.owner.token }), 200, "history");
    const kept = history.body.find((m: any) => m.id === message.id);
    assert.equal(kept.author, "Deleted User");
    assert.equal(kept.sender_id, user.user.id);
    assert.equal(kept.avatar_url, null);
    assert.equal(await memberCount(), 1);
    const members = await expectStatus(api.get(`/api/channels/community/members?community_id=${other.id}`, { token: other.owner.token }), 200, "members");
    assert.ok(!members.body.some((m: any) => m.id === user.user.id));

    // The profile is anonymised; search does not find it; nobody can reach it.
    const profile = await expectStatus(api.get(`/api/users/${user.user.id}`, { token: friend.token }), 200, "profile");
    assert.equal(profile.body.display_name, "Deleted User");
    assert.equal(profile.body.username, `deleted-user-${user.user.id}`);
    assert.equal(profile.body.status, "offline");
    assert.equal(profile.body.relationship, "none", "the friendship is gone");
    const search = await expectStatus(api.get(`/api/channels/users/search?q=deleted-user-${user.user.id}`, { token: friend.token }), 200, "search");
    assert.deepEqual(search.body, []);
    const byOldName = await expectStatus(api.get(`/api/channels/users/search?q=${user.user.username}`, { token: friend.token }), 200, "search");
    assert.deepEqual(byOldName.body, []);
    assertError(await api.post("/api/messages/direct/send", { token: friend.token, body: { receiver_id: user.user.id, content: "hello?" } }), 404, "not_found");
    assertError(await api.post("/api/friends/request", { token: friend.token, body: { receiver_id: user.user.id } }), 404, "not_found");

    // DMs stay, for the other side.
    const dms = await expectStatus(api.get(`/api/messages/direct/${user.user.id}`, { token: friend.token }), 200, "DM history");
    assert.deepEqual(dms.body.map((m: any) => m.content), ["a private word"]);

    // Nothing else of theirs is left.
    const row = await db.one<any>("SELECT username, email, display_name, avatar_url, deleted_at FROM users WHERE id = ?", user.user.id);
    assert.equal(row.email, `deleted-user-${user.user.id}@invalid`);
    assert.ok(row.deleted_at);
    for (const table of [
      "community_members WHERE user_id = ?",
      "friends WHERE user_id_1 = ? OR user_id_2 = ?",
      "friend_requests WHERE sender_id = ? OR receiver_id = ?",
      "blocked_users WHERE user_id = ? OR blocked_user_id = ?",
      "user_sessions WHERE user_id = ?",
      "channel_read_states WHERE user_id = ?",
    ]) {
      const ids = Array(table.split("?").length - 1).fill(user.user.id);
      assert.equal(await db.count(table, ...ids), 0, table);
    }
    assert.equal((await api.get("/api/channels/friends", { token: friend.token })).body.length, 0);
  });

  it("keeps the deleted name out of registration", async () => {
    const taken = await api.post("/api/auth/register", { body: { username: "deleted-user-1", email: `${uniqueName()}@example.test`, password: "long enough pw" } });
    assertError(taken, 400, "invalid_request");
    const email = await api.post("/api/auth/register", { body: { username: uniqueName(), email: "deleted-user-1@invalid", password: "long enough pw" } });
    assertError(email, 400, "invalid_request");
  });
});

describe("GET /api/users/me/export", () => {
  it("returns the user's own data as a JSON attachment", async () => {
    const [user, friend, blocked, requested, stranger] = await makeUsers(5);
    const community = await makeCommunity();
    await joinCommunity(user, community.id);
    await befriend(user, friend);
    await expectStatus(api.post(`/api/friends/block/${blocked.user.id}`, { token: user.token }), 201, "block");
    await expectStatus(api.post("/api/friends/request", { token: user.token, body: { receiver_id: requested.user.id } }), 201, "request");
    const message = await postMessage(user, community.general, "in the channel");
    await postMessage(community.owner, community.general, "not mine");
    const sent = await postDirectMessage(user, friend, "sent by me");
    const received = await postDirectMessage(friend, user, "sent to me");
    await postDirectMessage(friend, stranger, "not mine either");

    const response = await expectStatus(api.get("/api/users/me/export", { token: user.token }), 200, "export");
    assert.equal(response.headers.get("content-disposition"), `attachment; filename="auraflow-export-${user.user.username}.json"`);
    const data = response.body;
    assert.equal(data.user.id, user.user.id);
    assert.equal(data.user.email, user.user.email);
    assert.deepEqual(data.communities.map((c: any) => [c.id, c.role]), [[community.id, "member"]]);
    assert.deepEqual(data.friends.map((f: any) => f.id), [friend.user.id]);
    assert.deepEqual(data.blocked_users.map((b: any) => b.id), [blocked.user.id]);
    assert.deepEqual(data.sent_friend_requests.map((r: any) => [r.receiver_id, r.status]), [
      [requested.user.id, "pending"],
      [friend.user.id, "accepted"],
    ]);
    // The user's join message is sent as the user.
    assert.deepEqual(data.messages.map((m: any) => (m.message_type === "system" ? m.content : m.id)), [message.id, `${user.user.username} joined the community.`]);
    assert.deepEqual(data.direct_messages.map((m: any) => m.id), [received.id, sent.id]);
    assert.deepEqual(data.truncated, { messages: false, direct_messages: false });
    assert.doesNotMatch(response.text, /password|argon2/i);
  });
});

describe("blocked users see the blocker as offline everywhere", () => {
  it("shows the blocker offline, without custom status or last seen, in profile, member lists, search and conversations", async () => {
    const [blocker, blocked, bystander] = await makeUsers(3);
    const community = await makeCommunity(bystander);
    await joinCommunity(blocker, community.id);
    await joinCommunity(blocked, community.id);
    await postDirectMessage(blocker, blocked, "before the block");
    await expectStatus(api.request("PATCH", "/api/users/me", { token: blocker.token, body: { custom_status: "busy writing" } }), 200, "custom status");
    const blockerSocket = await connect({ token: blocker.token });
    await sleep(100);
    // The blocker is online, and visible so to anyone else.
    const seenByBystander = await expectStatus(api.get(`/api/users/${blocker.user.id}`, { token: bystander.token }), 200, "profile");
    assert.equal(seenByBystander.body.status, "online");
    assert.equal(seenByBystander.body.custom_status, "busy writing");

    await expectStatus(api.post(`/api/friends/block/${blocked.user.id}`, { token: blocker.token }), 201, "block");
    const hidden = (user: any) => {
      assert.equal(user.status, "offline");
      assert.equal(user.custom_status, null);
      assert.equal(user.last_seen, null);
    };
    hidden((await expectStatus(api.get(`/api/users/${blocker.user.id}`, { token: blocked.token }), 200, "profile")).body);
    const members = await expectStatus(api.get(`/api/channels/community/members?community_id=${community.id}`, { token: blocked.token }), 200, "members");
    hidden(members.body.find((m: any) => m.id === blocker.user.id));
    const channelMembers = await expectStatus(api.get(`/api/channels/${community.general}/members`, { token: blocked.token }), 200, "channel members");
    hidden(channelMembers.body.find((m: any) => m.id === blocker.user.id));
    const conversations = await expectStatus(api.get("/api/messages/direct", { token: blocked.token }), 200, "conversations");
    hidden(conversations.body.find((c: any) => c.user.id === blocker.user.id).user);
    const search = await expectStatus(api.get(`/api/channels/users/search?q=${blocker.user.username}`, { token: blocked.token }), 200, "search");
    assert.deepEqual(search.body, [], "a blocker is not found by the user they blocked");
    // Across a block both ways: the blocker does not see the blocked user's presence either.
    await connect({ token: blocked.token });
    await sleep(100);
    const blockedSeenByBlocker = await expectStatus(api.get(`/api/users/${blocked.user.id}`, { token: blocker.token }), 200, "profile");
    assert.equal(blockedSeenByBlocker.body.status, "offline");

    // Everyone else still sees the truth.
    const bystanderMembers = await expectStatus(api.get(`/api/channels/community/members?community_id=${community.id}`, { token: bystander.token }), 200, "members");
    assert.equal(bystanderMembers.body.find((m: any) => m.id === blocker.user.id).status, "online");
    blockerSocket.close();
  });

  it("turns the blocker offline live for the blocked user, sends them none of the blocker's status changes, and shows the truth again after an unblock", async () => {
    const [blocker, blocked, bystander] = await makeUsers(3);
    const community = await makeCommunity(bystander);
    await joinCommunity(blocker, community.id);
    await joinCommunity(blocked, community.id);
    const blockedSocket = await connect({ token: blocked.token });
    const bystanderSocket = await connect({ token: bystander.token });
    const seen = (socket: Socket) => {
      const events: any[] = [];
      socket.on("user_status", (e) => e.user_id === blocker.user.id && events.push(e));
      socket.on("community_member_updated", (e) => e.user.id === blocker.user.id && events.push({ member: e.user }));
      return events;
    };
    const blockedSees = seen(blockedSocket);
    const bystanderSees = seen(bystanderSocket);
    await connect({ token: blocker.token });
    await sleep(300);
    assert.equal(blockedSees.at(-1)?.status, "online", "before the block the blocker's presence is seen");

    await expectStatus(api.post(`/api/friends/block/${blocked.user.id}`, { token: blocker.token }), 201, "block");
    await sleep(300);
    assert.deepEqual(blockedSees.at(-1), { ...blockedSees.at(-1), status: "offline", custom_status: null, last_seen: null }, "the block shows the blocker offline at once");
    const countBefore = blockedSees.length;

    await expectStatus(api.request("PATCH", "/api/users/me", { token: blocker.token, body: { status: "dnd", custom_status: "hidden" } }), 200, "status change");
    await expectStatus(
      api.request("PATCH", `/api/channels/communities/${community.id}/members/${blocker.user.id}`, { token: bystander.token, body: { role: "admin" } }),
      200,
      "promote the blocker",
    );
    await sleep(400);
    assert.ok(bystanderSees.some((e) => e.status === "dnd"), "others get the change");
    assert.equal(bystanderSees.find((e) => e.member)?.member.status, "dnd");
    const afterBlock = blockedSees.slice(countBefore);
    assert.ok(!afterBlock.some((e) => e.status === "dnd"), `no status of the blocker reached the blocked user: ${JSON.stringify(afterBlock)}`);
    assert.equal(afterBlock.find((e) => e.member)?.member.status, "offline", "member events carry the presence hidden");

    await expectStatus(api.post(`/api/friends/unblock/${blocked.user.id}`, { token: blocker.token }), 200, "unblock");
    await sleep(300);
    assert.equal(blockedSees.at(-1)?.status, "dnd", "after the unblock the real status is shown again");
    assert.equal((await api.get(`/api/users/${blocker.user.id}`, { token: blocked.token })).body.status, "dnd");
  });

  it("hides nothing of users with no block", async () => {
    const [a, b] = await makeUsers(2);
    await connect({ token: a.token });
    await sleep(100);
    assert.equal((await api.get(`/api/users/${a.user.id}`, { token: b.token })).body.status, "online");
    assertError(await api.get(`/api/users/${MISSING_ID}`, { token: b.token }), 404, "not_found");
  });
});
