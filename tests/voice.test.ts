import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { afterEach, describe, it } from "node:test";
import { io, type Socket } from "socket.io-client";
import type { TestUser } from "./helpers/api";
import { closeAll, Collector, emitAck, expectNone, socketEvents, track, waitFor } from "./helpers/events";
import { assertError, MISSING_ID, useServer } from "./helpers/world";

// Voice channels over real sockets: who hears of every voice event and who must not, the signaling
// relay refusing anyone who is not a participant, the capacity, and leaving on disconnect, kick,
// ban, timeout and the channel going away. (The audio itself is WebRTC in the browser:
// e2e/voice.spec.ts, and across two nodes tests/cluster/voice-cluster.test.ts.)

const GRACE_MS = 400;
const MAX = 3;
const world = useServer({ env: { PRESENCE_GRACE_MS: String(GRACE_MS), VOICE_MAX_PARTICIPANTS: String(MAX) } });
const { api, makeUsers, makeCommunity, joinCommunity, makeChannel, setRole } = world;
afterEach(() => closeAll());

const EVENTS = ["voice_participants", "voice_state_updated", "voice_signal", "voice_disconnected"] as const;
type VoiceEventName = (typeof EVENTS)[number];

interface Tab {
  socket: Socket;
  user: TestUser;
  events: Record<VoiceEventName, Collector<any>>;
}

async function connect(user: TestUser): Promise<Tab> {
  const socket = track(io(world.server.url, { transports: ["websocket"], reconnection: false, forceNew: true, auth: { token: user.token } }));
  const events = Object.fromEntries(EVENTS.map((name) => [name, socketEvents(socket, name)])) as Tab["events"];
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  return { socket, user, events };
}

const inChannel = (channelId: number) => (event: { channel_id: number }) => event.channel_id === channelId;
const ids = (event: { participants: { user_id: number }[] }) => event.participants.map((p) => p.user_id);
const withIds = (channelId: number, userIds: number[]) => (event: any) => event.channel_id === channelId && JSON.stringify(ids(event)) === JSON.stringify(userIds);

function assertOk(ack: any): void {
  assert.equal(ack?.ok, true, `expected ok, got ${JSON.stringify(ack)}`);
}

function assertAckError(ack: any, code: string): void {
  assert.equal(ack?.ok, undefined, `expected ${code}, got ${JSON.stringify(ack)}`);
  assert.equal(ack?.error?.code, code, `expected ${code}, got ${JSON.stringify(ack)}`);
}

async function join(tab: Tab, channelId: number): Promise<any> {
  const ack = await emitAck(tab.socket, "voice_join", { channel_id: channelId });
  assertOk(ack);
  return ack;
}

/** A community with a voice channel, its owner and `members` more members. */
async function voiceCommunity(members: number) {
  const [owner, ...rest] = await makeUsers(members + 1);
  const community = await makeCommunity(owner);
  for (const user of rest) await joinCommunity(user, community.id);
  const voice = await makeChannel(owner, community.id, { type: "voice", name: "Lounge" });
  return { owner, members: rest, communityId: community.id, general: community.general, voiceId: voice.id as number };
}

async function participantsOf(user: TestUser, channelId: number): Promise<number[]> {
  const response = await api.get(`/api/channels/${channelId}/voice`, { token: user.token });
  assert.equal(response.status, 200, response.text);
  return ids(response.body);
}

