import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import type { Socket } from "socket.io-client";
import type { DirectMessage, Message, Reaction } from "../lib/api/entities";
import type { TestUser } from "./helpers/api";
import { expectNone, socketEvents, waitFor, type Collector } from "./helpers/events";
import { connectSocket } from "./helpers/socket";
import { assertError, expectStatus, MISSING_ID, useServer } from "./helpers/world";

// Reactions on channel messages and DMs (PUT/DELETE/GET …/reactions/{emoji}): who may react, what
// every way of reading a message shows (counts, `me` per viewer, first-reaction order), the emoji
// rules, the 20-emoji limit, and who hears about it live.

const world = useServer();
const { api, db, makeUsers, makeCommunity, makeMember, makeChannel, postMessage, postDirectMessage } = world;

const opened: Socket[] = [];
afterEach(() => {
  for (const socket of opened.splice(0)) socket.close();
});

const channelPath = (messageId: number, emoji: string) => `/api/messages/${messageId}/reactions/${encodeURIComponent(emoji)}`;
const directPath = (messageId: number, emoji: string) => `/api/messages/direct/message/${messageId}/reactions/${encodeURIComponent(emoji)}`;
const react = (user: TestUser, path: string, method: "PUT" | "DELETE" | "GET" = "PUT") => api.request(method, path, { token: user.token });

async function reactAll(user: TestUser, messageId: number, emoji: string[]): Promise<void> {
  for (const one of emoji) await expectStatus(react(user, channelPath(messageId, one)), 204, `react ${one}`);
}

/** The message as `viewer` reads it in the channel's history (the hot query). */
async function fromHistory(viewer: TestUser, channelId: number, messageId: number): Promise<Message> {
  const page = await expectStatus(api.get(`/api/messages/channel/${channelId}?around=${messageId}&limit=3`, { token: viewer.token }), 200, "history");
  const message = page.body.find((m: Message) => m.id === messageId);
  assert.ok(message, `message ${messageId} not in ${page.text}`);
  return message;
}

async function fromConversation(viewer: TestUser, peer: TestUser, messageId: number): Promise<DirectMessage> {
  const page = await expectStatus(api.get(`/api/messages/direct/${peer.user.id}`, { token: viewer.token }), 200, "DM history");
  const message = page.body.find((m: DirectMessage) => m.id === messageId);
  assert.ok(message, `DM ${messageId} not in ${page.text}`);
  return message;
}

async function reactorIds(viewer: TestUser, path: string): Promise<number[]> {
  const response = await expectStatus(react(viewer, path, "GET"), 200, "list reactors");
  return response.body.users.map((user: { id: number }) => user.id);
}

async function listen(user: TestUser, event: string): Promise<Collector<any>> {
  const socket = await connectSocket(world.server.url, { token: user.token });
  opened.push(socket);
  return socketEvents(socket, event);
}

/** A community with its owner, two plain members, and a message by the owner in #general. */
async function setting() {
  const community = await makeCommunity();
  const [alice, bob] = [await makeMember(community), await makeMember(community)];
  const message = await postMessage(community.owner, community.general, "react to me");
  return { community, owner: community.owner, alice, bob, message };
}

