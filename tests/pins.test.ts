import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import type { Message } from "../lib/api/entities";
import type { MessagePinEvent } from "../lib/realtime/events";
import type { TestUser } from "./helpers/api";
import { closeAll, expectNone, socketEvents, track, waitFor } from "./helpers/events";
import { connectSocket } from "./helpers/socket";
import { assertError, expectStatus, MISSING_ID, useServer, type TestCommunity } from "./helpers/world";

// Pins (PUT|DELETE /api/channels/{id}/pins/{message_id}, GET /api/channels/{id}/pins) and the
// `system` messages Auraflow posts for a pin and for every way into a community.

after(closeAll);

const world = useServer();
const { api, db, makeCommunity, makeMember, makeUsers, setRole, makeChannel, postMessage } = world;

const pinPath = (channelId: number, messageId: number) => `/api/channels/${channelId}/pins/${messageId}`;
const pin = (user: TestUser, channelId: number, messageId: number) => api.request("PUT", pinPath(channelId, messageId), { token: user.token });
const unpin = (user: TestUser, channelId: number, messageId: number) => api.request("DELETE", pinPath(channelId, messageId), { token: user.token });
const pins = async (user: TestUser, channelId: number): Promise<Message[]> =>
  (await expectStatus(api.get(`/api/channels/${channelId}/pins`, { token: user.token }), 200, "list pins")).body;
const history = async (user: TestUser, channelId: number): Promise<Message[]> =>
  (await expectStatus(api.get(`/api/messages/channel/${channelId}`, { token: user.token }), 200, "history")).body;
const systemMessages = async (user: TestUser, channelId: number) => (await history(user, channelId)).filter((m) => m.message_type === "system");
const socketOf = async (user: TestUser) => track(await connectSocket(world.server.url, { token: user.token }));

/** A community with an admin, a plain member and a message by the member in #general. */
async function pinWorld() {
  const community = await makeCommunity();
  const [admin, member] = [await makeMember(community), await makeMember(community)];
  await setRole(community.owner, community.id, admin, "admin");
  const message = await postMessage(member, community.general, "worth keeping");
  return { community, owner: community.owner, admin, member, message };
}

