import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { nextEvent, connectSocket } from "./helpers/socket";
import { assertError, MISSING_ID, useServer } from "./helpers/world";

// GET /api/users/me/unread: what the rail marks as unread, for the signed-in user only.

const world = useServer();
const { api, makeCommunity, makeMember, makeChannel, postMessage, postDirectMessage } = world;

const summary = async (token: string) => {
  const response = await api.get("/api/users/me/unread", { token });
  assert.equal(response.status, 200, response.text);
  return response.body as { channels: { channel_id: number; community_id: number; unread_count: number }[]; direct_messages: { user_id: number; unread_count: number }[] };
};

describe("GET /api/users/me/unread", () => {
  it("counts others' messages per readable channel, and drops to 0 once read", async () => {
    const community = await makeCommunity();
    const reader = await makeMember(community);
    await postMessage(community.owner, community.general, "one");
    await postMessage(community.owner, community.general, "two");
    await postMessage(reader, community.general, "my own does not count");

    const general = (await summary(reader.token)).channels.find((c) => c.channel_id === community.general);
    assert.deepEqual(general, {
      channel_id: community.general,
      community_id: community.id,
      unread_count: 2,
      mention_count: 0,
      notification: { level: "all", muted_until: null, source: "default" },
    });
    await api.post("/api/messages/read", { token: reader.token, body: { channel_id: community.general } });
    assert.equal((await summary(reader.token)).channels.find((c) => c.channel_id === community.general)?.unread_count, 0);
  });

  it("leaves out private channels the caller cannot read and communities they are not in", async () => {
    const community = await makeCommunity();
    const reader = await makeMember(community);
    const hidden = await makeChannel(community.owner, community.id, { type: "private" });
    await postMessage(community.owner, hidden.id, "secret");
    const elsewhere = await makeCommunity();
    await postMessage(elsewhere.owner, elsewhere.general, "not for the reader");

    const ids = (await summary(reader.token)).channels.map((c) => c.channel_id);
    assert.ok(ids.includes(community.general));
    assert.ok(!ids.includes(hidden.id), "a private channel the reader was not added to");
    assert.ok(!ids.includes(elsewhere.general), "a community the reader is not in");
    assert.ok((await summary(community.owner.token)).channels.some((c) => c.channel_id === hidden.id));
  });

  it("lists conversations with unread messages from the peer, not from users the caller blocked", async () => {
    const community = await makeCommunity();
    const [reader, friend, pest] = [await makeMember(community), await makeMember(community), await makeMember(community)];
    await postDirectMessage(friend, reader, "hi");
    await postDirectMessage(friend, reader, "are you there?");
    await postDirectMessage(reader, friend, "mine does not count");
    await postDirectMessage(pest, reader, "buy my stuff");
    assert.equal((await api.post(`/api/friends/block/${pest.user.id}`, { token: reader.token })).status, 201);

    assert.deepEqual((await summary(reader.token)).direct_messages, [{ user_id: friend.user.id, unread_count: 2 }]);
    await api.post("/api/messages/read", { token: reader.token, body: { user_id: friend.user.id } });
    assert.deepEqual((await summary(reader.token)).direct_messages, []);
  });

  it("returns 401 without credentials", async () => {
    assertError(await api.get("/api/users/me/unread"), 401, "unauthorized");
  });
});

describe("POST /api/messages/unread", () => {
  const markUnread = (token: string, body: Record<string, unknown>) => api.post("/api/messages/unread", { token, body });
  const assertSameAsMissing = async (label: string, hidden: () => ReturnType<typeof markUnread>, missing: () => ReturnType<typeof markUnread>) => {
    const [a, b] = [await hidden(), await missing()];
    assertError(a, 404, "not_found");
    assert.deepEqual({ status: a.status, body: a.body }, { status: b.status, body: b.body }, `${label}: answers alike`);
  };

  it("moves a channel's read position back to just before the message, counting others' messages from it on, and tells the reader's other sessions", async () => {
    const community = await makeCommunity();
    const reader = await makeMember(community);
    const first = await postMessage(community.owner, community.general, "one");
    const second = await postMessage(community.owner, community.general, "two");
    await postMessage(reader, community.general, "mine does not count");
    await postMessage(community.owner, community.general, "three");
    await api.post("/api/messages/read", { token: reader.token, body: { channel_id: community.general } });
    const otherTab = await connectSocket(world.server.url, { token: reader.token });
    try {
      const told = nextEvent<[unknown]>(otherTab, "message_unread");
      const response = await markUnread(reader.token, { channel_id: community.general, message_id: second.id });
      assert.equal(response.status, 200, response.text);
      assert.deepEqual(response.body, { channel_id: community.general, last_read_message_id: first.id, unread_count: 2 });
      assert.deepEqual((await told)[0], { channel_id: community.general, message_id: first.id, unread_count: 2 });
    } finally {
      otherTab.close();
    }
    assert.equal((await summary(reader.token)).channels.find((c) => c.channel_id === community.general)?.unread_count, 2);

    // Reading again moves it forward as before.
    await api.post("/api/messages/read", { token: reader.token, body: { channel_id: community.general } });
    assert.equal((await summary(reader.token)).channels.find((c) => c.channel_id === community.general)?.unread_count, 0);
  });

  it("makes the peer's DMs from the message on unread again, not the caller's own", async () => {
    const community = await makeCommunity();
    const [reader, friend] = [await makeMember(community), await makeMember(community)];
    await postDirectMessage(friend, reader, "earlier");
    const from = await postDirectMessage(friend, reader, "from here");
    await postDirectMessage(reader, friend, "my reply");
    await postDirectMessage(friend, reader, "later");
    await api.post("/api/messages/read", { token: reader.token, body: { user_id: friend.user.id } });
    assert.deepEqual((await summary(reader.token)).direct_messages, []);

    const response = await markUnread(reader.token, { user_id: friend.user.id, message_id: from.id });
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.body, { user_id: friend.user.id, unread_count: 2 });
    assert.deepEqual((await summary(reader.token)).direct_messages, [{ user_id: friend.user.id, unread_count: 2 }]);
  });

  it("answers a message of another channel or conversation exactly as a missing one, changing nothing", async () => {
    const community = await makeCommunity();
    const reader = await makeMember(community);
    const other = await makeChannel(community.owner, community.id, {});
    const elsewhere = await postMessage(community.owner, other.id, "in another channel");
    await assertSameAsMissing(
      "POST /api/messages/unread (channel)",
      () => markUnread(reader.token, { channel_id: community.general, message_id: elsewhere.id }),
      () => markUnread(reader.token, { channel_id: community.general, message_id: MISSING_ID }),
    );
    const [peer, stranger] = [await makeMember(community), await makeMember(community)];
    const theirs = await postDirectMessage(stranger, peer, "not between the reader and the peer");
    await assertSameAsMissing(
      "POST /api/messages/unread (direct)",
      () => markUnread(reader.token, { user_id: peer.user.id, message_id: theirs.id }),
      () => markUnread(reader.token, { user_id: peer.user.id, message_id: MISSING_ID }),
    );
    // Only the join messages of the peer and the stranger.
    assert.equal((await summary(reader.token)).channels.find((c) => c.channel_id === community.general)?.unread_count, 2);
  });
});
