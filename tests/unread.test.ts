import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertError, useServer } from "./helpers/world";

// GET /api/users/me/unread: what the rail marks as unread, for the signed-in user only.

const { api, makeCommunity, makeMember, makeChannel, postMessage, postDirectMessage } = useServer();

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
    assert.deepEqual(general, { channel_id: community.general, community_id: community.id, unread_count: 2 });
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