describe("voice_join and voice_participants", () => {
  it("joins, acks the participants and ICE servers, and tells every reader of the channel, nobody else", async () => {
    const { owner, members: [alice, bob], voiceId } = await voiceCommunity(2);
    const [outsider] = await makeUsers(1);
    const [ownerTab, aliceTab, bobTab, outsiderTab] = await Promise.all([owner, alice, bob, outsider].map(connect));

    const ack = await join(aliceTab, voiceId);
    assert.deepEqual(ack.ice_servers, []);
    assert.equal(ack.ice_transport_policy, "all");
    assert.deepEqual(ack.participants, [
      { user_id: alice.user.id, username: alice.user.username, display_name: alice.user.display_name, avatar_url: null, self_mute: false, self_deaf: false },
    ]);
    for (const tab of [ownerTab, aliceTab, bobTab]) {
      const event = await waitFor(tab.events.voice_participants, withIds(voiceId, [alice.user.id]), "voice_participants");
      assert.deepEqual(event, { channel_id: voiceId, version: ack.version, participants: ack.participants });
    }
    await join(bobTab, voiceId);
    await waitFor(ownerTab.events.voice_participants, withIds(voiceId, [alice.user.id, bob.user.id]), "both, in join order");
    await expectNone(outsiderTab.events.voice_participants, () => true, 300, "voice_participants to an outsider");

    assert.deepEqual(await participantsOf(owner, voiceId), [alice.user.id, bob.user.id]);
    assertError(await api.get(`/api/channels/${voiceId}/voice`, { token: outsider.token }), 404, "not_found");
    const missing = await api.get(`/api/channels/${MISSING_ID}/voice`, { token: outsider.token });
    assertError(missing, 404, "not_found");
    assert.deepEqual((await api.get(`/api/channels/${voiceId}/voice`, { token: outsider.token })).body, missing.body);
  });

  it("refuses a text channel, another community's voice channel, a missing channel and a bad payload, changing nothing", async () => {
    const { owner, members: [alice], voiceId, general } = await voiceCommunity(1);
    const other = await voiceCommunity(0);
    const aliceTab = await connect(alice);
    assertAckError(await emitAck(aliceTab.socket, "voice_join", { channel_id: general }), "not_found");
    assertAckError(await emitAck(aliceTab.socket, "voice_join", { channel_id: other.voiceId }), "not_found");
    assertAckError(await emitAck(aliceTab.socket, "voice_join", { channel_id: MISSING_ID }), "not_found");
    assertAckError(await emitAck(aliceTab.socket, "voice_join", { channel_id: "1" }), "invalid_request");
    assertAckError(await emitAck(aliceTab.socket, "voice_join", { channel_id: voiceId, extra: true }), "invalid_request");
    assert.deepEqual(await participantsOf(owner, voiceId), []);
    assert.deepEqual(await participantsOf(other.owner, other.voiceId), []);
    assert.deepEqual(await participantsOf(owner, general), [], "a text channel has nobody in it");
  });

  it(`refuses a participant beyond VOICE_MAX_PARTICIPANTS (${MAX}) with 409 voice_full`, async () => {
    const { owner, members, voiceId } = await voiceCommunity(MAX);
    const tabs = await Promise.all([owner, ...members].map(connect));
    for (const tab of tabs.slice(0, MAX)) await join(tab, voiceId);
    const refused = await emitAck(tabs[MAX].socket, "voice_join", { channel_id: voiceId });
    assertAckError(refused, "voice_full");
    assert.deepEqual(refused.error.details, { max: MAX });
    assert.deepEqual(await participantsOf(owner, voiceId), tabs.slice(0, MAX).map((tab) => tab.user.user.id));
    // A place that frees up can be taken.
    assertOk(await emitAck(tabs[0].socket, "voice_leave", { channel_id: voiceId }));
    await join(tabs[MAX], voiceId);
  });

  it("people joining and leaving at once: the latest list each reader got (by version) is the channel's final state", async () => {
    const { owner, members, voiceId } = await voiceCommunity(MAX);
    const watcher = await connect(owner);
    const tabs = await Promise.all(members.map(connect));
    const latest = () => watcher.events.voice_participants.matching(inChannel(voiceId)).reduce((a: any, b: any) => (b.version > a.version ? b : a));
    for (let round = 0; round < 10; round++) {
      await Promise.all(tabs.map((tab) => emitAck(tab.socket, "voice_join", { channel_id: voiceId })));
      await Promise.all(tabs.slice(round % 2).map((tab) => emitAck(tab.socket, "voice_leave", { channel_id: voiceId })));
      const final = (await api.get(`/api/channels/${voiceId}/voice`, { token: owner.token })).body;
      await waitFor(watcher.events.voice_participants, (e) => e.channel_id === voiceId && e.version === final.version, "the final version");
      assert.deepEqual(ids(latest()), ids(final), `round ${round}`);
      assert.deepEqual(latest(), final);
    }
    // Two announcements that read the channel after the same change carry the same version: and the same list.
    const byVersion = new Map<number, string>();
    for (const event of watcher.events.voice_participants.matching(inChannel(voiceId))) {
      const text = JSON.stringify(event);
      assert.equal(byVersion.get(event.version) ?? text, text, `version ${event.version} announced with two lists`);
      byVersion.set(event.version, text);
    }
  });

  it("joining a second voice channel leaves the first; joining from another tab moves the session there", async () => {
    const { owner, members: [alice], communityId, voiceId } = await voiceCommunity(1);
    const second = (await makeChannel(owner, communityId, { type: "voice", name: "Stage" })).id as number;
    const ownerTab = await connect(owner);
    const [first, other] = await Promise.all([connect(alice), connect(alice)]);

    await join(first, voiceId);
    await join(first, second);
    await waitFor(ownerTab.events.voice_participants, withIds(voiceId, []), "the first channel empty");
    await waitFor(ownerTab.events.voice_participants, withIds(second, [alice.user.id]), "alice in the second");
    assert.deepEqual(await participantsOf(owner, voiceId), []);

    await join(other, second);
    const moved = await waitFor(first.events.voice_disconnected, inChannel(second), "voice_disconnected to the first tab");
    assert.deepEqual(moved, { channel_id: second, reason: "moved" });
    assert.deepEqual(await participantsOf(owner, second), [alice.user.id]);
    // The session is the other tab's now: the first one can no longer set its state.
    assertAckError(await emitAck(first.socket, "voice_state", { channel_id: second, self_mute: true, self_deaf: false }), "not_found");
    assertOk(await emitAck(other.socket, "voice_state", { channel_id: second, self_mute: true, self_deaf: false }));
  });
});

