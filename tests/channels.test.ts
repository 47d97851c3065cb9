import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { uniqueName, type ApiResponse, type TestUser } from "./helpers/api";
import { assertError, MISSING_ID, useServer } from "./helpers/world";

const { api, db, makeUsers, joinCommunity, setRole, makeChannel, postMessage } = useServer();

function listChannels(user: TestUser, communityId: number) {
  return api.get(`/api/channels/communities/${communityId}/channels`, { token: user.token });
}

async function channelIds(user: TestUser, communityId: number): Promise<number[]> {
  const response = await listChannels(user, communityId);
  assert.equal(response.status, 200, response.text);
  return response.body.map((channel: any) => channel.id);
}

function send(user: TestUser, channelId: number, content = "hello") {
  return api.post("/api/messages/send", { token: user.token, body: { channel_id: channelId, content } });
}

/** Sends; resolves with the new message's id. */
const post = async (user: TestUser, channelId: number, content = "hello") => (await postMessage(user, channelId, content)).id;

/** Owner, admin, plain member and outsider around a fresh community with its #general channel. */
async function community() {
  const [owner, admin, member, outsider] = await makeUsers(4);
  const created = await api.post("/api/channels/communities", { token: owner.token, body: { name: uniqueName("Guild") } });
  assert.equal(created.status, 201, created.text);
  const id: number = created.body.id;
  await joinCommunity(admin, id);
  await joinCommunity(member, id);
  await setRole(owner, id, admin, "admin");
  const general = (await listChannels(owner, id)).body[0];
  assert.equal(general.name, "general");
  return { owner, admin, member, outsider, communityId: id, general };
}

describe("authentication", () => {
  const routes: [string, string][] = [
    ["GET", "/api/channels/communities/1/channels"],
    ["POST", "/api/channels/communities/1/channels"],
    ["GET", "/api/channels/1"],
    ["PATCH", "/api/channels/1"],
    ["DELETE", "/api/channels/1"],
    ["POST", "/api/channels/1/join"],
    ["POST", "/api/channels/1/leave"],
    ["GET", "/api/channels/1/members"],
    ["POST", "/api/channels/1/members"],
    ["DELETE", "/api/channels/1/members/1"],
  ];
  for (const [method, path] of routes) {
    it(`${method} ${path} answers 401 without credentials`, async () => {
      const response = await api.request(method, path, { body: method === "GET" || method === "DELETE" ? undefined : {} });
      assertError(response, 401, "unauthorized");
    });
  }
});

