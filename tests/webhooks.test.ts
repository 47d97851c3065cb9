import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, describe, it } from "node:test";
import type { Channel, CreatedWebhook, Message, Webhook } from "../lib/api/entities";
import { uniqueName, type ApiResponse, type TestUser } from "./helpers/api";
import { closeAll, socketEvents, track, waitFor } from "./helpers/events";
import { TEST_RATE_LIMITS } from "./helpers/server";
import { connectSocket } from "./helpers/socket";
import { assertError, expectStatus, MISSING_ID, useServer, type TestCommunity, type World } from "./helpers/world";

// Incoming webhooks (issue 18): owners and admins give a channel a webhook, whose URL lets anyone
// holding it post there without an account; the token is shown once and stored as its SHA-256.

after(closeAll);

const world = useServer();
const { api, db, makeCommunity, makeMember, makeUsers, makeChannel, setRole } = world;

/** A well-formed token that no webhook has (43 characters of base64url). */
const WRONG_TOKEN = "A".repeat(43);

const webhooksPath = (channelId: number) => `/api/channels/${channelId}/webhooks`;
const executePath = (id: number, token: string) => `/api/webhooks/${id}/${token}`;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function helpers(w: Pick<World, "api">) {
  async function createWebhook(actor: TestUser, channelId: number, body: Record<string, unknown> = { name: "Deploy bot" }): Promise<CreatedWebhook> {
    return (await expectStatus(w.api.post(webhooksPath(channelId), { token: actor.token, body }), 201, "create webhook")).body;
  }
  /** Posts through the webhook with no credentials at all, as a server would. */
  const execute = (webhook: { url: string }, body: Record<string, unknown>, options: { headers?: Record<string, string>; token?: string; cookie?: string } = {}) =>
    w.api.post(webhook.url, { body, ...options });
  return { createWebhook, execute };
}

const { createWebhook, execute } = helpers(world);

const authorOf = async (webhookId: number) => (await db.one<{ user_id: number }>("SELECT user_id FROM webhooks WHERE id = ?", webhookId))!.user_id;
const channelMessages = (channelId: number) => db.count("messages WHERE channel_id = ?", channelId);

async function withAdmin(): Promise<TestCommunity & { admin: TestUser; member: TestUser }> {
  const community = await makeCommunity();
  const [admin, member] = [await makeMember(community), await makeMember(community)];
  await setRole(community.owner, community.id, admin, "admin");
  return { ...community, admin, member };
}

