import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, describe, it } from "node:test";
import { uniqueName, type ApiResponse, type TestUser } from "./helpers/api";
import { closeAll, emitAck, expectNone, socketEvents, track } from "./helpers/events";
import { connectSocket } from "./helpers/socket";
import { assertError, expectStatus, useServer } from "./helpers/world";

// The rate limits with their defaults (RATE_LIMITS unset), against the audit's findings: one user
// sent 144 messages/s over REST and 513/s over the socket, 200 registrations came from one address in
// 14 s, no response said anything about limits, and 11 wrong passwords locked the owner out.
//
// The server trusts a proxy (TRUST_PROXY=1), so that a test can speak from several addresses with
// X-Real-IP; a second server without it shows that a client cannot choose its address.

after(closeAll);

const world = useServer({ env: { RATE_LIMITS: undefined, TRUST_PROXY: "1" } });
const { api, db } = world;

let addressCounter = 0;
/** An address no other test of this file uses. */
const freshAddress = () => `10.${process.pid % 250}.${Math.floor(++addressCounter / 250)}.${addressCounter % 250}`;

async function registerFrom(address: string, client = api): Promise<ApiResponse> {
  const username = uniqueName();
  return client.post("/api/auth/register", {
    headers: { "x-real-ip": address },
    body: { username, email: `${username}@example.test`, password: "correct horse battery" },
  });
}

/** A new user, each from an address of their own (registrations per address are limited). */
async function newUser(): Promise<TestUser> {
  const response = await expectStatus(registerFrom(freshAddress()), 201, "register");
  return { token: response.body.token, user: response.body.user, password: "correct horse battery" };
}

function login(username: string, password: string, address: string) {
  return api.post("/api/auth/login", { headers: { "x-real-ip": address }, body: { username, password } });
}

function assertLimitHeaders(response: ApiResponse, limit?: number): void {
  const header = (name: string) => response.headers.get(name);
  assert.match(header("x-ratelimit-limit") ?? "", /^\d+$/, "X-RateLimit-Limit");
  if (limit !== undefined) assert.equal(Number(header("x-ratelimit-limit")), limit);
  assert.match(header("x-ratelimit-remaining") ?? "", /^\d+$/, "X-RateLimit-Remaining");
  const reset = Number(header("x-ratelimit-reset"));
  assert.ok(Math.abs(reset - Date.now() / 1000) < 24 * 3600, `X-RateLimit-Reset is epoch seconds: ${reset}`);
  assert.match(header("x-ratelimit-reset-after") ?? "", /^\d+(\.\d+)?$/, "X-RateLimit-Reset-After");
}

function assertRefused(response: ApiResponse): number {
  assertError(response, 429, "rate_limited");
  assertLimitHeaders(response);
  assert.equal(response.headers.get("x-ratelimit-remaining"), "0");
  const retryAfter = response.body.error.details?.retry_after;
  assert.equal(typeof retryAfter, "number", response.text);
  assert.ok(retryAfter > 0);
  assert.equal(Number(response.headers.get("retry-after")), Math.max(1, Math.ceil(retryAfter)), "Retry-After in whole seconds");
  return retryAfter;
}

async function communityWithMember() {
  const owner = await newUser();
  const member = await newUser();
  const created = await expectStatus(api.post("/api/channels/communities", { token: owner.token, body: { name: uniqueName("c") } }), 201, "create community");
  await expectStatus(api.post(`/api/channels/communities/${created.body.id}/join`, { token: member.token }), 200, "join");
  const channels = await api.get(`/api/channels/communities/${created.body.id}/channels`, { token: owner.token });
  return { owner, member, communityId: created.body.id as number, general: channels.body[0].id as number };
}

describe("headers", () => {
  it("every answer of a limited route says where the caller stands: X-RateLimit-Limit, -Remaining, -Reset, -Reset-After", async () => {
    const user = await newUser();
    const first = await api.get("/api/auth/me", { token: user.token });
    assertLimitHeaders(first, 600);
    const second = await api.get("/api/auth/me", { token: user.token });
    assert.equal(Number(second.headers.get("x-ratelimit-remaining")), Number(first.headers.get("x-ratelimit-remaining")) - 1);
    assertLimitHeaders(await api.get("/api/does-not-exist/really"), undefined);
    // Errors count and say so too.
    assertLimitHeaders(await api.get("/api/channels/communities/2147483647", { token: user.token }), 600);
  });
});