describe("POST /api/channels/communities/{id}/channels", () => {
  it("lets the owner and an admin create channels, text by default, each after the last", async () => {
    const { owner, admin, communityId, general } = await community();
    const first = await api.post(`/api/channels/communities/${communityId}/channels`, { token: owner.token, body: { name: "  random  " } });
    assert.equal(first.status, 201);
    assert.equal(first.body.name, "random");
    assert.equal(first.body.type, "text");
    assert.equal(first.body.description, null);
    assert.equal(first.body.community_id, communityId);
    assert.ok(first.body.position > general.position);

    const second = await api.post(`/api/channels/communities/${communityId}/channels`, {
      token: admin.token,
      body: { name: "news", type: "announcement", description: "Read me" },
    });
    assert.equal(second.status, 201);
    assert.equal(second.body.type, "announcement");
    assert.equal(second.body.description, "Read me");
    assert.ok(second.body.position > first.body.position);

    assert.deepEqual(await channelIds(owner, communityId), [general.id, first.body.id, second.body.id]);
  });

  it("refuses a plain member with 403 and an outsider with 404, creating nothing", async () => {
    const { owner, member, outsider, communityId } = await community();
    const before = await db.count("channels WHERE community_id = ?", communityId);
    const path = `/api/channels/communities/${communityId}/channels`;
    assertError(await api.post(path, { token: member.token, body: { name: "mine" } }), 403, "forbidden");
    assertError(await api.post(path, { token: outsider.token, body: { name: "mine" } }), 404, "not_found");
    assertError(await api.post(`/api/channels/communities/${MISSING_ID}/channels`, { token: owner.token, body: { name: "x" } }), 404, "not_found");
    assert.equal(await db.count("channels WHERE community_id = ?", communityId), before);
  });

  it("names text, announcement and private channels as Discord does (lowercase, spaces as hyphens) and keeps a voice channel's name", async () => {
    const { owner, communityId } = await community();
    const create = (body: object) => api.post(`/api/channels/communities/${communityId}/channels`, { token: owner.token, body });
    assert.equal((await create({ name: "Game  Night" })).body.name, "game-night");
    assert.equal((await create({ name: "Team News", type: "announcement" })).body.name, "team-news");
    assert.equal((await create({ name: "Staff Only", type: "private" })).body.name, "staff-only");
    assert.equal((await create({ name: "Voice Lounge", type: "voice" })).body.name, "Voice Lounge");
  });

  const invalid: [string, Record<string, unknown>][] = [
    ["a blank name", { name: "  " }],
    ["a name over 100 characters", { name: "n".repeat(101) }],
    ["an unknown type", { name: "x", type: "stage" }],
    ["a community_id field", { name: "x", community_id: 1 }],
    ["a position field", { name: "x", position: 0 }],
  ];
  describe("input validation", () => {
    // Refused requests change nothing, so these share one community.
    let fixture: Awaited<ReturnType<typeof community>>;
    before(async () => {
      fixture = await community();
    });
    for (const [what, body] of invalid) {
      it(`returns 400 for ${what}`, async () => {
        const { owner, communityId } = fixture;
        assertError(await api.post(`/api/channels/communities/${communityId}/channels`, { token: owner.token, body }), 400, "invalid_request");
        assert.equal(await db.count("channels WHERE community_id = ?", communityId), 1);
      });
    }
  });
});

describe("GET /api/channels/communities/{id}/channels", () => {
  it("lists the community's channels in sidebar order with read state", async () => {
    const { owner, member, communityId, general } = await community();
    const a = await makeChannel(owner, communityId, { name: "a" });
    const b = await makeChannel(owner, communityId, { name: "b", type: "voice" });
    const response = await listChannels(member, communityId);
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.map((c: any) => c.id), [general.id, a.id, b.id]);
    // #general holds only the join messages: the admin's, from before the member joined, and the member's own.
    const joined = await db.one<{ id: number }>("SELECT id FROM messages WHERE channel_id = ? AND sender_id = ? AND message_type = 'system'", general.id, member.user.id);
    for (const channel of response.body) {
      assert.equal(channel.unread_count, 0);
      assert.equal(channel.last_message_id, channel.id === general.id ? joined?.id : null);
      assert.equal(channel.community_id, communityId);
    }
  });

  it("returns 404 to a non-member and for a missing community", async () => {
    const { outsider, communityId } = await community();
    assertError(await listChannels(outsider, communityId), 404, "not_found");
    assertError(await listChannels(outsider, MISSING_ID), 404, "not_found");
  });

  it("counts unread messages from others, not the caller's own, until they are marked read", async () => {
    const { owner, member, communityId, general } = await community();
    const unread = async (user: TestUser) => (await listChannels(user, communityId)).body.find((c: any) => c.id === general.id);

    const ownerMessages = [await post(owner, general.id, "one"), await post(owner, general.id, "two"), await post(owner, general.id, "three")];
    let state = await unread(member);
    assert.equal(state.unread_count, 3);
    assert.equal(state.last_message_id, ownerMessages[2]);

    const own = await post(member, general.id, "mine");
    state = await unread(member);
    assert.equal(state.unread_count, 3, "the caller's own message does not count");
    assert.equal(state.last_message_id, own);
    const ownerState = await unread(owner);
    assert.equal(ownerState.unread_count, 3, "the owner sees the member's message (and the admin's and the member's join messages) as unread, not their own");
    assert.equal(ownerState.last_message_id, own);

    const read = await api.post("/api/messages/read", { token: member.token, body: { channel_id: general.id } });
    assert.equal(read.status, 200);
    assert.deepEqual(read.body, { channel_id: general.id, last_read_message_id: own, unread_count: 0 });
    assert.equal((await unread(member)).unread_count, 0);
    const single = await api.get(`/api/channels/${general.id}`, { token: member.token });
    assert.equal(single.body.unread_count, 0);
    assert.equal(single.body.last_message_id, own);

    const later = await post(owner, general.id, "four");
    state = await unread(member);
    assert.equal(state.unread_count, 1);
    assert.equal(state.last_message_id, later);
  });

  it("never moves the read position backwards", async () => {
    const { owner, member, general } = await community();
    const first = await post(owner, general.id, "one");
    const second = await post(owner, general.id, "two");
    const toLatest = await api.post("/api/messages/read", { token: member.token, body: { channel_id: general.id, message_id: second } });
    assert.equal(toLatest.body.last_read_message_id, second);
    const back = await api.post("/api/messages/read", { token: member.token, body: { channel_id: general.id, message_id: first } });
    assert.equal(back.status, 200);
    assert.equal(back.body.last_read_message_id, second);
    assert.equal(back.body.unread_count, 0);
    const state = await api.get(`/api/channels/${general.id}`, { token: member.token });
    assert.equal(state.body.unread_count, 0);
  });
});

