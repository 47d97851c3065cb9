import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import type { Bot, BotWithToken, DirectMessage, Message } from "../lib/api/entities";
import { uniqueName, type TestUser } from "./helpers/api";
import { closeAll, socketEvents, track, waitFor } from "./helpers/events";
import { connectSocket, handshakeResult, nextEvent } from "./helpers/socket";
import { assertError, expectStatus, MISSING_ID, useServer } from "./helpers/world";

// Bot accounts (POST/GET /api/bots, PATCH/DELETE /api/bots/{id}, POST /api/bots/{id}/token), what a
// bot may not do, and `ai` messages: only AI bots send them, and each names its model.

after(closeAll);

const world = useServer();
const { api, db, makeCommunity, makeMember, makeUsers, postMessage, postDirectMessage } = world;

/** A bot of `owner` (a new user unless given), as a TestUser that signs in with the bot's token. */
async function makeBot(owner?: TestUser, fields: Record<string, unknown> = {}): Promise<TestUser & { owner: TestUser; bot: Bot }> {
  const creator = owner ?? (await api.register());
  const username = uniqueName("bot");
  const created = await expectStatus(api.post("/api/bots", { token: creator.token, body: { username, ...fields } }), 201, "create bot");
  const { bot, token } = created.body as BotWithToken;
  return { token, user: { id: bot.id, username: bot.username, email: "", display_name: bot.display_name }, password: "", owner: creator, bot };
}

const addMember = (actor: TestUser, communityId: number, user: TestUser) =>
  expectStatus(api.post("/api/channels/community/add-member", { token: actor.token, body: { community_id: communityId, user_id: user.user.id } }), 201, "add member");
const send = (sender: TestUser, body: Record<string, unknown>) => api.post("/api/messages/send", { token: sender.token, body });
const sendDm = (sender: TestUser, body: Record<string, unknown>) => api.post("/api/messages/direct/send", { token: sender.token, body });