describe("messages", () => {
  it("cuts a REST flood in one channel at 5 messages per 5 s: 429 with Retry-After and details.retry_after, nothing more stored", async () => {
    const { member, general } = await communityWithMember();
    const responses = [];
    for (let i = 0; i < 8; i++) responses.push(await api.post("/api/messages/send", { token: member.token, body: { channel_id: general, content: `flood ${i}` } }));
    assert.deepEqual(responses.map((r) => r.status), [201, 201, 201, 201, 201, 429, 429, 429]);
    assertLimitHeaders(responses[0], 5);
    assert.equal(responses[4].headers.get("x-ratelimit-remaining"), "0");
    const retryAfter = assertRefused(responses[5]);
    assert.ok(retryAfter <= 5);
    assert.equal(await db.count("messages WHERE sender_id = ? AND message_type <> 'system'", member.user.id), 5, "the join message, sent as the member, is not theirs to count");
    await sleep(retryAfter * 1000 + 100);
    assert.equal((await api.post("/api/messages/send", { token: member.token, body: { channel_id: general, content: "later" } })).status, 201, "allowed again once the window has passed");
  });

  it("counts per channel: a flood in one channel does not stop the sender elsewhere or anyone else in it", async () => {
    const { owner, member, communityId, general } = await communityWithMember();
    const other = await expectStatus(api.post(`/api/channels/communities/${communityId}/channels`, { token: owner.token, body: { name: "other" } }), 201, "channel");
    for (let i = 0; i < 6; i++) await api.post("/api/messages/send", { token: member.token, body: { channel_id: general, content: `flood ${i}` } });
    assert.equal((await api.post("/api/messages/send", { token: member.token, body: { channel_id: other.body.id, content: "elsewhere" } })).status, 201);
    assert.equal((await api.post("/api/messages/send", { token: owner.token, body: { channel_id: general, content: "owner" } })).status, 201);
  });

  it("answers a socket flood in the ack: rate_limited with details.retry_after", async () => {
    const { member, general } = await communityWithMember();
    const socket = track(await connectSocket(world.server.url, { token: member.token }));
    const acks = [];
    for (let i = 0; i < 7; i++) acks.push(await emitAck(socket, "send_message", { channel_id: general, content: `socket flood ${i}` }));
    assert.deepEqual(acks.map((ack) => ack.ok === true), [true, true, true, true, true, false, false]);
    assert.equal(acks[5].error.code, "rate_limited");
    assert.ok(acks[5].error.details.retry_after > 0);
    assert.equal(await db.count("messages WHERE sender_id = ? AND message_type <> 'system'", member.user.id), 5, "the join message, sent as the member, is not theirs to count");
  });

  it("limits direct messages per conversation the same way", async () => {
    const [sender, receiver] = [await newUser(), await newUser()];
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await api.post("/api/messages/direct/send", { token: sender.token, body: { receiver_id: receiver.user.id, content: `dm ${i}` } })).status);
    }
    assert.deepEqual(statuses, [201, 201, 201, 201, 201, 429]);
  });
});

describe("socket events", () => {
  it("limits every event of a user (300 per minute) and answers the one over it in its ack", async () => {
    const { member, general } = await communityWithMember();
    const socket = track(await connectSocket(world.server.url, { token: member.token }));
    const acks = await Promise.all(Array.from({ length: 305 }, () => emitAck(socket, "join_channel", { channel_id: general })));
    assert.equal(acks.filter((ack) => ack.ok).length, 300);
    const refused = acks.find((ack) => !ack.ok);
    assert.equal(refused.error.code, "rate_limited");
  });

  it("limits typing indicators to 20 per 10 s per user, in channels and DMs together: the ones over it are not shown", async () => {
    const { owner, member, general } = await communityWithMember();
    const peer = await newUser();
    const [typist, watcher, peerSocket] = await Promise.all([member, owner, peer].map((user) => connectSocket(world.server.url, { token: user.token }).then(track)));
    for (const socket of [typist, watcher]) assert.deepEqual(await emitAck(socket, "join_channel", { channel_id: general }), { ok: true });
    const inChannel = socketEvents<{ user_id: number }>(watcher, "typing");
    const inConversation = socketEvents<{ user_id: number }>(peerSocket, "direct_typing");
    const fromTypist = (event: { user_id: number }) => event.user_id === member.user.id;

    for (let i = 0; i < 15; i++) typist.emit("typing", { channel_id: general, is_typing: true });
    await inChannel.waitForCount(fromTypist, 15, "typing in the channel");
    for (let i = 0; i < 10; i++) typist.emit("direct_typing", { user_id: peer.user.id, is_typing: true });
    await inConversation.waitForCount(fromTypist, 5, "typing in the conversation");
    await expectNone(inConversation, fromTypist, 500, "a sixth indicator in the conversation", 5);
  });
});