describe("POST /api/channels/{id}/webhooks", () => {
  it("lets the owner create a webhook: its token and url once, the token's SHA-256 stored, an author row of its own", async () => {
    const community = await makeCommunity();
    const before = Date.now();
    const created = await createWebhook(community.owner, community.general, { name: "  Deploy bot  ", avatar_url: "https://example.test/deploy.png" });
    assert.match(created.token, /^[A-Za-z0-9_-]{43}$/, "32 random bytes, base64url");
    assert.equal(created.url, `/api/webhooks/${created.id}/${created.token}`);
    assert.deepEqual(
      { channel_id: created.channel_id, name: created.name, avatar_url: created.avatar_url },
      { channel_id: community.general, name: "Deploy bot", avatar_url: "https://example.test/deploy.png" },
    );
    assert.ok(Math.abs(Date.parse(created.created_at) - before) < 60_000);

    const row = await db.one<{ token_hash: string; creator_id: number; user_id: number }>("SELECT token_hash, creator_id, user_id FROM webhooks WHERE id = ?", created.id);
    assert.equal(row?.token_hash, sha256(created.token));
    assert.equal(row?.creator_id, community.owner.user.id);
    assert.equal(await db.count("webhooks WHERE token_hash = ?", created.token), 0, "the token itself is stored nowhere");

    const author = await db.one<Record<string, unknown>>(
      "SELECT username, email, password_hash, display_name, avatar_url, is_bot, is_ai, bot_owner_id, deleted_at FROM users WHERE id = ?",
      row!.user_id,
    );
    assert.match(String(author?.username), /^webhook-[0-9a-f]{12}$/);
    assert.match(String(author?.email), /^webhook-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@webhooks\.invalid$/);
    assert.deepEqual(
      { ...author, username: undefined, email: undefined, is_bot: Boolean(author?.is_bot), is_ai: Boolean(author?.is_ai) },
      {
        username: undefined, email: undefined, password_hash: "!webhook", display_name: "Deploy bot", avatar_url: "https://example.test/deploy.png",
        is_bot: true, is_ai: false, bot_owner_id: null, deleted_at: null,
      },
    );
    assert.equal(await db.count("community_members WHERE user_id = ?", row!.user_id), 0, "never a member");

    const audit = await api.get(`/api/channels/communities/${community.id}/audit-log?action=webhook_create`, { token: community.owner.token });
    assert.equal(audit.body.length, 1);
    assert.deepEqual(
      { actor: audit.body[0].actor.id, target_type: audit.body[0].target_type, target_id: audit.body[0].target_id, changes: audit.body[0].changes },
      {
        actor: community.owner.user.id, target_type: "webhook", target_id: String(created.id),
        changes: { channel_id: community.general, name: "Deploy bot", avatar_url: "https://example.test/deploy.png" },
      },
    );
  });

  it("lets an admin create one; a plain member gets 403 and nothing is stored", async () => {
    const community = await withAdmin();
    const byAdmin = await createWebhook(community.admin, community.general, { name: "CI" });
    assert.equal(byAdmin.avatar_url, null);
    const refused = await api.post(webhooksPath(community.general), { token: community.member.token, body: { name: "Sneaky" } });
    assertError(refused, 403, "forbidden");
    assert.equal(await db.count("webhooks WHERE channel_id = ?", community.general), 1);
  });

  it("answers someone who cannot read the channel exactly as for a missing channel, storing nothing", async () => {
    const community = await makeCommunity();
    const [outsider] = await makeUsers(1);
    const usersBefore = await db.count("users");
    const hidden = await api.post(webhooksPath(community.general), { token: outsider.token, body: { name: "Sneaky" } });
    const missing = await api.post(webhooksPath(MISSING_ID), { token: outsider.token, body: { name: "Sneaky" } });
    assertError(hidden, 404, "not_found");
    assert.equal(hidden.text, missing.text);
    assert.equal(await db.count("webhooks WHERE channel_id = ?", community.general), 0);
    assert.equal(await db.count("users"), usersBefore, "no author row either");
  });

  it("refuses a voice channel (400 voice_channel)", async () => {
    const community = await makeCommunity();
    const voice = await makeChannel(community.owner, community.id, { type: "voice" });
    assertError(await api.post(webhooksPath(voice.id), { token: community.owner.token, body: { name: "Radio" } }), 400, "voice_channel");
    assert.equal(await db.count("webhooks WHERE channel_id = ?", voice.id), 0);
  });

  it("takes at most 10 webhooks per channel (409 beyond), counted per channel", async () => {
    const community = await makeCommunity();
    for (let i = 1; i <= 10; i++) await createWebhook(community.owner, community.general, { name: `Hook ${i}` });
    assertError(await api.post(webhooksPath(community.general), { token: community.owner.token, body: { name: "Hook 11" } }), 409, "conflict");
    assert.equal(await db.count("webhooks WHERE channel_id = ?", community.general), 10);
    const other = await makeChannel(community.owner, community.id);
    await createWebhook(community.owner, other.id, { name: "Elsewhere" });
  });

  it("gives the author row nothing to sign in with, no place in user search and no way into a community", async () => {
    const community = await makeCommunity();
    const created = await createWebhook(community.owner, community.general, { name: uniqueName("Findable") });
    const authorId = await authorOf(created.id);
    const { username } = (await db.one<{ username: string }>("SELECT username FROM users WHERE id = ?", authorId))!;
    assertError(await api.post("/api/auth/login", { body: { username, password: "!webhook" } }), 401, "unauthorized");
    const search = await api.get(`/api/channels/users/search?q=${encodeURIComponent(created.name)}`, { token: community.owner.token });
    assert.deepEqual(search.body, []);
    const add = await api.post("/api/channels/community/add-member", { token: community.owner.token, body: { community_id: community.id, user_id: authorId } });
    assertError(add, 404, "not_found");
    const registered = await api.post("/api/auth/register", { body: { username, email: `${uniqueName()}@example.test`, password: "correct horse battery" } });
    assertError(registered, 400, "invalid_request");
  });
});

