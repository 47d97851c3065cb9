import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import type { ChannelWithReadState, Message, NotificationSetting, UnreadSummary } from "../lib/api/entities";
import type { TestUser } from "./helpers/api";
import { once } from "./helpers/events";
import { connectSocket } from "./helpers/socket";
import { TINY_PNG, upload } from "./helpers/uploads";
import { assertError, expectStatus, MISSING_ID, useServer, type TestCommunity } from "./helpers/world";

// Mentions (`<@id>`, `@everyone`, `@here`), the unread mention counts of the channel list and the
// rail, the mentions inbox, and notification settings. Issue 15.

// Registered before useServer's, so this runs first: a cluster's nodes stop only once their clients have gone.
const sockets: { close(): void }[] = [];
after(() => sockets.forEach((socket) => socket.close()));

const world = useServer();
const { api, makeCommunity, makeMember, makeChannel, setRole, postMessage } = world;

const mention = (user: TestUser) => `<@${user.user.id}>`;

async function channelOf(user: TestUser, community: TestCommunity, channelId = community.general): Promise<ChannelWithReadState> {
  const list = await expectStatus(api.get(`/api/channels/communities/${community.id}/channels`, { token: user.token }), 200, "list channels");
  const channel = (list.body as ChannelWithReadState[]).find((c) => c.id === channelId);
  assert.ok(channel, `channel ${channelId} not in ${list.text}`);
  return channel;
}

const mentionCount = async (user: TestUser, community: TestCommunity, channelId = community.general) => (await channelOf(user, community, channelId)).mention_count;

async function railOf(user: TestUser, channelId: number) {
  const summary = (await expectStatus(api.get("/api/users/me/unread", { token: user.token }), 200, "unread summary")).body as UnreadSummary;
  const channel = summary.channels.find((c) => c.channel_id === channelId);
  assert.ok(channel, `channel ${channelId} not on the rail`);
  return { unread_count: channel.unread_count, mention_count: channel.mention_count };
}

async function inbox(user: TestUser, query = ""): Promise<Message[]> {
  return (await expectStatus(api.get(`/api/users/me/mentions${query}`, { token: user.token }), 200, "mentions inbox")).body;
}

const markRead = (user: TestUser, channelId: number) => expectStatus(api.post("/api/messages/read", { token: user.token, body: { channel_id: channelId } }), 200, "mark read");

async function withAdmin(community: TestCommunity): Promise<TestUser> {
  const admin = await makeMember(community);
  await setRole(community.owner, community.id, admin, "admin");
  return admin;
}