describe("pinning", () => {
  it("lets the owner and admins pin and unpin; a member, even the message's author, gets 403; an outsider 404", async () => {
    const { community, owner, admin, member, message } = await pinWorld();
    const [outsider] = await makeUsers(1);
    assertError(await pin(member, community.general, message.id), 403, "forbidden");
    assertError(await unpin(member, community.general, message.id), 403, "forbidden");
    const hidden = await pin(outsider, community.general, message.id);
    assertError(hidden, 404, "not_found");
    assert.equal(hidden.text, (await pin(outsider, MISSING_ID, message.id)).text, "as for a channel that does not exist");
    assert.equal(await db.count("messages WHERE pinned_at IS NOT NULL AND channel_id = ?", community.general), 0);

    assert.equal((await pin(admin, community.general, message.id)).status, 204);
    assert.equal((await unpin(owner, community.general, message.id)).status, 204);
    assert.equal((await pin(owner, community.general, message.id)).status, 204);
    const row = await db.one<{ pinned_by_id: number }>("SELECT pinned_by_id FROM messages WHERE id = ?", message.id);
    assert.equal(row?.pinned_by_id, owner.user.id);
  });

  it("answers 404 for a message of another channel, exactly as for a message that does not exist", async () => {
    const { community, owner } = await pinWorld();
    const other = await makeChannel(owner, community.id);
    const elsewhere = await postMessage(owner, other.id, "over there");
    for (const call of [pin, unpin]) {
      const foreign = await call(owner, community.general, elsewhere.id);
      assertError(foreign, 404, "not_found");
      assert.equal(foreign.text, (await call(owner, community.general, MISSING_ID)).text);
    }
    assert.equal(await db.count("messages WHERE id = ? AND pinned_at IS NOT NULL", elsewhere.id), 0);
  });

  it("is idempotent: a second pin is 204 with no second system message or event, a second unpin 204 with no event", async () => {
    const { community, owner, member, message } = await pinWorld();
    const socket = await socketOf(member);
    const pinned = socketEvents<MessagePinEvent>(socket, "message_pinned");
    const unpinned = socketEvents<MessagePinEvent>(socket, "message_unpinned");
    const sent = socketEvents<Message>(socket, "message_sent");

    for (let i = 0; i < 2; i++) assert.equal((await pin(owner, community.general, message.id)).status, 204);
    await waitFor(pinned, (e) => e.message_id === message.id, "message_pinned");
    await waitFor(sent, (m) => m.message_type === "system" && m.reply_to === message.id, "the pin's system message");
    await expectNone(pinned, () => true, 300, "a second message_pinned", 1);
    await expectNone(sent, (m) => m.message_type === "system" && m.reply_to === message.id, 0, "a second system message", 1);
    assert.equal(await db.count("messages WHERE message_type = 'system' AND reply_to = ?", message.id), 1);

    for (let i = 0; i < 2; i++) assert.equal((await unpin(owner, community.general, message.id)).status, 204);
    await waitFor(unpinned, (e) => e.message_id === message.id, "message_unpinned");
    await expectNone(unpinned, () => true, 300, "a second message_unpinned", 1);
    assert.equal(await db.count("messages WHERE message_type = 'system' AND reply_to = ?", message.id), 1, "unpinning posts nothing");
  });

  it("refuses to pin a system message (400)", async () => {
    const { community, owner, member } = await pinWorld();
    const [join] = (await systemMessages(owner, community.general)).filter((m) => m.sender_id === member.user.id);
    assert.ok(join, "the member's join message");
    assertError(await pin(owner, community.general, join.id), 400, "invalid_request");
    assert.equal(await db.count("messages WHERE pinned_at IS NOT NULL AND channel_id = ?", community.general), 0);
  });

  it("lists the pins newest pin first to anyone who reads the channel, and drops unpinned ones", async () => {
    const { community, owner, member } = await pinWorld();
    const [a, b, c] = [await postMessage(member, community.general, "a"), await postMessage(member, community.general, "b"), await postMessage(owner, community.general, "c")];
    for (const message of [b, c, a]) await expectStatus(pin(owner, community.general, message.id), 204, "pin");
    const listed = await pins(member, community.general);
    assert.deepEqual(listed.map((m) => m.id), [a.id, c.id, b.id]);
    assert.ok(listed.every((m) => m.pinned));
    await expectStatus(unpin(owner, community.general, c.id), 204, "unpin");
    assert.deepEqual((await pins(member, community.general)).map((m) => m.id), [a.id, b.id]);
    assert.deepEqual(await pins(member, (await makeChannel(owner, community.id)).id), []);
  });

  it("shows pinned on every path: history, an edit, the export, and false on the system message", async () => {
    const { community, owner, member, message } = await pinWorld();
    const socket = await socketOf(member);
    const sent = socketEvents<Message>(socket, "message_sent");
    assert.equal((await history(member, community.general)).find((m) => m.id === message.id)?.pinned, false);
    await expectStatus(pin(owner, community.general, message.id), 204, "pin");
    const live = await waitFor(sent, (m) => m.message_type === "system", "the pin's system message");
    assert.equal(live.pinned, false);
    const page = await history(member, community.general);
    assert.equal(page.find((m) => m.id === message.id)?.pinned, true, "history (the hot query)");
    assert.equal(page.find((m) => m.id === live.id)?.pinned, false);
    const around = await expectStatus(api.get(`/api/messages/channel/${community.general}?around=${message.id}`, { token: member.token }), 200, "around");
    assert.equal(around.body.find((m: Message) => m.id === message.id)?.pinned, true);
    const edited = await expectStatus(api.request("PUT", `/api/messages/${message.id}`, { token: member.token, body: { content: "still pinned" } }), 200, "edit");
    assert.equal(edited.body.pinned, true, "an edit (Prisma)");
    const exported = await expectStatus(api.get("/api/users/me/export", { token: member.token }), 200, "export");
    assert.equal(exported.body.messages.find((m: Message) => m.id === message.id)?.pinned, true, "the export");
  });

  it("lets a timed-out admin pin: pinning is moderation, not posting", async () => {
    const { community, owner, admin, message } = await pinWorld();
    const until = new Date(Date.now() + 600_000).toISOString();
    await expectStatus(api.request("PATCH", `/api/channels/communities/${community.id}/members/${admin.user.id}`, { token: owner.token, body: { timeout_until: until } }), 200, "time out");
    assert.equal((await pin(admin, community.general, message.id)).status, 204);
    assert.equal(await db.count("messages WHERE message_type = 'system' AND reply_to = ? AND sender_id = ?", message.id, admin.user.id), 1);
  });
});

