import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, describe, it } from "node:test";
import type { TestUser } from "./helpers/api";
import { closeAll, emitAck, expectNone, socketEvents, track, waitFor } from "./helpers/events";
import { connectSocket } from "./helpers/socket";
import { assertError, expectStatus, MISSING_ID, useServer, type TestCommunity } from "./helpers/world";

// Timeouts (PATCH …/members/{user_id} { timeout_until }) and slowmode (channels' rate_limit_per_user).

after(closeAll);

const world = useServer();
const { api, db, makeCommunity, makeMember, setRole, postMessage } = world;

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const memberPath = (community: TestCommunity, user: TestUser) => `/api/channels/communities/${community.id}/members/${user.user.id}`;
const timeout = (actor: TestUser, community: TestCommunity, target: TestUser, until: string | null, reason?: string) =>
  api.request("PATCH", memberPath(community, target), { token: actor.token, body: { timeout_until: until, ...(reason && { reason }) } });
const send = (user: TestUser, channelId: number, content = "hello") => api.post("/api/messages/send", { token: user.token, body: { channel_id: channelId, content } });

describe("timeouts", () => {
  it("lets a timed-out member read but not send, edit or type, with 403 timed_out and details.until", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    const earlier = await postMessage(member, community.general, "before the timeout");
    const until = inMinutes(10);
    const updated = await expectStatus(timeout(community.owner, community, member, until, "spamming"), 200, "time out");
    assert.equal(Date.parse(updated.body.timeout_until), Date.parse(until));

    const refused = await send(member, community.general);
    assertError(refused, 403, "timed_out");
    assert.equal(Date.parse(refused.body.error.details.until), Date.parse(until));
    assertError(await api.request("PUT", `/api/messages/${earlier.id}`, { token: member.token, body: { content: "edited" } }), 403, "timed_out");
    assert.equal((await api.get(`/api/messages/channel/${community.general}`, { token: member.token })).status, 200, "reading still works");

    const socket = track(await connectSocket(world.server.url, { token: member.token }));
    const ack = await emitAck(socket, "send_message", { channel_id: community.general, content: "via socket" });
    assert.equal(ack.error?.code, "timed_out");
    assert.equal(await db.count("messages WHERE sender_id = ? AND message_type <> 'system'", member.user.id), 1, "only the message from before (and the join message)");

    const watcher = track(await connectSocket(world.server.url, { token: community.owner.token }));
    await emitAck(watcher, "join_channel", { channel_id: community.general });
    await emitAck(socket, "join_channel", { channel_id: community.general });
    const typing = socketEvents<{ user_id: number; is_typing: boolean }>(watcher, "typing");
    socket.emit("typing", { channel_id: community.general, is_typing: true });
    await expectNone(typing, (event) => event.user_id === member.user.id, 500, "a timed-out member's typing indicator");
    // The same indicator goes through once the timeout ends.
    await expectStatus(timeout(community.owner, community, member, null), 200, "end the timeout");
    socket.emit("typing", { channel_id: community.general, is_typing: true });
    await waitFor(typing, (event) => event.user_id === member.user.id && event.is_typing, "the indicator after the timeout");
  });

  it("ends a timeout with null, and the member sends again", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    await expectStatus(timeout(community.owner, community, member, inMinutes(5)), 200, "time out");
    const cleared = await expectStatus(timeout(community.owner, community, member, null), 200, "end the timeout");
    assert.equal(cleared.body.timeout_until, null);
    assert.equal((await send(member, community.general)).status, 201);
  });

  it("ends by itself when the time has passed", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    await expectStatus(timeout(community.owner, community, member, new Date(Date.now() + 1500).toISOString()), 200, "time out");
    assertError(await send(member, community.general), 403, "timed_out");
    await sleep(1600);
    assert.equal((await send(member, community.general)).status, 201);
  });

  it("tells every member's client live (community_member_updated with timeout_until)", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    const socket = track(await connectSocket(world.server.url, { token: member.token }));
    const updates = socketEvents<{ community_id: number; user: { id: number; timeout_until: string | null } }>(socket, "community_member_updated");
    const until = inMinutes(3);
    await expectStatus(timeout(community.owner, community, member, until), 200, "time out");
    const event = await waitFor(updates, (e) => e.user.id === member.user.id, "the timeout event");
    assert.equal(Date.parse(event.user.timeout_until!), Date.parse(until));
  });

  it("follows the kick hierarchy: owner over anyone, admins over plain members only, members not at all", async () => {
    const community = await makeCommunity();
    const [admin, otherAdmin, member, bystander] = await Promise.all([makeMember(community), makeMember(community), makeMember(community), makeMember(community)]);
    await setRole(community.owner, community.id, admin, "admin");
    await setRole(community.owner, community.id, otherAdmin, "admin");
    assert.equal((await timeout(admin, community, member, inMinutes(1))).status, 200, "admin → member");
    assertError(await timeout(admin, community, otherAdmin, inMinutes(1)), 403, "forbidden");
    assertError(await timeout(admin, community, community.owner, inMinutes(1)), 403, "forbidden");
    assertError(await timeout(bystander, community, member, inMinutes(1)), 403, "forbidden");
    assert.equal((await timeout(community.owner, community, otherAdmin, inMinutes(1))).status, 200, "owner → admin");
    assertError(await timeout(community.owner, community, community.owner, inMinutes(1)), 400, "invalid_request");
  });

  it("answers 404 for a community the caller is not in and a user who is not a member, with the bodies of absence", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    const outsider = await world.api.register();
    const stranger = await makeCommunity();
    const notIn = await timeout(outsider, community, member, inMinutes(1));
    assertError(notIn, 404, "not_found");
    const missing = await api.request("PATCH", `/api/channels/communities/${MISSING_ID}/members/${member.user.id}`, { token: outsider.token, body: { timeout_until: inMinutes(1) } });
    assert.deepEqual(notIn.body, missing.body);
    assertError(await timeout(community.owner, community, stranger.owner, inMinutes(1)), 404, "not_found");
  });

  it("refuses a timeout in the past, over 28 days, or together with a role change (400), changing nothing", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    const digest = await db.digest();
    assertError(await timeout(community.owner, community, member, new Date(Date.now() - 60_000).toISOString()), 400, "invalid_request");
    assertError(await timeout(community.owner, community, member, inMinutes(28 * 24 * 60 + 5)), 400, "invalid_request");
    assertError(await timeout(community.owner, community, member, "tomorrow"), 400, "invalid_request");
    const both = await api.request("PATCH", memberPath(community, member), { token: community.owner.token, body: { role: "admin", timeout_until: inMinutes(1) } });
    assertError(both, 400, "invalid_request");
    assert.equal(await db.digest(), digest);
  });

  it("records the timeout in the audit log with its reason", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    const until = inMinutes(7);
    await expectStatus(timeout(community.owner, community, member, until, "cool down"), 200, "time out");
    const entry = await db.one<{ actor_id: number; target_id: string; reason: string; changes: string }>(
      "SELECT actor_id, target_id, reason, changes FROM audit_log_entries WHERE community_id = ? AND action = 'member_timeout'",
      community.id,
    );
    assert.ok(entry);
    assert.equal(Number(entry.actor_id), community.owner.user.id);
    assert.equal(entry.target_id, String(member.user.id));
    assert.equal(entry.reason, "cool down");
    assert.deepEqual(JSON.parse(entry.changes), { timeout_until: { old: null, new: new Date(until).toISOString() } });
  });
});