describe("GET /api/channels/{id}/webhooks", () => {
  it("lists the channel's webhooks oldest first, with their creator and without token or url", async () => {
    const community = await withAdmin();
    const first = await createWebhook(community.owner, community.general, { name: "First" });
    const second = await createWebhook(community.admin, community.general, { name: "Second", avatar_url: "https://example.test/2.png" });
    await createWebhook(community.owner, (await makeChannel(community.owner, community.id)).id, { name: "Another channel's" });
    const listed = await expectStatus(api.get(webhooksPath(community.general), { token: community.admin.token }), 200, "list webhooks");
    const summary = (user: TestUser) => ({ username: user.user.username, display_name: user.user.display_name, avatar_url: null });
    assert.deepEqual(listed.body as Webhook[], [
      { id: first.id, channel_id: community.general, name: "First", avatar_url: null, created_at: first.created_at, creator: summary(community.owner) },
      { id: second.id, channel_id: community.general, name: "Second", avatar_url: "https://example.test/2.png", created_at: second.created_at, creator: summary(community.admin) },
    ]);
    assert.ok(!listed.text.includes(first.token) && !listed.text.includes(second.token), "no token in the list");
  });

  it("answers a plain member 403 and an outsider as for a missing channel", async () => {
    const community = await withAdmin();
    const [outsider] = await makeUsers(1);
    assertError(await api.get(webhooksPath(community.general), { token: community.member.token }), 403, "forbidden");
    const hidden = await api.get(webhooksPath(community.general), { token: outsider.token });
    assertError(hidden, 404, "not_found");
    assert.equal(hidden.text, (await api.get(webhooksPath(MISSING_ID), { token: outsider.token })).text);
  });
});