describe("GET /api/channels/{id}", () => {
  it("shows a member the channel with its read state", async () => {
    const { member, owner, general, communityId } = await community();
    const messageId = await post(owner, general.id);
    const response = await api.get(`/api/channels/${general.id}`, { token: member.token });
    assert.equal(response.status, 200);
    assert.equal(response.body.id, general.id);
    assert.equal(response.body.name, "general");
    assert.equal(response.body.type, "text");
    assert.equal(response.body.community_id, communityId);
    assert.equal(response.body.last_message_id, messageId);
    assert.equal(response.body.unread_count, 1);
  });

  it("answers an outsider with the same 404 as a missing channel, and 400 for a malformed id", async () => {
    const { outsider, general } = await community();
    const hidden = await api.get(`/api/channels/${general.id}`, { token: outsider.token });
    const missing = await api.get(`/api/channels/${MISSING_ID}`, { token: outsider.token });
    assertError(hidden, 404, "not_found");
    assert.deepEqual(hidden.body, missing.body);
    assertError(await api.get("/api/channels/1.5", { token: outsider.token }), 400, "invalid_request");
  });
});

describe("PATCH /api/channels/{id}", () => {
  it("formats a new name for the channel's type, and a voice channel's name when it becomes a text channel", async () => {
    const { owner, communityId } = await community();
    const text = await makeChannel(owner, communityId, { name: "plain" });
    const renamed = await api.request("PATCH", `/api/channels/${text.id}`, { token: owner.token, body: { name: "Movie Night" } });
    assert.equal(renamed.body.name, "movie-night");
    const voice = await makeChannel(owner, communityId, { name: "Hang Out", type: "voice" });
    assert.equal(voice.name, "Hang Out");
    const toText = await api.request("PATCH", `/api/channels/${voice.id}`, { token: owner.token, body: { type: "text" } });
    assert.equal(toText.body.name, "hang-out");
  });
  it("lets the owner change name and description, and an admin position and type", async () => {
    const { owner, admin, member, communityId } = await community();
    const channel = await makeChannel(owner, communityId, { name: "old", description: "first" });
    const byOwner = await api.request("PATCH", `/api/channels/${channel.id}`, { token: owner.token, body: { name: "  new  ", description: "second" } });
    assert.equal(byOwner.status, 200);
    assert.equal(byOwner.body.name, "new");
    assert.equal(byOwner.body.description, "second");
    assert.equal(byOwner.body.type, "text");

    const byAdmin = await api.request("PATCH", `/api/channels/${channel.id}`, { token: admin.token, body: { position: 42, type: "announcement" } });
    assert.equal(byAdmin.status, 200);
    assert.equal(byAdmin.body.position, 42);
    assert.equal(byAdmin.body.type, "announcement");
    assert.equal(byAdmin.body.name, "new", "fields not sent are kept");

    const seen = await api.get(`/api/channels/${channel.id}`, { token: member.token });
    assert.equal(seen.body.name, "new");
    assert.equal(seen.body.type, "announcement");
    assert.equal(seen.body.position, 42);
    assertError(await send(member, channel.id), 403, "forbidden");
  });

  it("clears the description with null", async () => {
    const { owner, communityId } = await community();
    const channel = await makeChannel(owner, communityId, { name: "c", description: "words" });
    const response = await api.request("PATCH", `/api/channels/${channel.id}`, { token: owner.token, body: { description: null } });
    assert.equal(response.status, 200);
    assert.equal(response.body.description, null);
  });

  it("refuses a plain member with 403 and an outsider with 404, changing nothing", async () => {
    const { owner, member, outsider, general } = await community();
    assertError(await api.request("PATCH", `/api/channels/${general.id}`, { token: member.token, body: { name: "mine" } }), 403, "forbidden");
    assertError(await api.request("PATCH", `/api/channels/${general.id}`, { token: outsider.token, body: { name: "mine" } }), 404, "not_found");
    assert.equal((await api.get(`/api/channels/${general.id}`, { token: owner.token })).body.name, "general");
  });

  const invalid: [string, Record<string, unknown>][] = [
    ["an empty body", {}],
    ["a negative position", { position: -1 }],
    ["an unknown type", { type: "video" }],
    ["a community_id field", { community_id: 1 }],
  ];
  describe("input validation", () => {
    let fixture: Awaited<ReturnType<typeof community>>;
    before(async () => {
      fixture = await community();
    });
    for (const [what, body] of invalid) {
      it(`returns 400 for ${what}`, async () => {
        const { owner, general, communityId } = fixture;
        assertError(await api.request("PATCH", `/api/channels/${general.id}`, { token: owner.token, body }), 400, "invalid_request");
        const stored = await api.get(`/api/channels/${general.id}`, { token: owner.token });
        assert.equal(stored.body.community_id, communityId);
        assert.equal(stored.body.type, "text");
        assert.equal(stored.body.name, "general");
        assert.equal(stored.body.position, general.position);
      });
    }
  });
});