describe("bot accounts", () => {
  it("creates a bot owned by the caller with a token that works on REST like a user's, and lists the caller's bots only", async () => {
    const [owner, stranger] = await makeUsers(2);
    const username = uniqueName("helper");
    const created = await api.post("/api/bots", { token: owner.token, body: { username, display_name: "Helper", avatar_url: "https://example.test/bot.png" } });
    assert.equal(created.status, 201, created.text);
    const { bot, token } = created.body as BotWithToken;
    assert.deepEqual(
      { username: bot.username, display_name: bot.display_name, avatar_url: bot.avatar_url, is_bot: bot.is_bot, is_ai: bot.is_ai, owner_id: bot.owner_id },
      { username, display_name: "Helper", avatar_url: "https://example.test/bot.png", is_bot: true, is_ai: false, owner_id: owner.user.id },
    );
    const me = await api.get("/api/auth/me", { token });
    assert.equal(me.status, 200);
    assert.equal(me.body.id, bot.id);
    assert.equal(me.body.is_bot, true);
    assert.equal((await api.get("/api/auth/me", { token: owner.token })).body.is_bot, false, "people are not bots");
    assert.equal((await api.get(`/api/users/${bot.id}`, { token: stranger.token })).body.is_bot, true, "everyone sees the app tag");

    const mine = await api.get("/api/bots", { token: owner.token });
    assert.deepEqual(mine.body.map((b: Bot) => b.id), [bot.id]);
    assert.deepEqual((await api.get("/api/bots", { token: stranger.token })).body, []);
  });

  it("refuses a username that is taken, by a person or a bot, whatever its case", async () => {
    const [owner] = await makeUsers(1);
    assertError(await api.post("/api/bots", { token: owner.token, body: { username: owner.user.username.toUpperCase() } }), 409, "conflict");
    const bot = await makeBot(owner);
    assertError(await api.post("/api/bots", { token: owner.token, body: { username: bot.bot.username } }), 409, "conflict");
    assert.equal(await db.count("users WHERE bot_owner_id = ?", owner.user.id), 1);
  });

  it("keeps the assistant's name (aura) free while the assistant is off: no account or bot may take it", async () => {
    const [owner] = await makeUsers(1);
    const registered = await api.post("/api/auth/register", { body: { username: "Aura", email: `${uniqueName("aura")}@example.test`, password: "correct horse battery" } });
    assertError(registered, 409, "conflict");
    assert.deepEqual(registered.body.error.details, [{ path: "username", message: "That username is taken" }]);
    assertError(await api.post("/api/bots", { token: owner.token, body: { username: "aura" } }), 409, "conflict");
    assert.equal(await db.count("users WHERE username_lower = 'aura'"), 0);
  });

  it("never signs a bot in with a password, and a bot creates no bots", async () => {
    const bot = await makeBot();
    for (const password of ["!bot", "", "correct horse battery"]) {
      const login = await api.post("/api/auth/login", { body: { username: bot.bot.username, password: password || "x" } });
      assertError(login, 401, "unauthorized");
    }
    assertError(await api.post("/api/bots", { token: bot.token, body: { username: uniqueName("child") } }), 403, "forbidden");
  });

  it("rotates the token: the old one stops at once on REST and sockets, its live socket closes, the new one works", async () => {
    const bot = await makeBot();
    const socket = track(await connectSocket(world.server.url, { token: bot.token }));
    const closed = nextEvent(socket, "disconnect");
    const rotated = await api.post(`/api/bots/${bot.bot.id}/token`, { token: bot.owner.token });
    assert.equal(rotated.status, 200, rotated.text);
    const fresh = (rotated.body as BotWithToken).token;
    assert.notEqual(fresh, bot.token);
    await closed;
    assertError(await api.get("/api/auth/me", { token: bot.token }), 401, "unauthorized");
    assert.equal(await handshakeResult(world.server.url, { token: bot.token }), "unauthorized");
    assert.equal((await api.get("/api/auth/me", { token: fresh })).status, 200);
    assert.equal(await handshakeResult(world.server.url, { token: fresh }), "connected");
  });

  it("answers 404 for another user's bot on every bot route, exactly as for one that does not exist", async () => {
    const bot = await makeBot();
    const [other] = await makeUsers(1);
    const calls = [
      (id: number) => api.request("PATCH", `/api/bots/${id}`, { token: other.token, body: { display_name: "Mine now" } }),
      (id: number) => api.post(`/api/bots/${id}/token`, { token: other.token }),
      (id: number) => api.request("DELETE", `/api/bots/${id}`, { token: other.token }),
    ];
    for (const call of calls) {
      const hidden = await call(bot.bot.id);
      assertError(hidden, 404, "not_found");
      assert.equal(hidden.text, (await call(MISSING_ID)).text);
      assert.equal((await call(other.user.id)).text, hidden.text, "a person is no bot of anyone's");
    }
    assert.equal((await api.get("/api/auth/me", { token: bot.token })).status, 200, "the token still works");
    assert.equal((await api.get("/api/auth/me", { token: bot.token })).body.display_name, bot.bot.display_name);
  });

  it("lets the owner rename it, change its avatar and mark it an AI bot", async () => {
    const bot = await makeBot();
    const updated = await api.request("PATCH", `/api/bots/${bot.bot.id}`, { token: bot.owner.token, body: { display_name: "Renamed", is_ai: true } });
    assert.equal(updated.status, 200, updated.text);
    assert.equal(updated.body.display_name, "Renamed");
    assert.equal(updated.body.is_ai, true);
    const reset = await api.request("PATCH", `/api/bots/${bot.bot.id}`, { token: bot.owner.token, body: { display_name: null } });
    assert.equal(reset.body.display_name, bot.bot.username);
  });

  it("deletes a person's bots with their account: the tokens stop working", async () => {
    const bot = await makeBot();
    const community = await makeCommunity();
    await addMember(community.owner, community.id, bot);
    const socket = track(await connectSocket(world.server.url, { token: bot.token }));
    const closed = nextEvent(socket, "disconnect");
    await expectStatus(api.request("DELETE", "/api/users/me", { token: bot.owner.token, body: { password: bot.owner.password } }), 204, "delete the owner");
    await closed;
    assertError(await api.get("/api/auth/me", { token: bot.token }), 401, "unauthorized");
    assert.equal(await db.count("community_members WHERE user_id = ?", bot.user.id), 0);
  });

  it("deletes a bot: its token stops working, it leaves its communities, its messages stay as Deleted User", async () => {
    const bot = await makeBot();
    const community = await makeCommunity(bot.owner);
    await addMember(bot.owner, community.id, bot);
    const message = await postMessage(bot, community.general, "beep");
    assert.equal(message.is_bot, true);
    assert.equal((await api.request("DELETE", `/api/bots/${bot.bot.id}`, { token: bot.owner.token })).status, 204);
    assertError(await api.get("/api/auth/me", { token: bot.token }), 401, "unauthorized");
    assert.equal(await db.count("community_members WHERE user_id = ?", bot.user.id), 0);
    const history = (await api.get(`/api/messages/channel/${community.general}`, { token: bot.owner.token })).body as Message[];
    assert.equal(history.find((m) => m.id === message.id)?.author, "Deleted User");
    assert.deepEqual((await api.get("/api/bots", { token: bot.owner.token })).body, []);
  });
});