describe("ICE_SERVERS, TURN_URLS with TURN_SECRET, ICE_TRANSPORT_POLICY", () => {
  const iceServers = [{ urls: ["stun:stun.example.org:3478", "turn:fixed.example.org:3478?transport=udp"], username: "auraflow", credential: "secret" }];
  const secret = "a secret shared with coturn";
  const configured = useServer({
    env: {
      ICE_SERVERS: JSON.stringify(iceServers),
      TURN_URLS: "turn:turn.example.org:3478?transport=udp,turns:turn.example.org:5349",
      TURN_SECRET: secret,
      TURN_CREDENTIAL_TTL_SECONDS: "3600",
      ICE_TRANSPORT_POLICY: "relay",
    },
  });

  it("go to every participant in the join ack, with TURN credentials minted for this user as coturn's use-auth-secret checks them", async () => {
    const [owner] = await configured.makeUsers(1);
    const community = await configured.makeCommunity(owner);
    const voice = await configured.makeChannel(owner, community.id, { type: "voice" });
    const socket = track(io(configured.server.url, { transports: ["websocket"], reconnection: false, forceNew: true, auth: { token: owner.token } }));
    const ack = await emitAck(socket, "voice_join", { channel_id: voice.id });
    assertOk(ack);
    assert.equal(ack.ice_transport_policy, "relay");
    const [fixed, minted, ...rest] = ack.ice_servers;
    assert.deepEqual([fixed, ...rest], iceServers);
    assert.deepEqual(minted.urls, ["turn:turn.example.org:3478?transport=udp", "turns:turn.example.org:5349"]);
    const [expiry, userId] = minted.username.split(":").map(Number);
    assert.equal(userId, owner.user.id);
    assert.ok(Math.abs(expiry - (Date.now() / 1000 + 3600)) < 60, `expires in an hour: ${minted.username}`);
    assert.equal(minted.credential, createHmac("sha1", secret).update(minted.username).digest("base64"));
  });
});