describe("POST /api/webhooks/{id}/{token}", () => {
  it("posts without credentials as the webhook: is_bot, webhook_id, the webhook's name and avatar, a text message in the history", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    const webhook = await createWebhook(community.owner, community.general, { name: "Deploy bot", avatar_url: "https://example.test/deploy.png" });
    const response = await execute(webhook, { content: "  Deployed v1.2.3  " });
    assert.equal(response.status, 201, response.text);
    const sent = response.body as Message;
    assert.deepEqual(
      {
        channel_id: sent.channel_id, sender_id: sent.sender_id, content: sent.content, message_type: sent.message_type, author: sent.author,
        avatar_url: sent.avatar_url, is_bot: sent.is_bot, webhook_id: sent.webhook_id, nonce: sent.nonce, reply_to: sent.reply_to, ai: sent.ai,
      },
      {
        channel_id: community.general, sender_id: await authorOf(webhook.id), content: "Deployed v1.2.3", message_type: "text", author: "Deploy bot",
        avatar_url: "https://example.test/deploy.png", is_bot: true, webhook_id: webhook.id, nonce: null, reply_to: null, ai: null,
      },
    );
    const history = (await api.get(`/api/messages/channel/${community.general}`, { token: member.token })).body as Message[];
    assert.deepEqual(history.find((message) => message.id === sent.id), sent);
  });

  it("takes a username and avatar_url for one message, as in Discord", async () => {
    const community = await makeCommunity();
    const webhook = await createWebhook(community.owner, community.general, { name: "Deploy bot" });
    const overridden = await execute(webhook, { content: "from the build", username: "  Build #42 ", avatar_url: "https://example.test/build.png" });
    assert.equal(overridden.status, 201, overridden.text);
    assert.deepEqual([overridden.body.author, overridden.body.avatar_url], ["Build #42", "https://example.test/build.png"]);
    const plain = await execute(webhook, { content: "back to normal" });
    assert.deepEqual([plain.body.author, plain.body.avatar_url], ["Deploy bot", null]);
    for (const body of [{ content: "x", username: "" }, { content: "x", username: "u".repeat(81) }, { content: "x", avatar_url: "javascript:alert(1)" }, { content: "   " }]) {
      assertError(await execute(webhook, body), 400, "invalid_request");
    }
    assert.equal(await channelMessages(community.general), 2);
  });

  it("announces the message like any other: message_sent to a reader's socket, unread and mention counts", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    const webhook = await createWebhook(community.owner, community.general);
    const socket = track(await connectSocket(world.server.url, { token: member.token }));
    const events = socketEvents<Message>(socket, "message_sent");
    const response = await execute(webhook, { content: `Build failed, <@${member.user.id}> please look` });
    assert.equal(response.status, 201, response.text);
    const sent = response.body as Message;
    assert.deepEqual(sent.mentions, [member.user.id]);
    assert.deepEqual(await waitFor(events, (message) => message.id === sent.id, "message_sent"), sent);
    const channel = (await api.get(`/api/channels/${community.general}`, { token: member.token })).body;
    assert.deepEqual([channel.last_message_id, channel.unread_count, channel.mention_count], [sent.id, 1, 1]);
    const inbox = (await api.get("/api/users/me/mentions", { token: member.token })).body as Message[];
    assert.deepEqual(inbox.map((message) => message.id), [sent.id]);
  });

  it("treats @everyone and @here from a webhook as text", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    const webhook = await createWebhook(community.owner, community.general);
    const sent = (await execute(webhook, { content: "@everyone @here the site is down" })).body as Message;
    assert.equal(sent.mention_everyone, false);
    assert.deepEqual(sent.mentions, []);
    const channel = (await api.get(`/api/channels/${community.general}`, { token: member.token })).body;
    assert.deepEqual([channel.unread_count, channel.mention_count], [1, 0]);
  });

  it("ignores a Bearer token or a cookie sent along: it is still the webhook that posts", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    const webhook = await createWebhook(community.owner, community.general);
    const authorId = await authorOf(webhook.id);
    const cookie = await world.browserSession(member);
    const membersMessages = () => db.count("messages WHERE sender_id = ?", member.user.id);
    const before = await membersMessages();
    for (const credentials of [{ token: member.token }, { token: "not-a-token" }, { cookie }]) {
      const response = await execute(webhook, { content: "with credentials" }, credentials);
      assert.equal(response.status, 201, response.text);
      assert.deepEqual([response.body.sender_id, response.body.webhook_id, response.body.author], [authorId, webhook.id, "Deploy bot"]);
    }
    assert.equal(await membersMessages(), before, "nothing in the member's name (their join message aside)");
  });

  it("refuses a page of another site that sends a cookie along (the CSRF guard), so nobody's cookie is ever used here", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    const webhook = await createWebhook(community.owner, community.general);
    const cookie = await world.browserSession(member);
    const before = await channelMessages(community.general);
    const forged = await execute(webhook, { content: "from evil.example" }, { cookie, headers: { origin: "https://evil.example" } });
    assertError(forged, 403, "forbidden_origin");
    assert.equal(await channelMessages(community.general), before);
    // A server's request has no Origin and no cookie: the usual case.
    assert.equal((await execute(webhook, { content: "from a server" })).status, 201);
  });

  it("answers a wrong token with the body an unknown webhook gets, storing nothing", async () => {
    const community = await makeCommunity();
    const webhook = await createWebhook(community.owner, community.general);
    const before = await db.digest();
    const wrong = await api.post(executePath(webhook.id, WRONG_TOKEN), { body: { content: "guess" } });
    const swapped = await api.post(executePath(webhook.id, webhook.token.slice(1) + webhook.token[0]), { body: { content: "guess" } });
    const unknown = await api.post(executePath(MISSING_ID, webhook.token), { body: { content: "guess" } });
    assertError(wrong, 404, "not_found");
    assert.equal(wrong.text, unknown.text);
    assert.equal(swapped.text, unknown.text);
    assert.equal(await db.digest(), before, "nothing stored");
  });

  it("refuses a channel that has become a voice channel (400 voice_channel)", async () => {
    const community = await makeCommunity();
    const channel = await makeChannel(community.owner, community.id);
    const webhook = await createWebhook(community.owner, channel.id);
    await expectStatus(api.request("PATCH", `/api/channels/${channel.id}`, { token: community.owner.token, body: { type: "voice" } }), 200, "make it voice");
    assertError(await execute(webhook, { content: "anyone?" }), 400, "voice_channel");
    assert.equal(await channelMessages(channel.id), 0);
  });

  it("posts in private and announcement channels, which only their readers see", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    for (const type of ["private", "announcement"] as const) {
      const channel: Channel = await makeChannel(community.owner, community.id, { type });
      const webhook = await createWebhook(community.owner, channel.id);
      assert.equal((await execute(webhook, { content: `in ${type}` })).status, 201);
      const seen = await api.get(`/api/messages/channel/${channel.id}`, { token: member.token });
      assert.equal(seen.status, type === "private" ? 404 : 200, seen.text);
    }
  });
});