describe("what bots may not do", () => {
  it("sends no friend requests and takes none", async () => {
    const bot = await makeBot();
    const [person] = await makeUsers(1);
    assertError(await api.post("/api/friends/request", { token: bot.token, body: { receiver_id: person.user.id } }), 403, "forbidden");
    assertError(await api.post("/api/friends/request", { token: person.token, body: { receiver_id: bot.user.id } }), 403, "cannot_friend_user");
    assertError(await api.post("/api/friends/request", { token: person.token, body: { username: bot.bot.username } }), 403, "cannot_friend_user");
    assert.equal(await db.count("friend_requests WHERE sender_id IN (?, ?)", bot.user.id, person.user.id), 0);
  });

  it("joins a community only when an owner or admin adds it or through an invite accepted with its token, and creates none", async () => {
    const bot = await makeBot();
    const open = await makeCommunity();
    assertError(await api.post(`/api/channels/communities/${open.id}/join`, { token: bot.token }), 403, "forbidden");
    assertError(await api.post("/api/channels/communities", { token: bot.token, body: { name: "Bot land" } }), 403, "forbidden");
    assert.equal(await db.count("community_members WHERE user_id = ?", bot.user.id), 0);

    await addMember(open.owner, open.id, bot);
    const other = await makeCommunity();
    const invite = await expectStatus(api.post(`/api/channels/communities/${other.id}/invites`, { token: other.owner.token, body: {} }), 201, "invite");
    const accepted = await api.post(`/api/invites/${invite.body.code}/accept`, { token: bot.token });
    assert.equal(accepted.status, 200, accepted.text);
    assert.equal(await db.count("community_members WHERE user_id = ?", bot.user.id), 2);
  });

  it("exchanges DMs only with users it shares a community with, both ways", async () => {
    const bot = await makeBot();
    const [person] = await makeUsers(1);
    assertError(await sendDm(bot, { receiver_id: person.user.id, content: "hello stranger" }), 403, "cannot_message_user");
    assertError(await sendDm(person, { receiver_id: bot.user.id, content: "hello bot" }), 403, "cannot_message_user");
    assert.equal(await db.count("direct_messages WHERE sender_id IN (?, ?)", bot.user.id, person.user.id), 0);

    const community = await makeCommunity(person);
    await addMember(person, community.id, bot);
    assert.equal((await postDirectMessage(bot, person, "hello member")).sender_id, bot.user.id);
    assert.equal((await postDirectMessage(person, bot, "hello bot")).sender_id, person.user.id);
  });

  it("connects over Socket.IO with its token and receives its channels' messages", async () => {
    const bot = await makeBot();
    const community = await makeCommunity();
    await addMember(community.owner, community.id, bot);
    const socket = track(await connectSocket(world.server.url, { token: bot.token }));
    const sent = socketEvents<Message>(socket, "message_sent");
    const message = await postMessage(community.owner, community.general, "for the bot");
    await waitFor(sent, (m) => m.id === message.id, "the bot's message_sent");
  });
});