describe("the 50-pin limit", () => {
  /** Pinned rows written behind the server's back, so that the limit is reached without 50 sends. */
  async function prefill(community: TestCommunity, count: number) {
    const now = db.timestamp(new Date());
    const values = Array.from({ length: count }, () => "(?, ?, 'old pin', 'text', ?, ?, ?, ?, ?)").join(", ");
    const params = Array.from({ length: count }, () => [community.general, community.owner.user.id, now, community.owner.user.username, now, now, community.owner.user.id]).flat();
    await db.exec(`INSERT INTO messages (channel_id, sender_id, content, message_type, created_at, author, updated_at, pinned_at, pinned_by_id) VALUES ${values}`, ...params);
  }
  const pinnedCount = (channelId: number) => db.count("messages WHERE channel_id = ? AND pinned_at IS NOT NULL", channelId);

  it("refuses the 51st pin with 409 and a clear message; unpinning one makes room", async () => {
    const { community, owner, member, message } = await pinWorld();
    await prefill(community, 49);
    const extra = await postMessage(member, community.general, "one too many");
    assert.equal((await pin(owner, community.general, message.id)).status, 204, "the 50th");
    const refused = await pin(owner, community.general, extra.id);
    assertError(refused, 409, "conflict");
    assert.match(refused.body.error.message, /at most 50 pinned messages/);
    assert.equal(await pinnedCount(community.general), 50);
    assert.equal((await pin(owner, community.general, message.id)).status, 204, "re-pinning a pinned one is still fine at the limit");
    await expectStatus(unpin(owner, community.general, message.id), 204, "unpin");
    assert.equal((await pin(owner, community.general, extra.id)).status, 204);
    assert.equal(await pinnedCount(community.general), 50);
  });

  it("lets exactly one of several concurrent pins at 49 through", async () => {
    const { community, owner, admin, member } = await pinWorld();
    await prefill(community, 49);
    const candidates = await Promise.all(Array.from({ length: 6 }, (_, i) => postMessage(member, community.general, `candidate ${i}`)));
    const results = await Promise.all(candidates.map((m, i) => pin(i % 2 ? admin : owner, community.general, m.id)));
    assert.deepEqual(results.map((r) => r.status).sort(), [204, 409, 409, 409, 409, 409], results.map((r) => r.text).join(" | "));
    assert.equal(await pinnedCount(community.general), 50);
    assert.equal(await db.count("messages WHERE channel_id = ? AND message_type = 'system' AND content LIKE '% pinned a message.'", community.general), 1);
  });
});

describe("pin events", () => {
  it("tells the readers of a private channel, and not a community member outside it", async () => {
    const community = await makeCommunity();
    const [insider, outsiderMember] = [await makeMember(community), await makeMember(community)];
    const secret = await makeChannel(community.owner, community.id, { type: "private" });
    await expectStatus(api.post(`/api/channels/${secret.id}/members`, { token: community.owner.token, body: { user_id: insider.user.id } }), 201, "add to private");
    const message = await postMessage(insider, secret.id, "between us");
    const [inside, outside] = [await socketOf(insider), await socketOf(outsiderMember)];
    const events = (socket: typeof inside) => ({
      pinned: socketEvents<MessagePinEvent>(socket, "message_pinned"),
      unpinned: socketEvents<MessagePinEvent>(socket, "message_unpinned"),
      sent: socketEvents<Message>(socket, "message_sent"),
    });
    const [seen, unseen] = [events(inside), events(outside)];

    await expectStatus(pin(community.owner, secret.id, message.id), 204, "pin");
    assert.deepEqual(await waitFor(seen.pinned, () => true, "message_pinned"), { channel_id: secret.id, message_id: message.id, user_id: community.owner.user.id });
    await waitFor(seen.sent, (m) => m.message_type === "system" && m.channel_id === secret.id, "the pin's system message");
    await expectStatus(unpin(community.owner, secret.id, message.id), 204, "unpin");
    assert.deepEqual(await waitFor(seen.unpinned, () => true, "message_unpinned"), { channel_id: secret.id, message_id: message.id, user_id: community.owner.user.id });

    await expectNone(unseen.pinned, () => true, 300, "message_pinned outside the channel", 0);
    await expectNone(unseen.unpinned, () => true, 0, "message_unpinned outside the channel", 0);
    await expectNone(unseen.sent, (m) => m.channel_id === secret.id, 0, "the system message outside the channel", 0);
    assertError(await api.get(`/api/channels/${secret.id}/pins`, { token: outsiderMember.token }), 404, "not_found");
  });
});