describe("mentions in messages", () => {
  it("records <@id> tokens of existing users, deduplicated, in order, on send, in history and in message_sent", async () => {
    const community = await makeCommunity();
    const [alice, bob] = [await makeMember(community), await makeMember(community)];
    const socket = await connectSocket(world.server.url, { token: bob.token });
    sockets.push(socket);
    const delivered = once<Message>(socket, "message_sent");

    const content = `hi ${mention(bob)} and ${mention(alice)}, ${mention(bob)} again, <@${MISSING_ID}> is nobody, <@0> neither`;
    const sent = await postMessage(community.owner, community.general, content);
    assert.deepEqual(sent.mentions, [bob.user.id, alice.user.id]);
    assert.equal(sent.mention_everyone, false);
    assert.equal(sent.content, content, "the tokens stay in the content");

    const live = await delivered;
    assert.deepEqual([live.id, live.mentions, live.mention_everyone], [sent.id, sent.mentions, false]);
    const history = await expectStatus(api.get(`/api/messages/channel/${community.general}`, { token: bob.token }), 200, "history");
    const stored = (history.body as Message[]).find((m) => m.id === sent.id);
    assert.deepEqual(stored, sent);
  });

  it("records mentions of a message sent with files, and of a retry by nonce only once", async () => {
    const community = await makeCommunity();
    const reader = await makeMember(community);
    const file = await upload(api, community.owner, TINY_PNG, "dot.png");
    const body = { channel_id: community.general, content: `${mention(reader)} look`, attachment_ids: [file.id], nonce: "mention-retry" };
    const sent = (await expectStatus(api.post("/api/messages/send", { token: community.owner.token, body }), 201, "send with a file")).body as Message;
    assert.deepEqual([sent.mentions, sent.attachments.length], [[reader.user.id], 1]);
    const retried = await expectStatus(api.post("/api/messages/send", { token: community.owner.token, body }), 200, "retry");
    assert.deepEqual(retried.body, sent);
    assert.equal(await mentionCount(reader, community), 1);
  });

  it("leaves a deleted account's token as text", async () => {
    const community = await makeCommunity();
    const gone = await makeMember(community);
    await expectStatus(api.request("DELETE", "/api/users/me", { token: gone.token, body: { password: gone.password } }), 204, "delete account");
    const sent = await postMessage(community.owner, community.general, `bye ${mention(gone)}`);
    assert.deepEqual(sent.mentions, []);
  });

  it("keeps at most 50 distinct users per message", async () => {
    const community = await makeCommunity();
    const users = await Promise.all(Array.from({ length: 52 }, () => makeMember(community)));
    const sent = await postMessage(community.owner, community.general, users.map(mention).join(" "));
    assert.deepEqual(sent.mentions, users.slice(0, 50).map((u) => u.user.id));
  });

  it("makes @everyone and @here inert from a plain member: plain text, nobody counts it", async () => {
    const community = await makeCommunity();
    const [member, reader] = [await makeMember(community), await makeMember(community)];
    const everyone = await postMessage(member, community.general, "@everyone look");
    const here = await postMessage(member, community.general, "@here look");
    assert.equal(everyone.mention_everyone, false);
    assert.equal(here.mention_everyone, false);
    assert.equal(await mentionCount(reader, community), 0);
    assert.equal(await mentionCount(community.owner, community), 0);
    assert.deepEqual(await inbox(reader), []);
  });

  it("counts @everyone (and @here) by an admin or the owner for every reader but the sender", async () => {
    const community = await makeCommunity();
    const admin = await withAdmin(community);
    const [first, second] = [await makeMember(community), await makeMember(community)];
    const byAdmin = await postMessage(admin, community.general, "@everyone meeting at 5");
    const byOwner = await postMessage(community.owner, community.general, "(@here) now");
    const notAWord = await postMessage(community.owner, community.general, "write to team@everyone.example");
    assert.deepEqual([byAdmin.mention_everyone, byOwner.mention_everyone, notAWord.mention_everyone], [true, true, false]);

    assert.equal(await mentionCount(first, community), 2);
    assert.equal(await mentionCount(second, community), 2);
    assert.equal(await mentionCount(admin, community), 1, "not their own");
    assert.equal(await mentionCount(community.owner, community), 1, "not their own");
    assert.deepEqual((await inbox(first)).map((m) => m.id), [byOwner.id, byAdmin.id]);
  });

  it("counts a message that mentions the reader and everyone once", async () => {
    const community = await makeCommunity();
    const reader = await makeMember(community);
    await postMessage(community.owner, community.general, `@everyone and especially ${mention(reader)}`);
    assert.equal(await mentionCount(reader, community), 1);
    assert.equal((await inbox(reader)).length, 1);
  });
});