describe("DELETE /api/webhooks/{id}", () => {
  it("deletes it: the url answers as an unknown webhook, old messages keep author and avatar with webhook_id null", async () => {
    const community = await makeCommunity();
    const webhook = await createWebhook(community.owner, community.general, { name: "Deploy bot", avatar_url: "https://example.test/deploy.png" });
    const posted = [(await execute(webhook, { content: "one" })).body as Message, (await execute(webhook, { content: "two", username: "Other name" })).body as Message];
    const authorId = await authorOf(webhook.id);
    const deleted = await api.request("DELETE", `/api/webhooks/${webhook.id}`, { token: community.owner.token });
    assert.equal(deleted.status, 204, deleted.text);

    const after = await api.post(webhook.url, { body: { content: "still here?" } });
    assertError(after, 404, "not_found");
    assert.equal(after.text, (await api.post(executePath(MISSING_ID, webhook.token), { body: { content: "still here?" } })).text);
    const history = ((await api.get(`/api/messages/channel/${community.general}`, { token: community.owner.token })).body as Message[]).filter((m) => m.sender_id === authorId);
    assert.deepEqual(
      history.map((m) => [m.id, m.author, m.avatar_url, m.webhook_id, m.is_bot]),
      [
        [posted[0].id, "Deploy bot", "https://example.test/deploy.png", null, true],
        [posted[1].id, "Other name", "https://example.test/deploy.png", null, true],
      ],
    );
    assert.equal(await db.count("messages WHERE webhook_id = ?", webhook.id), 0);
    assert.deepEqual((await api.get(webhooksPath(community.general), { token: community.owner.token })).body, []);

    const audit = (await api.get(`/api/channels/communities/${community.id}/audit-log?action=webhook_delete`, { token: community.owner.token })).body;
    assert.deepEqual(
      audit.map((entry: { target_type: string; target_id: string; changes: unknown }) => [entry.target_type, entry.target_id, entry.changes]),
      [["webhook", String(webhook.id), { channel_id: community.general, name: "Deploy bot" }]],
    );
    // The author row stays for its messages, as a deleted account: not to be found or added.
    assert.notEqual((await db.one<{ deleted_at: unknown }>("SELECT deleted_at FROM users WHERE id = ?", authorId))?.deleted_at, null);
    const add = await api.post("/api/channels/community/add-member", { token: community.owner.token, body: { community_id: community.id, user_id: authorId } });
    assertError(add, 404, "not_found");
  });

  it("lets an admin delete; a plain member gets 403, an outsider the 404 of a missing webhook, and nothing changes", async () => {
    const community = await withAdmin();
    const [outsider] = await makeUsers(1);
    const webhook = await createWebhook(community.owner, community.general);
    const before = await db.digest();
    assertError(await api.request("DELETE", `/api/webhooks/${webhook.id}`, { token: community.member.token }), 403, "forbidden");
    const hidden = await api.request("DELETE", `/api/webhooks/${webhook.id}`, { token: outsider.token });
    assertError(hidden, 404, "not_found");
    assert.equal(hidden.text, (await api.request("DELETE", `/api/webhooks/${MISSING_ID}`, { token: outsider.token })).text);
    assert.equal(await db.digest(), before);
    assert.equal((await api.request("DELETE", `/api/webhooks/${webhook.id}`, { token: community.admin.token })).status, 204);
  });

  it("goes with its channel, and with its community: the url stops working and the author rows are retired", async () => {
    const community = await makeCommunity();
    const channel = await makeChannel(community.owner, community.id);
    const inChannel = await createWebhook(community.owner, channel.id);
    const inGeneral = await createWebhook(community.owner, community.general);
    const authors = [await authorOf(inChannel.id), await authorOf(inGeneral.id)];
    await execute(inChannel, { content: "before the channel goes" });

    await expectStatus(api.request("DELETE", `/api/channels/${channel.id}`, { token: community.owner.token }), 200, "delete channel");
    assert.equal(await db.count("webhooks WHERE id = ?", inChannel.id), 0);
    assertError(await execute(inChannel, { content: "gone?" }), 404, "not_found");
    assert.equal((await execute(inGeneral, { content: "the other one works" })).status, 201);

    await expectStatus(api.request("DELETE", `/api/channels/communities/${community.id}`, { token: community.owner.token }), 200, "delete community");
    assert.equal(await db.count("webhooks WHERE id = ?", inGeneral.id), 0);
    assertError(await execute(inGeneral, { content: "gone?" }), 404, "not_found");
    const retired = await db.all<{ deleted_at: unknown }>(`SELECT deleted_at FROM users WHERE id IN (${authors.join(", ")})`);
    assert.deepEqual(retired.map((row) => row.deleted_at !== null), [true, true]);
  });
});