describe("DELETE /api/channels/{id}", () => {
  it("lets an admin delete a channel with its messages", async () => {
    const { owner, admin, member, communityId } = await community();
    const channel = await makeChannel(owner, communityId, { name: "doomed" });
    await post(owner, channel.id);
    await post(member, channel.id);
    assert.equal(await db.count("messages WHERE channel_id = ?", channel.id), 2);

    const response = await api.request("DELETE", `/api/channels/${channel.id}`, { token: admin.token });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { id: channel.id });
    assert.equal(await db.count("channels WHERE id = ?", channel.id), 0);
    assert.equal(await db.count("messages WHERE channel_id = ?", channel.id), 0);
    assert.equal(await db.count("channel_read_states WHERE channel_id = ?", channel.id), 0);
    assertError(await api.get(`/api/channels/${channel.id}`, { token: owner.token }), 404, "not_found");
    assert.ok(!(await channelIds(member, communityId)).includes(channel.id));
  });

  it("lets the owner delete a channel", async () => {
    const { owner, communityId } = await community();
    const channel = await makeChannel(owner, communityId, { name: "doomed", type: "private" });
    await post(owner, channel.id);
    assert.equal((await api.request("DELETE", `/api/channels/${channel.id}`, { token: owner.token })).status, 200);
    assert.equal(await db.count("messages WHERE channel_id = ?", channel.id), 0);
    assert.equal(await db.count("channel_members WHERE channel_id = ?", channel.id), 0);
  });

  it("refuses a plain member with 403 and an outsider with 404", async () => {
    const { owner, member, outsider, general } = await community();
    await post(owner, general.id);
    assertError(await api.request("DELETE", `/api/channels/${general.id}`, { token: member.token }), 403, "forbidden");
    assertError(await api.request("DELETE", `/api/channels/${general.id}`, { token: outsider.token }), 404, "not_found");
    assert.equal(await db.count("channels WHERE id = ?", general.id), 1);
    assert.equal(await db.count("messages WHERE channel_id = ? AND message_type <> 'system'", general.id), 1);
  });
});