describe("system messages", () => {
  it("posts 'alice pinned a message.' from the pinner, replying to the pinned message", async () => {
    const { community, admin, message } = await pinWorld();
    await expectStatus(pin(admin, community.general, message.id), 204, "pin");
    const posted = (await systemMessages(admin, community.general)).find((m) => m.reply_to === message.id);
    assert.ok(posted);
    assert.equal(posted.content, `${admin.user.username} pinned a message.`);
    assert.equal(posted.sender_id, admin.user.id);
    assert.equal(posted.author, admin.user.username);
    assert.equal(posted.channel_id, community.general);
  });

  const joinPaths: Record<string, (community: TestCommunity, user: TestUser) => Promise<unknown>> = {
    join: (community, user) => expectStatus(api.post(`/api/channels/communities/${community.id}/join`, { token: user.token }), 200, "join"),
    "invite accept": async (community, user) => {
      const invite = await expectStatus(api.post(`/api/channels/communities/${community.id}/invites`, { token: community.owner.token, body: {} }), 201, "invite");
      await expectStatus(api.post(`/api/invites/${invite.body.code}/accept`, { token: user.token }), 200, "accept");
    },
    "add-member": (community, user) =>
      expectStatus(api.post("/api/channels/community/add-member", { token: community.owner.token, body: { community_id: community.id, user_id: user.user.id } }), 201, "add"),
  };

  for (const [path, enter] of Object.entries(joinPaths)) {
    it(`posts 'alice joined the community.' from the newcomer in #general on ${path}, live to the members`, async () => {
      const community = await makeCommunity();
      const [newcomer] = await makeUsers(1);
      const sent = socketEvents<Message>(await socketOf(community.owner), "message_sent");
      await enter(community, newcomer);
      const live = await waitFor(sent, (m) => m.message_type === "system" && m.sender_id === newcomer.user.id, "the join message");
      assert.equal(live.content, `${newcomer.user.username} joined the community.`);
      assert.equal(live.channel_id, community.general);
      assert.equal(live.reply_to, null);
      assert.deepEqual((await systemMessages(newcomer, community.general)).map((m) => m.id), [live.id]);
    });
  }

  it("uses the first text channel: lowest position, then lowest id, never a private or voice one", async () => {
    const community = await makeCommunity();
    const { owner } = community;
    const secret = await makeChannel(owner, community.id, { type: "private" });
    const voice = await makeChannel(owner, community.id, { type: "voice" });
    const lobby = await makeChannel(owner, community.id);
    const later = await makeChannel(owner, community.id);
    const place = (id: number, position: number) => expectStatus(api.request("PATCH", `/api/channels/${id}`, { token: owner.token, body: { position } }), 200, "position");
    await place(community.general, 9);
    await Promise.all([place(secret.id, 0), place(voice.id, 0), place(lobby.id, 3), place(later.id, 3)]);
    const member = await makeMember(community);
    assert.equal(await db.count("messages WHERE sender_id = ? AND message_type = 'system' AND channel_id = ?", member.user.id, lobby.id), 1);
    assert.equal(await db.count("messages WHERE sender_id = ? AND message_type = 'system'", member.user.id), 1);
  });

  it("posts no join message in a community without a text channel", async () => {
    const community = await makeCommunity();
    await expectStatus(api.request("PATCH", `/api/channels/${community.general}`, { token: community.owner.token, body: { type: "voice" } }), 200, "make #general voice");
    const member = await makeMember(community);
    assert.equal(await db.count("messages WHERE sender_id = ?", member.user.id), 0);
  });

  it("does not count a join message against the newcomer's slowmode", async () => {
    const community = await makeCommunity();
    await expectStatus(api.request("PATCH", `/api/channels/${community.general}`, { token: community.owner.token, body: { rate_limit_per_user: 600 } }), 200, "slowmode");
    const member = await makeMember(community);
    assert.equal((await api.post("/api/messages/send", { token: member.token, body: { channel_id: community.general, content: "first words" } })).status, 201);
  });

  it("lets nobody edit a system message; only owners and admins delete one, not its sender", async () => {
    const { community, owner, admin, member, message } = await pinWorld();
    await expectStatus(pin(admin, community.general, message.id), 204, "pin");
    const system = await systemMessages(owner, community.general);
    const join = system.find((m) => m.sender_id === member.user.id)!;
    const pinNote = system.find((m) => m.reply_to === message.id)!;
    for (const [user, target] of [[member, join], [admin, pinNote], [owner, join]] as const) {
      const refused = await api.request("PUT", `/api/messages/${target.id}`, { token: user.token, body: { content: "rewritten" } });
      assertError(refused, 403, "forbidden");
      assert.match(refused.body.error.message, /System messages cannot be edited/);
    }
    assertError(await api.request("DELETE", `/api/messages/${join.id}`, { token: member.token }), 403, "forbidden");
    assert.equal((await api.request("DELETE", `/api/messages/${join.id}`, { token: admin.token })).status, 200);
    assert.equal((await api.request("DELETE", `/api/messages/${pinNote.id}`, { token: owner.token })).status, 200);
    assert.equal(await db.count("messages WHERE id IN (?, ?)", join.id, pinNote.id), 0);
  });
});