describe("voice_signal", () => {
  it("goes to the addressee's voice socket only, and is refused (not delivered) for anyone who is not a participant", async () => {
    const { members: [alice, bob, carol], voiceId, communityId, owner } = await voiceCommunity(3);
    const elsewhere = (await makeChannel(owner, communityId, { type: "voice", name: "Elsewhere" })).id as number;
    const [aliceTab, bobTab, bobOtherTab, carolTab] = await Promise.all([alice, bob, bob, carol].map(connect));
    await join(aliceTab, voiceId);
    await join(bobTab, voiceId);
    await join(carolTab, elsewhere);

    const description = { type: "offer", sdp: "v=0\r\n" };
    assertOk(await emitAck(aliceTab.socket, "voice_signal", { channel_id: voiceId, to_user_id: bob.user.id, description }));
    const signal = await waitFor(bobTab.events.voice_signal, () => true, "voice_signal to bob");
    assert.deepEqual(signal, { channel_id: voiceId, from_user_id: alice.user.id, description });
    const candidate = { candidate: "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host", sdpMid: "0", sdpMLineIndex: 0 };
    assertOk(await emitAck(bobTab.socket, "voice_signal", { channel_id: voiceId, to_user_id: alice.user.id, candidate }));
    assert.deepEqual(await waitFor(aliceTab.events.voice_signal, () => true, "candidate to alice"), { channel_id: voiceId, from_user_id: bob.user.id, candidate });
    assertOk(await emitAck(bobTab.socket, "voice_signal", { channel_id: voiceId, to_user_id: alice.user.id, candidate: null }));
    await waitFor(aliceTab.events.voice_signal, (e) => e.candidate === null, "the end of bob's candidates");

    const refusals = [
      // carol is in another voice channel: she can neither reach them nor be reached.
      [carolTab, { channel_id: voiceId, to_user_id: alice.user.id, description }],
      [carolTab, { channel_id: elsewhere, to_user_id: alice.user.id, description }],
      [aliceTab, { channel_id: voiceId, to_user_id: carol.user.id, description }],
      // bob's other tab is not the one in the call; nobody signals themselves.
      [bobOtherTab, { channel_id: voiceId, to_user_id: alice.user.id, description }],
      [aliceTab, { channel_id: voiceId, to_user_id: alice.user.id, description }],
    ] as const;
    const marks = [aliceTab, bobTab, bobOtherTab, carolTab].map((tab) => tab.events.voice_signal.mark);
    for (const [tab, input] of refusals) assertAckError(await emitAck(tab.socket, "voice_signal", input), "not_found");
    for (const input of [
      { channel_id: voiceId, to_user_id: bob.user.id },
      { channel_id: voiceId, to_user_id: bob.user.id, description, candidate },
      { channel_id: voiceId, to_user_id: bob.user.id, description: { type: "bogus", sdp: "" } },
      { channel_id: voiceId, to_user_id: bob.user.id, description: { type: "offer", sdp: "x".repeat(40_000) } },
    ]) {
      assertAckError(await emitAck(aliceTab.socket, "voice_signal", input), "invalid_request");
    }
    await Promise.all(
      [aliceTab, bobTab, bobOtherTab, carolTab].map((tab, i) => expectNone(tab.events.voice_signal, () => true, 300, "a refused signal", marks[i])),
    );
    assert.equal(bobOtherTab.events.voice_signal.items.length, 0);
  });
});