describe("POST /api/channels/{id}/join and /leave (open channels)", () => {
  it("lets a member join and leave an open channel, which stays readable", async () => {
    const { member, general } = await community();
    const joined = await api.post(`/api/channels/${general.id}/join`, { token: member.token });
    assert.equal(joined.status, 200);
    assert.equal(joined.body.id, general.id);
    assert.equal(joined.body.name, "general");
    const left = await api.post(`/api/channels/${general.id}/leave`, { token: member.token });
    assert.equal(left.status, 200);
    assert.deepEqual(left.body, { ok: true });
    assert.equal((await api.get(`/api/channels/${general.id}`, { token: member.token })).status, 200);
  });

  it("returns 404 to an outsider", async () => {
    const { outsider, general } = await community();
    assertError(await api.post(`/api/channels/${general.id}/join`, { token: outsider.token }), 404, "not_found");
    assertError(await api.post(`/api/channels/${general.id}/leave`, { token: outsider.token }), 404, "not_found");
  });
});

describe("GET /api/channels/{id}/members", () => {
  it("lists every community member for an open channel", async () => {
    const { owner, admin, member, general } = await community();
    const response = await api.get(`/api/channels/${general.id}/members`, { token: member.token });
    assert.equal(response.status, 200);
    assert.deepEqual(
      response.body.map((m: any) => [m.id, m.role]),
      [[owner.user.id, "owner"], [admin.user.id, "admin"], [member.user.id, "member"]],
    );
    assert.doesNotMatch(response.text, /email/i);
  });

  it("paginates", async () => {
    const { owner, admin, general } = await community();
    const page = await api.get(`/api/channels/${general.id}/members?limit=1&offset=1`, { token: owner.token });
    assert.equal(page.status, 200);
    assert.deepEqual(page.body.map((m: any) => m.id), [admin.user.id]);
  });
});