describe("reactions on channel messages", () => {
  it("adds a reaction once: a repeated PUT answers 204 and changes nothing", async () => {
    const { alice, message, community } = await setting();
    await expectStatus(react(alice, channelPath(message.id, "🎉")), 204, "first PUT");
    await expectStatus(react(alice, channelPath(message.id, "🎉")), 204, "repeated PUT");
    assert.equal(await db.count("reactions WHERE message_id = ?", message.id), 1);
    assert.deepEqual((await fromHistory(alice, community.general, message.id)).reactions, [{ emoji: "🎉", count: 1, me: true }]);
  });

  it("shows counts to everyone and `me` only to whoever reacted, ordered by each emoji's first reaction", async () => {
    const { owner, alice, bob, message, community } = await setting();
    await reactAll(alice, message.id, ["🎉"]);
    await reactAll(bob, message.id, ["😀", "🎉"]);
    await reactAll(owner, message.id, ["😀"]);
    const view = async (viewer: TestUser): Promise<Reaction[]> => (await fromHistory(viewer, community.general, message.id)).reactions;
    assert.deepEqual(await view(alice), [{ emoji: "🎉", count: 2, me: true }, { emoji: "😀", count: 2, me: false }]);
    assert.deepEqual(await view(bob), [{ emoji: "🎉", count: 2, me: true }, { emoji: "😀", count: 2, me: true }]);
    assert.deepEqual(await view(owner), [{ emoji: "🎉", count: 2, me: false }, { emoji: "😀", count: 2, me: true }]);
    const outsiderView = await view(await makeMember(community));
    assert.deepEqual(outsiderView.map((r) => r.me), [false, false]);
    // Who reacted, in the order they did, as many as asked for.
    assert.deepEqual(await reactorIds(owner, channelPath(message.id, "🎉")), [alice.user.id, bob.user.id]);
    assert.deepEqual(await reactorIds(owner, `${channelPath(message.id, "😀")}?limit=1`), [bob.user.id]);
  });

  it("serializes reactions the same way on the Prisma paths: the edit's answer, the export, a resent nonce", async () => {
    const { owner, alice, community } = await setting();
    const nonce = `nonce-${Date.now()}`;
    const message = await postMessage(alice, community.general, "mine", { nonce });
    await reactAll(owner, message.id, ["👀", "🔥"]);
    await reactAll(alice, message.id, ["🔥"]);
    const expected = [{ emoji: "👀", count: 1, me: false }, { emoji: "🔥", count: 2, me: true }];
    assert.deepEqual((await fromHistory(alice, community.general, message.id)).reactions, expected);
    const edited = await expectStatus(api.request("PUT", `/api/messages/${message.id}`, { token: alice.token, body: { content: "mine, edited" } }), 200, "edit");
    assert.deepEqual(edited.body.reactions, expected);
    const resent = await expectStatus(api.post("/api/messages/send", { token: alice.token, body: { channel_id: community.general, content: "mine", nonce } }), 200, "resend");
    assert.deepEqual(resent.body.reactions, expected);
    const exported = await expectStatus(api.get("/api/users/me/export", { token: alice.token }), 200, "export");
    assert.deepEqual(exported.body.messages.find((m: Message) => m.id === message.id).reactions, expected);
  });

  it("takes a reaction back with DELETE, idempotently, and drops an emoji nobody uses any more", async () => {
    const { alice, bob, message, community } = await setting();
    await reactAll(alice, message.id, ["🎉", "👀"]);
    await reactAll(bob, message.id, ["🎉"]);
    await expectStatus(react(alice, channelPath(message.id, "🎉"), "DELETE"), 204, "remove");
    await expectStatus(react(alice, channelPath(message.id, "🎉"), "DELETE"), 204, "remove again");
    await expectStatus(react(alice, channelPath(message.id, "👀"), "DELETE"), 204, "remove the last 👀");
    assert.deepEqual((await fromHistory(alice, community.general, message.id)).reactions, [{ emoji: "🎉", count: 1, me: false }]);
    assert.deepEqual(await reactorIds(alice, channelPath(message.id, "🎉")), [bob.user.id]);
  });

  it("accepts exactly one Unicode emoji: skin tones yes; text, two emoji and nothing at all are a 400", async () => {
    const { alice, message, community } = await setting();
    for (const bad of ["abc", "👍👍", "👍 ", " ", "1", ":thumbsup:", "<3"]) {
      const response = await react(alice, channelPath(message.id, bad));
      assertError(response, 400, "invalid_request");
      assert.match(response.body.error.message, /emoji/);
    }
    // An empty emoji leaves no segment: that path is no route, the JSON 404 of any unknown path.
    assertError(await api.request("PUT", `/api/messages/${message.id}/reactions`, { token: alice.token, unchecked: true }), 404, "not_found");
    assert.equal(await db.count("reactions WHERE message_id = ?", message.id), 0);

    await reactAll(alice, message.id, ["👍🏽"]);
    assert.deepEqual((await fromHistory(alice, community.general, message.id)).reactions, [{ emoji: "👍🏽", count: 1, me: true }]);
  });

  it("treats an emoji with and without U+FE0F as one reaction, stored in emojibase's form", async () => {
    const { alice, bob, message, community } = await setting();
    await reactAll(alice, message.id, ["\u2764"]);
    await reactAll(bob, message.id, ["\u2764\uFE0F"]);
    await reactAll(alice, message.id, ["\u2764\uFE0F"]);
    assert.deepEqual((await fromHistory(alice, community.general, message.id)).reactions, [{ emoji: "\u2764\uFE0F", count: 2, me: true }]);
    assert.deepEqual(await reactorIds(alice, channelPath(message.id, "\u2764")), [alice.user.id, bob.user.id]);
    await expectStatus(react(bob, channelPath(message.id, "\u2764"), "DELETE"), 204, "remove without FE0F");
    assert.equal(await db.count("reactions WHERE message_id = ?", message.id), 1);
  });

  it("allows 20 different emoji per message: the 21st is a 409, while existing ones stay open to everyone", async () => {
    const { alice, bob, message } = await setting();
    const twenty = ["😀", "😁", "😂", "🤣", "😃", "😄", "😅", "😆", "😉", "😊", "😋", "😎", "😍", "😘", "🥰", "😗", "😙", "🥲", "😚", "🙂"];
    await reactAll(alice, message.id, twenty);
    const refused = await react(bob, channelPath(message.id, "🤗"));
    assertError(refused, 409, "too_many_reactions");
    await expectStatus(react(bob, channelPath(message.id, "😀")), 204, "an emoji already there");
    assert.equal(await db.count("reactions WHERE message_id = ?", message.id), 21);
    await expectStatus(react(alice, channelPath(message.id, "🙂"), "DELETE"), 204, "free a place");
    await expectStatus(react(bob, channelPath(message.id, "🤗")), 204, "the 20th emoji again");
  });

  it("refuses a timed-out member, who still reads who reacted; in an announcement channel, where only managers post, every reader reacts (as in Discord)", async () => {
    const { owner, alice, bob, message, community } = await setting();
    await reactAll(bob, message.id, ["🎉"]);
    const until = new Date(Date.now() + 3_600_000).toISOString();
    await expectStatus(api.request("PATCH", `/api/channels/communities/${community.id}/members/${alice.user.id}`, { token: owner.token, body: { timeout_until: until } }), 200, "time out");
    assertError(await react(alice, channelPath(message.id, "🎉")), 403, "timed_out");
    assertError(await react(alice, channelPath(message.id, "🎉"), "DELETE"), 403, "timed_out");
    assert.deepEqual(await reactorIds(alice, channelPath(message.id, "🎉")), [bob.user.id]);

    const news = await makeChannel(owner, community.id, { type: "announcement" });
    const announcement = await postMessage(owner, news.id, "news");
    assertError(await api.request("POST", "/api/messages/send", { token: bob.token, body: { channel_id: news.id, content: "hi" } }), 403, "forbidden");
    await expectStatus(react(bob, channelPath(announcement.id, "🎉")), 204, "a member reacts in announcements");
    assert.equal(await db.count("reactions WHERE message_id = ?", announcement.id), 1);
  });

  it("answers a message in a channel the caller cannot read exactly like a missing one", async () => {
    const { owner, alice, community } = await setting();
    const secret = await makeChannel(owner, community.id, { type: "private" });
    const hidden = await postMessage(owner, secret.id, "secret");
    for (const method of ["PUT", "DELETE", "GET"] as const) {
      const [forHidden, forMissing] = [await react(alice, channelPath(hidden.id, "🎉"), method), await react(alice, channelPath(MISSING_ID, "🎉"), method)];
      assertError(forHidden, 404, "not_found");
      assert.equal(forHidden.text, forMissing.text);
    }
  });

  it("goes with its message: deleting the message deletes its reactions", async () => {
    const { owner, alice, bob, message } = await setting();
    await reactAll(alice, message.id, ["🎉", "👀"]);
    await reactAll(bob, message.id, ["🎉"]);
    assert.equal(await db.count("reactions WHERE message_id = ?", message.id), 3);
    await expectStatus(api.request("DELETE", `/api/messages/${message.id}`, { token: owner.token }), 200, "delete the message");
    assert.equal(await db.count("reactions WHERE message_id = ?", message.id), 0);
    assertError(await react(alice, channelPath(message.id, "🎉")), 404, "not_found");
  });
});