describe("mention_count", () => {
  it("counts unread mentions of the caller per channel, not their own, and mark-read resets it", async () => {
    const community = await makeCommunity();
    const [reader, other] = [await makeMember(community), await makeMember(community)];
    const random = await makeChannel(community.owner, community.id);
    await postMessage(community.owner, community.general, `${mention(reader)} one`);
    await postMessage(other, community.general, `${mention(reader)} two`);
    await postMessage(other, community.general, `${mention(other)} not the reader`);
    await postMessage(reader, community.general, `${mention(reader)} talking to myself`);
    await postMessage(other, random.id, `${mention(reader)} elsewhere`);

    // Unread: "one", "two", "not the reader", and the system message of "other" joining after the reader.
    const general = await channelOf(reader, community);
    assert.deepEqual([general.unread_count, general.mention_count], [3 + 1, 2]);
    assert.equal(await mentionCount(reader, community, random.id), 1);
    assert.deepEqual(await railOf(reader, community.general), { unread_count: 3 + 1, mention_count: 2 });
    const single = await expectStatus(api.get(`/api/channels/${community.general}`, { token: reader.token }), 200, "get channel");
    assert.equal(single.body.mention_count, 2);

    await markRead(reader, community.general);
    assert.equal(await mentionCount(reader, community), 0);
    assert.equal(await mentionCount(reader, community, random.id), 1, "only the channel marked read");
    const later = await postMessage(other, community.general, `${mention(reader)} three`);
    assert.equal(await mentionCount(reader, community), 1);
    await expectStatus(api.post("/api/messages/unread", { token: reader.token, body: { channel_id: community.general, message_id: later.id } }), 200, "mark unread");
    assert.equal(await mentionCount(reader, community), 1);
  });

  it("does not count mentions from a user the caller blocked, who still appears in mentions", async () => {
    const community = await makeCommunity();
    const [reader, pest] = [await makeMember(community), await makeMember(community)];
    await expectStatus(api.post(`/api/friends/block/${pest.user.id}`, { token: reader.token }), 201, "block");
    const sent = await postMessage(pest, community.general, `${mention(reader)} hey`);
    assert.deepEqual(sent.mentions, [reader.user.id]);
    assert.equal(await mentionCount(reader, community), 0);
    assert.equal((await railOf(reader, community.general)).mention_count, 0);
    assert.deepEqual(await inbox(reader), []);

    await expectStatus(api.post(`/api/friends/unblock/${pest.user.id}`, { token: reader.token }), 200, "unblock");
    assert.equal(await mentionCount(reader, community), 1);
  });

  it("follows edits: a newly added mention counts, a removed one no longer does", async () => {
    const community = await makeCommunity();
    const [author, reader] = [await makeMember(community), await makeMember(community)];
    const socket = await connectSocket(world.server.url, { token: reader.token });
    sockets.push(socket);
    const sent = await postMessage(author, community.general, "plain");
    assert.equal(await mentionCount(reader, community), 0);

    const edited = once<Message>(socket, "message_edited");
    const added = await expectStatus(api.request("PUT", `/api/messages/${sent.id}`, { token: author.token, body: { content: `now ${mention(reader)}` } }), 200, "edit");
    assert.deepEqual(added.body.mentions, [reader.user.id]);
    assert.deepEqual((await edited).mentions, [reader.user.id]);
    assert.equal(await mentionCount(reader, community), 1);
    assert.deepEqual((await inbox(reader)).map((m) => m.id), [sent.id]);

    const removed = await expectStatus(api.request("PUT", `/api/messages/${sent.id}`, { token: author.token, body: { content: "@everyone never mind" } }), 200, "edit again");
    assert.deepEqual([removed.body.mentions, removed.body.mention_everyone], [[], false]);
    assert.equal(await mentionCount(reader, community), 0);
    assert.deepEqual(await inbox(reader), []);
  });
});