describe("webhook rate limits", () => {
  // Per-webhook budget of 3 a minute and 20 unauthenticated requests per address, each test from
  // addresses of its own (the server trusts X-Real-IP); every other limit out of reach.
  const limited = useServer({ env: { RATE_LIMITS: `${TEST_RATE_LIMITS},webhook=3/60,anonymous=20/60`, TRUST_PROXY: "1" } });
  const { createWebhook: create } = helpers(limited);
  let address = 0;
  const from = () => ({ "x-real-ip": `10.18.${process.pid % 250}.${++address}` });
  const post = (url: string, headers = from()) => limited.api.post(url, { body: { content: uniqueName("ping") }, headers });

  function assertRefused(response: ApiResponse, limit: string) {
    assertError(response, 429, "rate_limited");
    assert.equal(response.body.error.details.limit, limit);
    assert.ok(response.body.error.details.retry_after > 0);
    assert.equal(response.headers.get("x-ratelimit-remaining"), "0");
  }

  it("refuses a webhook's 4th message within a minute with 429, each webhook counted apart", async () => {
    const community = await limited.makeCommunity();
    const [first, second] = [await create(community.owner, community.general), await create(community.owner, community.general)];
    for (let i = 0; i < 3; i++) assert.equal((await post(first.url)).status, 201);
    assertRefused(await post(first.url), "webhook");
    assert.equal((await post(second.url)).status, 201, "another webhook has its own budget");
    assert.equal(await limited.db.count("messages WHERE webhook_id = ?", first.id), 3);
  });

  it("does not count wrong-token guesses against the webhook's budget", async () => {
    const community = await limited.makeCommunity();
    const webhook = await create(community.owner, community.general);
    for (let i = 0; i < 10; i++) {
      const guess = await post(executePath(webhook.id, WRONG_TOKEN));
      assertError(guess, 404, "not_found");
      assert.notEqual(guess.headers.get("x-ratelimit-limit"), "3", "a guess meets no webhook limit");
    }
    for (let i = 0; i < 3; i++) assert.equal((await post(webhook.url)).status, 201);
    assertRefused(await post(webhook.url), "webhook");
  });

  it("counts unauthenticated posts per address (the anonymous limit), right token or wrong", async () => {
    const community = await limited.makeCommunity();
    const webhook = await create(community.owner, community.general);
    const address = from();
    for (let i = 0; i < 20; i++) assertError(await post(executePath(webhook.id, WRONG_TOKEN), address), 404, "not_found");
    assertRefused(await post(webhook.url, address), "anonymous");
    assert.equal((await post(webhook.url)).status, 201, "another address is not held back");
  });
});