describe("reaction events in channels", () => {
  it("reach every reader of the channel on a change only, and never a member outside a private channel or a non-member", async () => {
    const { community, owner, alice, bob } = await setting();
    const secret = await makeChannel(owner, community.id, { type: "private" });
    await expectStatus(api.post(`/api/channels/${secret.id}/members`, { token: owner.token, body: { user_id: alice.user.id } }), 201, "add alice");
    const [stranger] = await makeUsers(1);
    const message = await postMessage(owner, secret.id, "in private");
    const [toOwner, toAlice, toBob, toStranger] = await Promise.all([owner, alice, bob, stranger].map((user) => listen(user, "message_reaction_added")));
    const removedToOwner = await listen(owner, "message_reaction_removed");
    const expected = { message_id: message.id, channel_id: secret.id, emoji: "🎉", user_id: alice.user.id };
    const mine = (event: typeof expected) => event.message_id === message.id;

    await expectStatus(react(alice, channelPath(message.id, "🎉")), 204, "react");
    assert.deepEqual(await waitFor(toOwner, mine, "added to the owner"), expected);
    assert.deepEqual(await waitFor(toAlice, mine, "added to the reactor's own tab"), expected);
    await expectNone(toBob, mine, 400, "added to a member outside the private channel");
    await expectNone(toStranger, mine, 0, "added to a non-member");

    const mark = toOwner.mark;
    await expectStatus(react(alice, channelPath(message.id, "🎉")), 204, "react again");
    await expectNone(toOwner, mine, 400, "an event for a repeated PUT", mark);

    await expectStatus(react(alice, channelPath(message.id, "🎉"), "DELETE"), 204, "take it back");
    assert.deepEqual(await waitFor(removedToOwner, mine, "removed to the owner"), expected);
    await expectStatus(react(alice, channelPath(message.id, "🎉"), "DELETE"), 204, "take it back again");
    await expectNone(removedToOwner, mine, 400, "an event for a repeated DELETE", 1);
  });

  it("message_edited carries the counts with `me` false for everyone", async () => {
    const { community, owner, alice } = await setting();
    const message = await postMessage(alice, community.general, "to edit");
    await reactAll(alice, message.id, ["🎉"]);
    const edits = await listen(owner, "message_edited");
    await expectStatus(api.request("PUT", `/api/messages/${message.id}`, { token: alice.token, body: { content: "edited" } }), 200, "edit");
    const event = await waitFor(edits, (m: Message) => m.id === message.id, "message_edited");
    assert.deepEqual(event.reactions, [{ emoji: "🎉", count: 1, me: false }]);
  });
});