describe("voice_state", () => {
  it("tells every reader of the channel; deafened is also muted; speaking while muted is not speaking", async () => {
    const { owner, members: [alice], voiceId } = await voiceCommunity(1);
    const [outsider] = await makeUsers(1);
    const [ownerTab, aliceTab, outsiderTab] = await Promise.all([owner, alice, outsider].map(connect));
    assertAckError(await emitAck(aliceTab.socket, "voice_state", { channel_id: voiceId, self_mute: true, self_deaf: false }), "not_found");
    await join(aliceTab, voiceId);

    assertOk(await emitAck(aliceTab.socket, "voice_state", { channel_id: voiceId, self_mute: false, self_deaf: false, speaking: true }));
    const speaking = await waitFor(ownerTab.events.voice_state_updated, () => true, "speaking");
    assert.deepEqual(speaking, { channel_id: voiceId, user_id: alice.user.id, self_mute: false, self_deaf: false, version: speaking.version, speaking: true });
    // Only who speaks changed: the channel's version did not.
    assert.equal(speaking.version, (await api.get(`/api/channels/${voiceId}/voice`, { token: owner.token })).body.version);
    const from = ownerTab.events.voice_state_updated.mark;
    assertOk(await emitAck(aliceTab.socket, "voice_state", { channel_id: voiceId, self_mute: false, self_deaf: true, speaking: true }));
    for (const tab of [ownerTab, aliceTab]) {
      const event = await waitFor(tab.events.voice_state_updated, (e) => e.self_deaf, "deafened", { from: tab === ownerTab ? from : 0 });
      assert.ok(event.version > speaking.version, "deafening is a new version");
      assert.deepEqual(event, { channel_id: voiceId, user_id: alice.user.id, self_mute: true, self_deaf: true, version: event.version, speaking: false });
    }
    const [state] = (await api.get(`/api/channels/${voiceId}/voice`, { token: owner.token })).body.participants;
    assert.equal(state.self_mute, true);
    assert.equal(state.self_deaf, true);
    assertAckError(await emitAck(aliceTab.socket, "voice_state", { channel_id: voiceId, self_mute: "yes", self_deaf: false }), "invalid_request");
    await expectNone(outsiderTab.events.voice_state_updated, () => true, 300, "voice_state_updated to an outsider");
  });
});

