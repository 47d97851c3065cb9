import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { uniqueName, type TestUser } from "./helpers/api";
import { testEngine } from "./helpers/server";
import { useServer } from "./helpers/world";

// Races that only a database running transactions side by side (PostgreSQL) can produce, checked on
// whichever engine this run uses: the answers and the stored rows must be what one-at-a-time
// execution would give, and no race may end in a 500.

const world = useServer();
const { api, db } = world;

const statusesOf = (responses: { status: number }[]) => [...new Set(responses.map((r) => r.status))].sort();

describe(`concurrent writes (${testEngine()})`, () => {
  it("member_count stays exact under 50 concurrent joins and leaves, each sent twice at once", async () => {
    const community = await world.makeCommunity();
    const users = await world.makeUsers(50);
    const [leaving, joining] = [users.slice(0, 25), users.slice(25)];
    for (const user of leaving) await world.joinCommunity(user, community.id);

    const join = (user: TestUser) => api.post(`/api/channels/communities/${community.id}/join`, { token: user.token });
    const leave = (user: TestUser) => api.post(`/api/channels/communities/${community.id}/leave`, { token: user.token });
    const responses = await Promise.all([...joining.flatMap((user) => [join(user), join(user)]), ...leaving.flatMap((user) => [leave(user), leave(user)])]);

    const joins = responses.slice(0, 50);
    const leaves = responses.slice(50);
    assert.deepEqual(statusesOf(joins), [200, 409], "one join of each pair wins, the other is told they are a member");
    assert.deepEqual(statusesOf(leaves), [200, 404], "one leave of each pair wins, the other finds no membership");
    assert.equal(joins.filter((r) => r.status === 200).length, 25);
    assert.equal(leaves.filter((r) => r.status === 200).length, 25);

    const details = await api.get(`/api/channels/communities/${community.id}`, { token: community.owner.token });
    const members = await api.get(`/api/channels/community/members?community_id=${community.id}&limit=100`, { token: community.owner.token });
    assert.equal(members.status, 200, members.text);
    assert.equal(members.body.length, 26);
    assert.equal(details.body.member_count, 26, "member_count = the owner + the 25 who joined");
    assert.equal(await db.count("community_members WHERE community_id = ?", community.id), 26);
  });

  it("a nonce sent 20 times at once makes one message and one direct message", async () => {
    const community = await world.makeCommunity();
    const [friend] = await world.makeUsers(1);
    const nonce = uniqueName("nonce");
    const sends = await Promise.all(
      Array.from({ length: 20 }, () => api.post("/api/messages/send", { token: community.owner.token, body: { channel_id: community.general, content: "once", nonce } })),
    );
    assert.deepEqual(statusesOf(sends), [200, 201]);
    assert.equal(new Set(sends.map((r) => r.body.id)).size, 1, "every retry gets the same message back");
    assert.equal(await db.count("messages WHERE nonce = ?", nonce), 1);

    const dms = await Promise.all(
      Array.from({ length: 20 }, () => api.post("/api/messages/direct/send", { token: community.owner.token, body: { receiver_id: friend.user.id, content: "once", nonce } })),
    );
    assert.deepEqual(statusesOf(dms), [200, 201]);
    assert.equal(new Set(dms.map((r) => r.body.id)).size, 1);
    assert.equal(await db.count("direct_messages WHERE nonce = ?", nonce), 1);
  });

  it("ten sign-ups with one email at once: one account, the others a 409 naming the email", async () => {
    const email = `${uniqueName("same")}@example.test`;
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => api.post("/api/auth/register", { body: { username: uniqueName("race"), email, password: "correct horse battery" } })),
    );
    assert.deepEqual(statusesOf(responses), [201, 409]);
    assert.equal(responses.filter((r) => r.status === 201).length, 1);
    for (const response of responses.filter((r) => r.status === 409)) {
      assert.equal(response.body.error.code, "conflict");
      assert.deepEqual(response.body.error.details?.map((d: { path: string }) => d.path), ["email"], response.text);
    }
    assert.equal(await db.count("users WHERE email = ?", email), 1);
  });

  it("ten friend requests at once: one pending request, the others a 409", async () => {
    const [alice, bob] = await world.makeUsers(2);
    const responses = await Promise.all(Array.from({ length: 10 }, () => api.post("/api/friends/request", { token: alice.token, body: { receiver_id: bob.user.id } })));
    assert.deepEqual(statusesOf(responses), [201, 409]);
    assert.equal(responses.filter((r) => r.status === 201).length, 1);
    assert.equal(await db.count("friend_requests WHERE sender_id = ? AND receiver_id = ? AND status = 'pending'", alice.user.id, bob.user.id), 1);
  });

  it("ten blocks at once: one block, the others a 409, never a 500", async () => {
    const [alice, bob] = await world.makeUsers(2);
    const responses = await Promise.all(Array.from({ length: 10 }, () => api.post(`/api/friends/block/${bob.user.id}`, { token: alice.token })));
    assert.deepEqual(statusesOf(responses), [201, 409], responses.map((r) => r.status).join(" "));
    assert.equal(await db.count("blocked_users WHERE user_id = ? AND blocked_user_id = ?", alice.user.id, bob.user.id), 1);
  });

  it("a request accepted and cancelled at once ends in one consistent state", async () => {
    for (let round = 0; round < 5; round++) {
      const [alice, bob] = await world.makeUsers(2);
      const request = await api.post("/api/friends/request", { token: alice.token, body: { receiver_id: bob.user.id } });
      assert.equal(request.status, 201, request.text);
      const id = request.body.request.id;
      const [accepted, cancelled] = await Promise.all([
        api.post(`/api/friends/request/${id}/accept`, { token: bob.token }),
        api.post(`/api/friends/request/${id}/cancel`, { token: alice.token }),
      ]);
      assert.deepEqual([accepted.status, cancelled.status].sort(), [200, 409], `accept ${accepted.status}, cancel ${cancelled.status}`);
      const status = (await db.one<{ status: string }>("SELECT status FROM friend_requests WHERE id = ?", id))!.status;
      const friends = await db.count("friends WHERE user_id_1 = ? AND user_id_2 = ?", Math.min(alice.user.id, bob.user.id), Math.max(alice.user.id, bob.user.id));
      assert.deepEqual({ status, friends }, accepted.status === 200 ? { status: "accepted", friends: 1 } : { status: "cancelled", friends: 0 });
    }
  });

  it("read positions marked at once only move forward", async () => {
    const community = await world.makeCommunity();
    const reader = await world.makeMember(community);
    const older = await world.postMessage(community.owner, community.general, "older");
    const newest = await world.postMessage(community.owner, community.general, "newest");
    const marks = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.post("/api/messages/read", { token: reader.token, body: { channel_id: community.general, message_id: i % 2 ? older.id : newest.id } }),
      ),
    );
    assert.deepEqual(statusesOf(marks), [200]);
    const state = await db.one<{ last_read_message_id: number }>(
      "SELECT last_read_message_id FROM channel_read_states WHERE user_id = ? AND channel_id = ?",
      reader.user.id,
      community.general,
    );
    assert.equal(state!.last_read_message_id, newest.id);
  });

  it("sends racing the deletion of their channel get 201 or 404, never a 500", async () => {
    const community = await world.makeCommunity();
    const channel = await world.makeChannel(community.owner, community.id);
    const sends = Array.from({ length: 30 }, (_, i) =>
      api.post("/api/messages/send", { token: community.owner.token, body: { channel_id: channel.id, content: `racing ${i}` } }),
    );
    const deleted = api.request("DELETE", `/api/channels/${channel.id}`, { token: community.owner.token });
    const responses = await Promise.all(sends);
    assert.equal((await deleted).status, 200);
    for (const response of responses) assert.ok([201, 404].includes(response.status), `${response.status} ${response.text}`);
    assert.equal(await db.count("messages WHERE channel_id = ?", channel.id), 0, "the channel's messages went with it");
  });
});