describe("GET /api/users/me/mentions", () => {
  it("lists mentions newest first across communities, pages back with before and limit", async () => {
    const [one, two] = [await makeCommunity(), await makeCommunity()];
    const reader = await makeMember(one);
    await world.joinCommunity(reader, two.id);
    const a = await postMessage(one.owner, one.general, `${mention(reader)} a`);
    await postMessage(one.owner, one.general, "no mention");
    const b = await postMessage(two.owner, two.general, `${mention(reader)} b`);
    const c = await postMessage(one.owner, one.general, `${mention(reader)} c`);

    assert.deepEqual((await inbox(reader)).map((m) => m.id), [c.id, b.id, a.id]);
    const page = await inbox(reader, "?limit=2");
    assert.deepEqual(page.map((m) => m.id), [c.id, b.id]);
    assert.deepEqual((await inbox(reader, `?limit=2&before=${b.id}`)).map((m) => m.id), [a.id]);
    assert.deepEqual(page[0], c, "the Message shape");
  });

  it("drops a private channel the caller can no longer read, and a community they left", async () => {
    const community = await makeCommunity();
    const reader = await makeMember(community);
    const secret = await makeChannel(community.owner, community.id, { type: "private" });
    await expectStatus(api.post(`/api/channels/${secret.id}/members`, { token: community.owner.token, body: { user_id: reader.user.id } }), 201, "add to private");
    const inPrivate = await postMessage(community.owner, secret.id, `${mention(reader)} secret`);
    const never = await makeChannel(community.owner, community.id, { type: "private" });
    await postMessage(community.owner, never.id, `${mention(reader)} where the reader never was`);
    const inGeneral = await postMessage(community.owner, community.general, `${mention(reader)} public`);
    assert.deepEqual((await inbox(reader)).map((m) => m.id), [inGeneral.id, inPrivate.id]);

    await expectStatus(api.request("DELETE", `/api/channels/${secret.id}/members/${reader.user.id}`, { token: community.owner.token }), 200, "remove from private");
    assert.deepEqual((await inbox(reader)).map((m) => m.id), [inGeneral.id]);
    await expectStatus(api.post(`/api/channels/communities/${community.id}/leave`, { token: reader.token }), 200, "leave");
    assert.deepEqual(await inbox(reader), []);
  });

  it("refuses a bad limit or before with 400 and answers 401 without credentials", async () => {
    const user = await api.register();
    assertError(await api.get("/api/users/me/mentions?limit=0", { token: user.token }), 400, "invalid_request");
    assertError(await api.get("/api/users/me/mentions?before=abc", { token: user.token }), 400, "invalid_request");
    assertError(await api.get("/api/users/me/mentions"), 401, "unauthorized");
  });
});