describe("private channels", () => {
  /** An admin creates a private channel; `member` is a plain member who was never added. */
  async function privateChannel() {
    const base = await community();
    const [admin2, guest] = await makeUsers(2);
    await joinCommunity(admin2, base.communityId);
    await joinCommunity(guest, base.communityId);
    await setRole(base.owner, base.communityId, admin2, "admin");
    const channel = await makeChannel(base.admin, base.communityId, { name: "secret", type: "private" });
    return { ...base, admin2, guest, channel };
  }

  function addToChannel(actor: TestUser, channelId: number, body: Record<string, unknown>) {
    return api.post(`/api/channels/${channelId}/members`, { token: actor.token, body });
  }

  /** Every channel-scoped route with the channel id in its path, as the given user. */
  function pathRoutes(user: TestUser, channelId: number, otherUserId: number) {
    return [
      ["GET /api/channels/{id}", () => api.get(`/api/channels/${channelId}`, { token: user.token })],
      ["GET /api/messages/channel/{id}", () => api.get(`/api/messages/channel/${channelId}`, { token: user.token })],
      ["POST /api/channels/{id}/join", () => api.post(`/api/channels/${channelId}/join`, { token: user.token })],
      ["POST /api/channels/{id}/leave", () => api.post(`/api/channels/${channelId}/leave`, { token: user.token })],
      ["GET /api/channels/{id}/members", () => api.get(`/api/channels/${channelId}/members`, { token: user.token })],
      ["POST /api/channels/{id}/members", () => api.post(`/api/channels/${channelId}/members`, { token: user.token, body: { user_id: otherUserId } })],
      ["DELETE /api/channels/{id}/members/{user_id}", () => api.request("DELETE", `/api/channels/${channelId}/members/${otherUserId}`, { token: user.token })],
      ["PATCH /api/channels/{id}", () => api.request("PATCH", `/api/channels/${channelId}`, { token: user.token, body: { name: "x" } })],
      ["DELETE /api/channels/{id}", () => api.request("DELETE", `/api/channels/${channelId}`, { token: user.token })],
    ] as const;
  }

  async function assertSameAsMissing(label: string, hidden: () => Promise<ApiResponse>, missing: () => Promise<ApiResponse>) {
    const [a, b] = [await hidden(), await missing()];
    assertError(a, 404, "not_found");
    assert.deepEqual({ status: a.status, body: a.body }, { status: b.status, body: b.body }, `${label}: hidden and missing channels answer alike`);
  }

  it("records the creator as a member", async () => {
    const { admin, channel } = await privateChannel();
    assert.equal(await db.count("channel_members WHERE channel_id = ? AND user_id = ?", channel.id, admin.user.id), 1);
  });

  it("answers a plain member who was not added exactly as a missing channel, on every channel route", async () => {
    const { member, guest, channel, owner } = await privateChannel();
    await post(owner, channel.id, "top secret");
    const hiddenRoutes = pathRoutes(member, channel.id, guest.user.id);
    const missingRoutes = pathRoutes(member, MISSING_ID, guest.user.id);
    for (let i = 0; i < hiddenRoutes.length; i++) {
      await assertSameAsMissing(hiddenRoutes[i][0], hiddenRoutes[i][1], missingRoutes[i][1]);
    }
    assert.equal(await db.count("channel_members WHERE channel_id = ? AND user_id = ?", channel.id, member.user.id), 0, "join recorded nothing");
    assert.equal(await db.count("channels WHERE id = ? AND name = 'secret'", channel.id), 1, "PATCH and DELETE changed nothing");
  });

  it("answers sending in it exactly as a missing channel, storing nothing", async () => {
    const { member, channel } = await privateChannel();
    await assertSameAsMissing(
      "POST /api/messages/send",
      () => send(member, channel.id, "sneaky"),
      () => send(member, MISSING_ID, "sneaky"),
    );
    assert.equal(await db.count("messages WHERE channel_id = ?", channel.id), 0);
  });

  it("answers marking it read exactly as a missing channel, storing nothing", async () => {
    const { member, channel, owner } = await privateChannel();
    await post(owner, channel.id, "secret");
    await assertSameAsMissing(
      "POST /api/messages/read",
      () => api.post("/api/messages/read", { token: member.token, body: { channel_id: channel.id } }),
      () => api.post("/api/messages/read", { token: member.token, body: { channel_id: MISSING_ID } }),
    );
    assert.equal(await db.count("channel_read_states WHERE channel_id = ? AND user_id = ?", channel.id, member.user.id), 0);
  });

  it("is absent from a plain member's channel list and present for its creator, the owner and admins", async () => {
    const { owner, admin, admin2, member, communityId, channel, general } = await privateChannel();
    await post(owner, channel.id, "secret");
    assert.deepEqual(await channelIds(member, communityId), [general.id]);
    for (const user of [owner, admin, admin2]) {
      const list = await listChannels(user, communityId);
      const entry = list.body.find((c: any) => c.id === channel.id);
      assert.ok(entry, `${user.user.username} sees the private channel`);
      assert.equal(entry.type, "private");
      assert.equal((await api.get(`/api/channels/${channel.id}`, { token: user.token })).status, 200);
      assert.equal((await api.get(`/api/messages/channel/${channel.id}`, { token: user.token })).status, 200);
    }
    assert.equal((await send(admin2, channel.id, "admins can post")).status, 201);
  });

  it("stays visible to its creator after the creator stops being an admin", async () => {
    const { owner, admin, communityId, channel } = await privateChannel();
    await setRole(owner, communityId, admin, "member");
    assert.equal((await api.get(`/api/channels/${channel.id}`, { token: admin.token })).status, 200);
    assert.ok((await channelIds(admin, communityId)).includes(channel.id));
  });

  it("is hidden again from an admin who is demoted without being a channel member", async () => {
    const { owner, admin2, communityId, channel } = await privateChannel();
    assert.equal((await api.get(`/api/channels/${channel.id}`, { token: admin2.token })).status, 200);
    await setRole(owner, communityId, admin2, "member");
    assertError(await api.get(`/api/channels/${channel.id}`, { token: admin2.token }), 404, "not_found");
    assert.ok(!(await channelIds(admin2, communityId)).includes(channel.id));
  });

  it("becomes visible to members added with POST /api/channels/{id}/members, by user_id or username", async () => {
    const { owner, admin, member, guest, communityId, channel } = await privateChannel();
    const byId = await addToChannel(admin, channel.id, { user_id: guest.user.id });
    assert.equal(byId.status, 201);
    assert.equal(byId.body.id, guest.user.id);
    assert.equal(byId.body.role, "member");
    assert.ok(!("email" in byId.body));
    const byName = await addToChannel(owner, channel.id, { username: member.user.username });
    assert.equal(byName.status, 201);
    assert.equal(byName.body.id, member.user.id);

    for (const user of [guest, member]) {
      assert.equal((await api.get(`/api/channels/${channel.id}`, { token: user.token })).status, 200);
      assert.ok((await channelIds(user, communityId)).includes(channel.id));
      assert.equal((await api.get(`/api/messages/channel/${channel.id}`, { token: user.token })).status, 200);
      assert.equal((await send(user, channel.id, "I am in")).status, 201);
    }
    const members = await api.get(`/api/channels/${channel.id}/members`, { token: guest.token });
    assert.equal(members.status, 200);
    assert.ok(members.body.some((m: any) => m.id === guest.user.id));
    assert.ok(members.body.some((m: any) => m.id === member.user.id));
  });

  it("lists as its members the owner, the admins and those added, not other members", async () => {
    const { owner, admin, admin2, member, guest, channel } = await privateChannel();
    assert.equal((await addToChannel(owner, channel.id, { user_id: guest.user.id })).status, 201);
    const response = await api.get(`/api/channels/${channel.id}/members`, { token: owner.token });
    assert.equal(response.status, 200);
    const ids = response.body.map((m: any) => m.id).sort();
    assert.deepEqual(ids, [owner.user.id, admin.user.id, admin2.user.id, guest.user.id].sort());
    assert.ok(!ids.includes(member.user.id));
  });

  it("refuses to add a member twice (409), a non-community user (404), and lets only owners and admins add (403)", async () => {
    const { owner, member, guest, outsider, channel } = await privateChannel();
    assert.equal((await addToChannel(owner, channel.id, { user_id: guest.user.id })).status, 201);
    assertError(await addToChannel(owner, channel.id, { user_id: guest.user.id }), 409, "conflict");
    assertError(await addToChannel(owner, channel.id, { user_id: outsider.user.id }), 404, "not_found");
    assertError(await addToChannel(owner, channel.id, { username: uniqueName("ghost") }), 404, "not_found");
    assertError(await addToChannel(guest, channel.id, { user_id: member.user.id }), 403, "forbidden");
    assertError(await addToChannel(owner, channel.id, {}), 400, "invalid_request");
    assertError(await api.get(`/api/channels/${channel.id}`, { token: member.token }), 404, "not_found");
    assert.equal(await db.count("channel_members WHERE channel_id = ? AND user_id = ?", channel.id, outsider.user.id), 0);
  });

  it("refuses a member list of its own on an open channel (400)", async () => {
    const { owner, member, general } = await privateChannel();
    assertError(await addToChannel(owner, general.id, { user_id: member.user.id }), 400, "invalid_request");
  });

  it("takes access away when a member is removed with DELETE /api/channels/{id}/members/{user_id}", async () => {
    const { owner, admin, guest, communityId, channel } = await privateChannel();
    assert.equal((await addToChannel(owner, channel.id, { user_id: guest.user.id })).status, 201);
    assert.equal((await api.get(`/api/channels/${channel.id}`, { token: guest.token })).status, 200);

    assertError(await api.request("DELETE", `/api/channels/${channel.id}/members/${admin.user.id}`, { token: guest.token }), 403, "forbidden");
    const removed = await api.request("DELETE", `/api/channels/${channel.id}/members/${guest.user.id}`, { token: admin.token });
    assert.equal(removed.status, 200);
    assert.deepEqual(removed.body, { ok: true });

    const hidden = await api.get(`/api/channels/${channel.id}`, { token: guest.token });
    const missing = await api.get(`/api/channels/${MISSING_ID}`, { token: guest.token });
    assertError(hidden, 404, "not_found");
    assert.deepEqual(hidden.body, missing.body);
    assert.ok(!(await channelIds(guest, communityId)).includes(channel.id));
    assertError(await api.get(`/api/messages/channel/${channel.id}`, { token: guest.token }), 404, "not_found");
    assertError(await api.request("DELETE", `/api/channels/${channel.id}/members/${guest.user.id}`, { token: admin.token }), 404, "not_found");
  });

  it("is left with POST leave by a channel member, who can then no longer see or rejoin it", async () => {
    const { owner, guest, communityId, channel } = await privateChannel();
    assert.equal((await addToChannel(owner, channel.id, { user_id: guest.user.id })).status, 201);
    const left = await api.post(`/api/channels/${channel.id}/leave`, { token: guest.token });
    assert.equal(left.status, 200);
    assert.equal(await db.count("channel_members WHERE channel_id = ? AND user_id = ?", channel.id, guest.user.id), 0);
    assertError(await api.get(`/api/channels/${channel.id}`, { token: guest.token }), 404, "not_found");
    assert.ok(!(await channelIds(guest, communityId)).includes(channel.id));
    assertError(await api.post(`/api/channels/${channel.id}/join`, { token: guest.token }), 404, "not_found");
    assertError(await api.post(`/api/channels/${channel.id}/leave`, { token: guest.token }), 404, "not_found");
  });

  it("is joined by an admin as a member, whose access then outlives the admin role until they leave", async () => {
    const { owner, admin2, communityId, channel } = await privateChannel();
    const joined = await api.post(`/api/channels/${channel.id}/join`, { token: admin2.token });
    assert.equal(joined.status, 200);
    assert.equal(joined.body.id, channel.id);
    assert.equal(await db.count("channel_members WHERE channel_id = ? AND user_id = ?", channel.id, admin2.user.id), 1);
    await setRole(owner, communityId, admin2, "member");
    assert.equal((await api.get(`/api/channels/${channel.id}`, { token: admin2.token })).status, 200);
    assert.equal((await api.post(`/api/channels/${channel.id}/leave`, { token: admin2.token })).status, 200);
    assertError(await api.get(`/api/channels/${channel.id}`, { token: admin2.token }), 404, "not_found");
  });

  it("is not regained by a member who was kicked from the community and rejoined", async () => {
    const { owner, guest, communityId, channel } = await privateChannel();
    assert.equal((await addToChannel(owner, channel.id, { user_id: guest.user.id })).status, 201);
    const kicked = await api.request("DELETE", `/api/channels/communities/${communityId}/members/${guest.user.id}`, { token: owner.token });
    assert.equal(kicked.status, 200);
    assertError(await api.get(`/api/channels/${channel.id}`, { token: guest.token }), 404, "not_found");
    await joinCommunity(guest, communityId);
    assertError(await api.get(`/api/channels/${channel.id}`, { token: guest.token }), 404, "not_found");
  });
});