describe("leaving", () => {
  it("voice_leave, and a closed voice socket after the grace period (not a socket that rejoins within it)", async () => {
    const { owner, members: [alice, bob], voiceId } = await voiceCommunity(2);
    const [ownerTab, aliceTab, bobTab] = await Promise.all([owner, alice, bob].map(connect));
    await join(aliceTab, voiceId);
    await join(bobTab, voiceId);

    assertOk(await emitAck(aliceTab.socket, "voice_leave", { channel_id: voiceId }));
    await waitFor(ownerTab.events.voice_participants, withIds(voiceId, [bob.user.id]), "alice gone");

    // bob's socket drops; a new one of his joins within the grace period: he never left.
    const from = ownerTab.events.voice_participants.mark;
    bobTab.socket.close();
    const bobAgain = await connect(bob);
    await join(bobAgain, voiceId);
    await expectNone(ownerTab.events.voice_participants, withIds(voiceId, []), GRACE_MS + 400, "bob leaving", from);
    assert.deepEqual(await participantsOf(owner, voiceId), [bob.user.id]);

    // Now it drops for good: gone once the grace period ends.
    bobAgain.socket.close();
    assert.deepEqual(await participantsOf(owner, voiceId), [bob.user.id], "still there within the grace period");
    await waitFor(ownerTab.events.voice_participants, withIds(voiceId, []), "bob gone after the grace period", { timeoutMs: GRACE_MS + 3000 });
    assert.deepEqual(await participantsOf(owner, voiceId), []);
  });

  it("a socket that closes while its join is under way is out after the grace period too", async () => {
    const { owner, members, voiceId } = await voiceCommunity(MAX);
    const tabs = await Promise.all(members.map(connect));
    for (const tab of tabs) {
      tab.socket.emit("voice_join", { channel_id: voiceId });
      tab.socket.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS + 1500));
    assert.deepEqual(await participantsOf(owner, voiceId), []);
  });

  for (const [what, act] of [
    ["kicked", (owner: TestUser, communityId: number, target: TestUser) => api.request("DELETE", `/api/channels/communities/${communityId}/members/${target.user.id}`, { token: owner.token })],
    ["banned", (owner: TestUser, communityId: number, target: TestUser) => api.request("PUT", `/api/channels/communities/${communityId}/bans/${target.user.id}`, { token: owner.token, body: {} })],
    ["timed out", (owner: TestUser, communityId: number, target: TestUser) =>
      api.request("PATCH", `/api/channels/communities/${communityId}/members/${target.user.id}`, { token: owner.token, body: { timeout_until: new Date(Date.now() + 60_000).toISOString() } })],
    ["leaving the community", (_owner: TestUser, communityId: number, target: TestUser) => api.post(`/api/channels/communities/${communityId}/leave`, { token: target.token })],
  ] as const) {
    it(`a member ${what} is out at once, and told`, async () => {
      const { owner, members: [alice, bob], communityId, voiceId } = await voiceCommunity(2);
      const [ownerTab, aliceTab, bobTab] = await Promise.all([owner, alice, bob].map(connect));
      await join(aliceTab, voiceId);
      await join(bobTab, voiceId);
      const response = await act(owner, communityId, alice);
      assert.ok(response.status < 300, response.text);
      assert.deepEqual(await waitFor(aliceTab.events.voice_disconnected, inChannel(voiceId), "voice_disconnected"), { channel_id: voiceId, reason: "removed" });
      await waitFor(ownerTab.events.voice_participants, withIds(voiceId, [bob.user.id]), "alice gone");
      assert.deepEqual(await participantsOf(owner, voiceId), [bob.user.id]);
      // And she cannot signal bob any more.
      assertAckError(await emitAck(aliceTab.socket, "voice_signal", { channel_id: voiceId, to_user_id: bob.user.id, description: { type: "offer", sdp: "" } }), "not_found");
      if (what === "timed out") assertAckError(await emitAck(aliceTab.socket, "voice_join", { channel_id: voiceId }), "timed_out");
      else assertAckError(await emitAck(aliceTab.socket, "voice_join", { channel_id: voiceId }), "not_found");
    });
  }

  it("everyone is out when the voice channel is deleted or becomes a text channel", async () => {
    const { owner, members: [alice], communityId, voiceId } = await voiceCommunity(1);
    const other = (await makeChannel(owner, communityId, { type: "voice", name: "Other" })).id as number;
    const [ownerTab, aliceTab] = await Promise.all([owner, alice].map(connect));
    await join(aliceTab, voiceId);
    await join(ownerTab, other);

    assert.equal((await api.request("PATCH", `/api/channels/${voiceId}`, { token: owner.token, body: { type: "text" } })).status, 200);
    assert.deepEqual(await waitFor(aliceTab.events.voice_disconnected, inChannel(voiceId), "removed"), { channel_id: voiceId, reason: "removed" });
    assert.deepEqual(await participantsOf(owner, voiceId), []);

    assert.equal((await api.request("DELETE", `/api/channels/${other}`, { token: owner.token })).status, 200);
    assert.deepEqual(await waitFor(ownerTab.events.voice_disconnected, inChannel(other), "removed"), { channel_id: other, reason: "removed" });
  });

  it("an admin made a plain member stays (voice channels are readable by every member)", async () => {
    const { owner, members: [alice], communityId, voiceId } = await voiceCommunity(1);
    await setRole(owner, communityId, alice, "admin");
    const aliceTab = await connect(alice);
    await join(aliceTab, voiceId);
    await setRole(owner, communityId, alice, "member");
    await expectNone(aliceTab.events.voice_disconnected, () => true, 300, "voice_disconnected");
    assert.deepEqual(await participantsOf(owner, voiceId), [alice.user.id]);
  });
});