describe("notification settings", () => {
  const channelPath = (id: number) => `/api/channels/${id}/notifications`;
  const communityPath = (id: number) => `/api/channels/communities/${id}/notifications`;
  const get = async (user: TestUser, path: string): Promise<NotificationSetting> => (await expectStatus(api.get(path, { token: user.token }), 200, `GET ${path}`)).body;
  const put = async (user: TestUser, path: string, body: Record<string, unknown>): Promise<NotificationSetting> =>
    (await expectStatus(api.request("PUT", path, { token: user.token, body }), 200, `PUT ${path}`)).body;
  const future = () => new Date(Date.now() + 3_600_000).toISOString();

  it("answers the effective setting: the channel's own over the community's over the default", async () => {
    const community = await makeCommunity();
    const user = await makeMember(community);
    const other = await makeChannel(community.owner, community.id);
    assert.deepEqual(await get(user, channelPath(community.general)), { level: "all", muted_until: null, source: "default" });
    assert.deepEqual(await get(user, communityPath(community.id)), { level: "all", muted_until: null, source: "default" });

    const until = future();
    assert.deepEqual(await put(user, communityPath(community.id), { level: "mentions", muted_until: until }), { level: "mentions", muted_until: until, source: "community" });
    assert.deepEqual(await get(user, channelPath(community.general)), { level: "mentions", muted_until: until, source: "community" });

    assert.deepEqual(await put(user, channelPath(community.general), { level: "all" }), { level: "all", muted_until: null, source: "channel" });
    assert.deepEqual(await get(user, channelPath(community.general)), { level: "all", muted_until: null, source: "channel" });
    assert.equal((await get(user, channelPath(other.id))).source, "community");
    assert.deepEqual(await get(community.owner, channelPath(community.general)), { level: "all", muted_until: null, source: "default" }, "settings are per user");
  });

  it("reads a mute that has ended as null", async () => {
    const community = await makeCommunity();
    const user = await makeMember(community);
    const past = new Date(Date.now() - 60_000).toISOString();
    assert.deepEqual(await put(user, channelPath(community.general), { level: "none", muted_until: past }), { level: "none", muted_until: null, source: "channel" });
  });

  it("keeps muted and level none channels off the rail, level mentions adds only mentions; the channel list keeps its counts", async () => {
    const community = await makeCommunity();
    const reader = await makeMember(community);
    const [muted, quiet, mentionsOnly, inherits] = await Promise.all([1, 2, 3, 4].map(() => makeChannel(community.owner, community.id)));
    for (const channel of [muted, quiet, mentionsOnly, inherits]) {
      await postMessage(community.owner, channel.id, "chatter");
      await postMessage(community.owner, channel.id, `${mention(reader)} ping`);
    }
    await put(reader, channelPath(muted.id), { level: "all", muted_until: future() });
    await put(reader, channelPath(quiet.id), { level: "none" });
    await put(reader, channelPath(mentionsOnly.id), { level: "mentions" });

    assert.deepEqual(await railOf(reader, muted.id), { unread_count: 0, mention_count: 0 });
    assert.deepEqual(await railOf(reader, quiet.id), { unread_count: 0, mention_count: 0 });
    assert.deepEqual(await railOf(reader, mentionsOnly.id), { unread_count: 0, mention_count: 1 });
    assert.deepEqual(await railOf(reader, inherits.id), { unread_count: 2, mention_count: 1 });
    const listed = await channelOf(reader, community, muted.id);
    assert.deepEqual([listed.unread_count, listed.mention_count], [2, 1], "the channel list is not the rail");

    await put(reader, communityPath(community.id), { level: "all", muted_until: future() });
    assert.deepEqual(await railOf(reader, inherits.id), { unread_count: 0, mention_count: 0 }, "a muted community mutes its channels");
    assert.deepEqual(await railOf(reader, mentionsOnly.id), { unread_count: 0, mention_count: 1 }, "unless they have their own setting");
    await put(reader, channelPath(muted.id), { level: "all", muted_until: null });
    assert.deepEqual(await railOf(reader, muted.id), { unread_count: 2, mention_count: 1 }, "unmuted");
  });

  it("gives each rail entry the setting that holds for the channel, for the web app's live counts and greyed muted channels", async () => {
    const community = await makeCommunity();
    const reader = await makeMember(community);
    const other = await makeChannel(community.owner, community.id);
    const until = future();
    await put(reader, communityPath(community.id), { level: "mentions" });
    await put(reader, channelPath(other.id), { level: "all", muted_until: until });
    const summary = (await expectStatus(api.get("/api/users/me/unread", { token: reader.token }), 200, "unread summary")).body as UnreadSummary;
    const settingOf = (channelId: number) => summary.channels.find((c) => c.channel_id === channelId)?.notification;
    assert.deepEqual(settingOf(community.general), { level: "mentions", muted_until: null, source: "community" });
    assert.deepEqual(settingOf(other.id), { level: "all", muted_until: new Date(until).toISOString(), source: "channel" });
  });

  it("answers 404 for a channel or community the caller cannot see, exactly as for a missing one", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    const secret = await makeChannel(community.owner, community.id, { type: "private" });
    const outsider = await api.register();
    for (const [user, path, missing] of [
      [member, channelPath(secret.id), channelPath(MISSING_ID)],
      [outsider, channelPath(community.general), channelPath(MISSING_ID)],
      [outsider, communityPath(community.id), communityPath(MISSING_ID)],
    ] as const) {
      for (const call of [() => api.get(path, { token: user.token }), () => api.request("PUT", path, { token: user.token, body: { level: "none" } })]) {
        const hidden = await call();
        assertError(hidden, 404, "not_found");
      }
      const [hidden, absent] = [await api.get(path, { token: user.token }), await api.get(missing, { token: user.token })];
      assert.deepEqual(hidden.body, absent.body);
    }
  });

  it("refuses a bad level or date with 400", async () => {
    const community = await makeCommunity();
    for (const body of [{}, { level: "loud" }, { level: "all", muted_until: "tomorrow" }, { level: "all", extra: 1 }]) {
      assertError(await api.request("PUT", channelPath(community.general), { token: community.owner.token, body }), 400, "invalid_request");
      assertError(await api.request("PUT", communityPath(community.id), { token: community.owner.token, body }), 400, "invalid_request");
    }
  });
});