describe("announcement channels", () => {
  it("let members read but only the owner and admins post", async () => {
    const { owner, admin, member, communityId } = await community();
    const channel = await makeChannel(owner, communityId, { name: "news", type: "announcement" });
    const byOwner = await send(owner, channel.id, "From the owner");
    assert.equal(byOwner.status, 201);
    assert.equal((await send(admin, channel.id, "From an admin")).status, 201);

    assertError(await send(member, channel.id, "From a member"), 403, "forbidden");
    assert.equal(await db.count("messages WHERE channel_id = ? AND sender_id = ?", channel.id, member.user.id), 0);

    const read = await api.get(`/api/messages/channel/${channel.id}`, { token: member.token });
    assert.equal(read.status, 200);
    assert.deepEqual(read.body.map((m: any) => m.content), ["From the owner", "From an admin"]);
    const listed = (await listChannels(member, communityId)).body.find((c: any) => c.id === channel.id);
    assert.equal(listed.unread_count, 2);
  });
});

describe("voice channels", () => {
  it("refuse text messages with 400 voice_channel, for members and the owner alike", async () => {
    const { owner, admin, member, communityId } = await community();
    const channel = await makeChannel(owner, communityId, { name: "Lounge", type: "voice" });
    for (const user of [member, admin, owner]) {
      assertError(await send(user, channel.id, "can you hear me"), 400, "voice_channel");
    }
    assert.equal(await db.count("messages WHERE channel_id = ?", channel.id), 0);
    assert.equal((await api.get(`/api/channels/${channel.id}`, { token: member.token })).status, 200, "members can still see it");
  });
});