describe("ai messages", () => {
  /** A community with an AI bot, a plain bot and a member in it, and an outsider. */
  async function aiWorld() {
    const community = await makeCommunity();
    const aiBot = await makeBot(community.owner, { is_ai: true });
    const plainBot = await makeBot(community.owner);
    const member = await makeMember(community);
    const [outsider] = await makeUsers(1);
    for (const bot of [aiBot, plainBot]) await addMember(community.owner, community.id, bot);
    return { community, aiBot, plainBot, member, outsider };
  }

  it("refuses every forgery with 403 and stores nothing: people and non-AI bots, by message_type or by an ai field", async () => {
    const { community, plainBot, member } = await aiWorld();
    const ai = { model: "gpt-forged" };
    const attempts: [TestUser, Record<string, unknown>][] = [
      [member, { message_type: "ai", ai }],
      [member, { message_type: "ai" }],
      [member, { ai }],
      [community.owner, { message_type: "ai", ai }],
      [plainBot, { message_type: "ai", ai }],
      [plainBot, { ai }],
    ];
    for (const [sender, extra] of attempts) {
      assertError(await send(sender, { channel_id: community.general, content: "I am a model", ...extra }), 403, "forbidden");
      assertError(await sendDm(sender, { receiver_id: community.owner.user.id === sender.user.id ? member.user.id : community.owner.user.id, content: "I am a model", ...extra }), 403, "forbidden");
    }
    assert.equal(await db.count("messages WHERE content = 'I am a model'"), 0);
    assert.equal(await db.count("direct_messages WHERE content = 'I am a model'"), 0);
  });

  it("makes an AI bot name its model, keep ai with message_type ai, and send text only", async () => {
    const { community, aiBot } = await aiWorld();
    const cases: [Record<string, unknown>, string][] = [
      [{ message_type: "ai" }, "ai.model"],
      [{ message_type: "ai", ai: { model: "  " } }, "ai.model"],
      [{ ai: { model: "m" } }, "message_type"],
      [{ message_type: "text", ai: { model: "m" } }, "message_type"],
      [{ message_type: "ai", ai: { model: "m", requested_by: MISSING_ID } }, "ai.requested_by"],
    ];
    for (const [extra, path] of cases) {
      const response = await send(aiBot, { channel_id: community.general, content: "refused", ...extra });
      assertError(response, 400, "invalid_request");
      assert.ok(JSON.stringify(response.body.error.details ?? []).includes(path), `${JSON.stringify(extra)}: ${response.text}`);
    }
    assertError(await send(aiBot, { channel_id: community.general, content: "refused", message_type: "system" }), 403, "forbidden");
    assert.equal(await db.count("messages WHERE content = 'refused'"), 0);
  });

  it("stores and shows the provenance on every shape: the send, the history, the event", async () => {
    const { community, aiBot, member } = await aiWorld();
    const socket = track(await connectSocket(world.server.url, { token: member.token }));
    const events = socketEvents<Message>(socket, "message_sent");
    const question = await postMessage(member, community.general, "a question for the bot");
    const sent = await postMessage(aiBot, community.general, "an answer", { reply_to: question.id, message_type: "ai", ai: { model: "llama-3.1-8b", requested_by: member.user.id } });
    const expected = { model: "llama-3.1-8b", requested_by: { id: member.user.id, username: member.user.username } };
    assert.equal(sent.message_type, "ai");
    assert.deepEqual(sent.ai, expected);
    assert.equal(sent.is_bot, true);
    const history = (await api.get(`/api/messages/channel/${community.general}`, { token: member.token })).body as Message[];
    assert.deepEqual(history.find((m) => m.id === sent.id)?.ai, expected);
    const event = await waitFor(events, (m) => m.id === sent.id, "message_sent");
    assert.deepEqual(event.ai, expected);

    const unasked = await postMessage(aiBot, community.general, "on my own", { message_type: "ai", ai: { model: "llama-3.1-8b" } });
    assert.deepEqual(unasked.ai, { model: "llama-3.1-8b", requested_by: null });
    const plain = await postMessage(member, community.general, "a person");
    assert.equal(plain.ai, null);
    assert.equal(plain.is_bot, false);
    assert.equal(plain.webhook_id, null);
  });

  it("names as requester only its owner, the author of the message it replies to, or the other side of a DM", async () => {
    const { community, aiBot, member, outsider } = await aiWorld();
    const refused = await send(aiBot, { channel_id: community.general, content: "for an outsider", message_type: "ai", ai: { model: "m", requested_by: outsider.user.id } });
    assertError(refused, 400, "invalid_request");
    const unasked = await send(aiBot, { channel_id: community.general, content: "nobody asked", message_type: "ai", ai: { model: "m", requested_by: member.user.id } });
    assertError(unasked, 400, "invalid_request");
    const ownersOwn = await postMessage(aiBot, community.general, "my owner asked", { message_type: "ai", ai: { model: "m", requested_by: community.owner.user.id } });
    assert.equal(ownersOwn.ai?.requested_by?.id, community.owner.user.id);
    const otherQuestion = await postMessage(community.owner, community.general, "the owner's question");
    const wrongAuthor = await send(aiBot, { channel_id: community.general, content: "not theirs", reply_to: otherQuestion.id, message_type: "ai", ai: { model: "m", requested_by: member.user.id } });
    assertError(wrongAuthor, 400, "invalid_request");
    assert.equal(await db.count("messages WHERE content IN ('for an outsider', 'nobody asked', 'not theirs')"), 0);
    const dm = await postDirectMessage(aiBot, member, "a private answer", { message_type: "ai", ai: { model: "m", requested_by: member.user.id } });
    assert.deepEqual(dm.ai, { model: "m", requested_by: { id: member.user.id, username: member.user.username } });
    const conversation = (await api.get(`/api/messages/direct/${aiBot.user.id}`, { token: member.token })).body as DirectMessage[];
    assert.deepEqual(conversation.find((m) => m.id === dm.id)?.ai, dm.ai);
    assertError(
      await sendDm(aiBot, { receiver_id: member.user.id, content: "asked by someone else", message_type: "ai", ai: { model: "m", requested_by: outsider.user.id } }),
      400,
      "invalid_request",
    );
  });
});