describe("slowmode", () => {
  const setSlowmode = (actor: TestUser, channelId: number, seconds: number) =>
    api.request("PATCH", `/api/channels/${channelId}`, { token: actor.token, body: { rate_limit_per_user: seconds } });

  it("makes members wait rate_limit_per_user seconds between messages (429 with retry_after); admins and the owner are exempt", async () => {
    const community = await makeCommunity();
    const [member, admin] = await Promise.all([makeMember(community), makeMember(community)]);
    await setRole(community.owner, community.id, admin, "admin");
    const updated = await expectStatus(setSlowmode(community.owner, community.general, 2), 200, "slowmode on");
    assert.equal(updated.body.rate_limit_per_user, 2);

    assert.equal((await send(member, community.general)).status, 201);
    const refused = await send(member, community.general);
    assertError(refused, 429, "rate_limited");
    const retryAfter = refused.body.error.details.retry_after;
    assert.ok(retryAfter > 0 && retryAfter <= 2, `retry_after ${retryAfter}`);
    assert.equal(refused.headers.get("retry-after"), String(Math.ceil(retryAfter)));

    for (const exempt of [admin, community.owner]) {
      assert.deepEqual([(await send(exempt, community.general)).status, (await send(exempt, community.general)).status], [201, 201]);
    }
    await sleep(retryAfter * 1000 + 100);
    assert.equal((await send(member, community.general)).status, 201);
  });

  it("is off at 0, which every channel starts with", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    const channel = await api.get(`/api/channels/${community.general}`, { token: member.token });
    assert.equal(channel.body.rate_limit_per_user, 0);
    await expectStatus(setSlowmode(community.owner, community.general, 5), 200, "on");
    await expectStatus(setSlowmode(community.owner, community.general, 0), 200, "off");
    assert.deepEqual([(await send(member, community.general)).status, (await send(member, community.general)).status], [201, 201]);
  });

  it("is set by admins and the owner only, between 0 and 21600 s", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    assertError(await setSlowmode(member, community.general, 10), 403, "forbidden");
    assertError(await setSlowmode(community.owner, community.general, 21_601), 400, "invalid_request");
    assertError(await setSlowmode(community.owner, community.general, -1), 400, "invalid_request");
    assert.equal((await setSlowmode(community.owner, community.general, 21_600)).status, 200);
  });
});