describe("reactions on direct messages", () => {
  it("lets both parties react, shows `me` per side in the history and the conversation list, and tells both (not a third user)", async () => {
    const [x, y, z] = await makeUsers(3);
    const dm = await postDirectMessage(x, y, "hi y");
    const [toX, toY, toZ] = await Promise.all([x, y, z].map((user) => listen(user, "direct_message_reaction_added")));
    const removedToX = await listen(x, "direct_message_reaction_removed");
    const mine = (event: { message_id: number }) => event.message_id === dm.id;

    await expectStatus(react(y, directPath(dm.id, "👋🏽")), 204, "y reacts");
    await expectStatus(react(y, directPath(dm.id, "👋🏽")), 204, "y reacts again");
    const expected = { message_id: dm.id, sender_id: x.user.id, receiver_id: y.user.id, emoji: "👋🏽", user_id: y.user.id };
    assert.deepEqual(await waitFor(toX, mine, "added to the sender"), expected);
    assert.deepEqual(await waitFor(toY, mine, "added to the reactor"), expected);
    await expectNone(toZ, mine, 400, "added to a third user");
    assert.equal(toX.matching(mine).length, 1, "one event for two PUTs");

    await expectStatus(react(x, directPath(dm.id, "👋🏽")), 204, "x reacts too");
    assert.deepEqual((await fromConversation(x, y, dm.id)).reactions, [{ emoji: "👋🏽", count: 2, me: true }]);
    await expectStatus(react(x, directPath(dm.id, "👋🏽"), "DELETE"), 204, "x takes it back");
    assert.deepEqual(await waitFor(removedToX, mine, "removed"), { ...expected, user_id: x.user.id });
    assert.deepEqual((await fromConversation(x, y, dm.id)).reactions, [{ emoji: "👋🏽", count: 1, me: false }]);
    assert.deepEqual((await fromConversation(y, x, dm.id)).reactions, [{ emoji: "👋🏽", count: 1, me: true }]);
    const conversations = await expectStatus(api.get("/api/messages/direct", { token: y.token }), 200, "conversations");
    assert.deepEqual(conversations.body.find((c: { user: { id: number } }) => c.user.id === x.user.id).last_message.reactions, [{ emoji: "👋🏽", count: 1, me: true }]);
    assert.deepEqual(await reactorIds(x, directPath(dm.id, "👋🏽")), [y.user.id]);

    for (const method of ["PUT", "DELETE", "GET"] as const) {
      const [forZ, forMissing] = [await react(z, directPath(dm.id, "👋🏽"), method), await react(z, directPath(MISSING_ID, "👋🏽"), method)];
      assertError(forZ, 404, "not_found");
      assert.equal(forZ.text, forMissing.text);
    }
  });

  it("refuses new reactions across a block, either way, but lets each take their own back", async () => {
    const [x, y] = await makeUsers(2);
    const dm = await postDirectMessage(x, y, "before the block");
    await expectStatus(react(y, directPath(dm.id, "🎉")), 204, "react before the block");
    await expectStatus(api.post(`/api/friends/block/${y.user.id}`, { token: x.token }), 201, "x blocks y");
    assertError(await react(y, directPath(dm.id, "👀")), 403, "cannot_message_user");
    assertError(await react(x, directPath(dm.id, "👀")), 403, "cannot_message_user");
    await expectStatus(react(y, directPath(dm.id, "🎉"), "DELETE"), 204, "take one's own back");
    assert.equal(await db.count("reactions WHERE direct_message_id = ?", dm.id), 0);
  });

  it("limits a DM to 20 different emoji too, and deletes its reactions with it", async () => {
    const [x, y] = await makeUsers(2);
    const dm = await postDirectMessage(x, y, "lots");
    const twenty = ["🍏", "🍎", "🍐", "🍊", "🍋", "🍌", "🍉", "🍇", "🍓", "🫐", "🍈", "🍒", "🍑", "🥭", "🍍", "🥥", "🥝", "🍅", "🍆", "🥑"];
    for (const emoji of twenty) await expectStatus(react(x, directPath(dm.id, emoji)), 204, `react ${emoji}`);
    assertError(await react(y, directPath(dm.id, "🥦")), 409, "too_many_reactions");
    await expectStatus(react(y, directPath(dm.id, "🍏")), 204, "an emoji already there");
    await expectStatus(api.request("DELETE", `/api/messages/direct/message/${dm.id}`, { token: x.token }), 200, "delete the DM");
    assert.equal(await db.count("reactions WHERE direct_message_id = ?", dm.id), 0);
  });
});

describe("GET /emojibase/{locale}/{file} (the emoji picker's data)", () => {
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${world.server.url}${path}`, { headers });

  it("serves the installed emojibase data with the fields the picker reads, and answers its revalidation with 304", async () => {
    const response = await get("/emojibase/en/data.json");
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
    const emojis = (await response.json()) as { emoji: string; label: string; skins?: unknown[] }[];
    const thumbsUp = emojis.find((e) => e.label === "thumbs up");
    assert.ok(thumbsUp?.skins?.length, "thumbs up with its skin tones");
    const etag = response.headers.get("etag");
    assert.ok(etag);
    assert.equal((await get("/emojibase/en/data.json", { "if-none-match": etag })).status, 304);
    assert.equal((await get("/emojibase/en/messages.json")).status, 200);
  });

  it("answers 404 for any other locale or file, names of Object's own properties included", async () => {
    for (const path of ["/emojibase/fr/data.json", "/emojibase/en/compact.json", "/emojibase/en/constructor", "/emojibase/en/toString", "/emojibase/en/..%2Fpackage.json"]) {
      assert.equal((await get(path)).status, 404, path);
    }
  });
});