describe("registrations", () => {
  it("cuts 200 registrations from one address off after 10 (an hour's worth)", async () => {
    const address = freshAddress();
    const responses: ApiResponse[] = [];
    for (let i = 0; i < 200; i++) responses.push(await registerFrom(address));
    assert.deepEqual(responses.map((r) => r.status), [...Array(10).fill(201), ...Array(190).fill(429)]);
    // The 11th is refused by `register` for the rest of the hour (from the 121st, `anonymous` refuses too).
    assert.ok(assertRefused(responses[10]) > 3500, "the window is an hour");
    assert.equal(responses[10].body.error.details.limit, "register");
    assert.equal((await registerFrom(freshAddress())).status, 201, "another address is not affected");
  });

  describe("without a trusted proxy", () => {
    const direct = useServer({ env: { RATE_LIMITS: undefined } });
    it("counts the connection's address: X-Real-IP and X-Forwarded-For sent by a client change nothing", async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const username = uniqueName();
        const response = await direct.api.post("/api/auth/register", {
          headers: { "x-real-ip": `192.0.2.${i}`, "x-forwarded-for": `198.51.100.${i}` },
          body: { username, email: `${username}@example.test`, password: "correct horse battery" },
        });
        statuses.push(response.status);
      }
      assert.deepEqual(statuses, [...Array(10).fill(201), 429, 429]);
    });
  });
});

describe("sign-in defence", () => {
  it("11 wrong passwords do not lock the owner out: they sign in from their own address at once", async () => {
    const owner = await newUser();
    const attacker = freshAddress();
    const answers: number[] = [];
    for (let i = 0; i < 11; i++) answers.push((await login(owner.user.username, `guess-${i}`, attacker)).status);
    assert.deepEqual(answers.slice(0, 3), [401, 401, 401]);
    assert.ok(answers.slice(3).every((status) => status === 429), `the attacker is slowed down: ${answers}`);
    const signedIn = await login(owner.user.username, owner.password, freshAddress());
    assert.equal(signedIn.status, 200, signedIn.text);
  });

  it("makes an address wait longer after each failure for the same account (1 s, then 2 s, …), and a success clears it", async () => {
    const user = await newUser();
    const address = freshAddress();
    for (let i = 0; i < 3; i++) assert.equal((await login(user.user.username, "wrong password", address)).status, 401);
    const first = assertRefused(await login(user.user.username, user.password, address));
    assert.ok(first > 0 && first <= 1, `first delay ${first}`);
    await sleep(first * 1000 + 50);
    assert.equal((await login(user.user.username, "wrong again", address)).status, 401);
    const second = assertRefused(await login(user.user.username, user.password, address));
    assert.ok(second > 1 && second <= 2, `second delay ${second}`);
    await sleep(second * 1000 + 50);
    assert.equal((await login(user.user.username, user.password, address)).status, 200, "the right password after the wait");
    assert.equal((await login(user.user.username, "wrong once more", address)).status, 401, "and the count starts again");
  });

  it("stops credential stuffing: many accounts tried from one address are cut off at 30 attempts a minute", async () => {
    const address = freshAddress();
    const victims = await Promise.all(Array.from({ length: 3 }, () => newUser()));
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await login(`${uniqueName("nobody")}`, "password123", address)).status);
    assert.deepEqual(statuses, Array(30).fill(401));
    for (const victim of victims) assertRefused(await login(victim.user.username, victim.password, address));
    assert.equal((await login(victims[0].user.username, victims[0].password, freshAddress())).status, 200, "the accounts themselves are not locked");
  });
});

describe("RATE_LIMITS", () => {
  const custom = useServer({ env: { RATE_LIMITS: "message=2/60,login_failures=3/3600" } });
  it("overrides the defaults (name=points/seconds)", async () => {
    const { api: client } = custom;
    const owner = await client.register();
    const created = await client.post("/api/channels/communities", { token: owner.token, body: { name: uniqueName("c") } });
    const channels = await client.get(`/api/channels/communities/${created.body.id}/channels`, { token: owner.token });
    const send = () => client.post("/api/messages/send", { token: owner.token, body: { channel_id: channels.body[0].id, content: "x" } });
    assert.deepEqual([(await send()).status, (await send()).status, (await send()).status], [201, 201, 429]);
  });

  it("login_failures counts failures per address across accounts", async () => {
    const { api: client } = custom;
    const user = await client.register();
    for (let i = 0; i < 3; i++) {
      assert.equal((await client.post("/api/auth/login", { body: { username: uniqueName("nobody"), password: "password123" } })).status, 401);
    }
    assertError(await client.post("/api/auth/login", { body: { username: user.user.username, password: user.password } }), 429, "rate_limited");
  });
});
