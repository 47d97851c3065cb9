import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import { chromium, expect, type Browser } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import { CHROMIUM } from "../../e2e/chromium";
import { openConnected, signIn } from "../../e2e/helpers";
import { callStatus, inboundGrowth, recordPeers, roster, selectedCandidateTypes } from "../../e2e/voice-page";
import type { VoiceParticipantsEvent } from "../../lib/realtime/events";
import { createApi, type Api, type TestUser } from "../helpers/api";
import { startCluster, type TestCluster } from "../helpers/cluster";
import { closeAll, emitAck, once, socketEvents, track, waitFor } from "../helpers/events";
import { startTurn, type Turn } from "../helpers/turn";
import { factories } from "../helpers/world";

// Voice channels across the nodes of a cluster: participants and capacity live in Redis, and the
// signaling reaches a participant connected to another node. At the end, two people in Chromium,
// signed in on two different nodes, talk; their audio goes through a real TURN relay (coturn), as
// ICE_TRANSPORT_POLICY=relay makes it, with the credentials each join gets (TURN_SECRET).

const MAX = 3;

let turn: Turn;
let cluster: TestCluster;
let api: Api;
let make: ReturnType<typeof factories>;

before(async () => {
  turn = await startTurn({ sharedSecret: true });
  cluster = await startCluster({
    env: { PRESENCE_GRACE_MS: "1000", VOICE_MAX_PARTICIPANTS: String(MAX), TURN_URLS: turn.urls.join(","), TURN_SECRET: turn.secret!, ICE_TRANSPORT_POLICY: "relay" },
  });
  api = createApi(cluster.url);
  make = factories(api);
});
after(async () => {
  await cluster?.stop();
  await turn?.stop();
});
afterEach(closeAll);

/** A socket straight to node `node`. */
async function connectTo(node: number, user: TestUser): Promise<Socket> {
  const socket = track(io(cluster.nodes[node].url, { transports: ["websocket"], forceNew: true, reconnection: false, auth: { token: user.token } }));
  await once(socket, "connect");
  return socket;
}

const ids = (event: VoiceParticipantsEvent) => event.participants.map((p) => p.user_id);
const withIds = (channelId: number, userIds: number[]) => (event: VoiceParticipantsEvent) =>
  event.channel_id === channelId && JSON.stringify(ids(event)) === JSON.stringify(userIds);

async function voiceCommunity(members: number) {
  const community = await make.makeCommunity();
  const users = await Promise.all(Array.from({ length: members }, () => make.makeMember(community)));
  const voice = await make.makeChannel(community.owner, community.id, { type: "voice", name: "Lounge" });
  return { community, users, voiceId: voice.id as number };
}

describe("voice across the nodes of a cluster", () => {
  it("shows who joined on any node to readers on every node, and relays signaling between nodes", async () => {
    const { users: [alice, bob, watcher], voiceId } = await voiceCommunity(3);
    const [aliceSocket, bobSocket, watching] = await Promise.all([connectTo(0, alice), connectTo(1, bob), connectTo(2, watcher)]);
    const seen = socketEvents<VoiceParticipantsEvent>(watching, "voice_participants");
    const bobSignals = socketEvents<any>(bobSocket, "voice_signal");

    assert.equal((await emitAck(aliceSocket, "voice_join", { channel_id: voiceId })).ok, true);
    const joined = await emitAck(bobSocket, "voice_join", { channel_id: voiceId });
    assert.deepEqual(joined.participants.map((p: { user_id: number }) => p.user_id), [alice.user.id, bob.user.id]);
    await waitFor(seen, withIds(voiceId, [alice.user.id, bob.user.id]), "both on the watcher's node");

    const description = { type: "offer", sdp: "v=0\r\n" };
    assert.equal((await emitAck(aliceSocket, "voice_signal", { channel_id: voiceId, to_user_id: bob.user.id, description })).ok, true);
    assert.deepEqual(await waitFor(bobSignals, () => true, "alice's offer on bob's node"), { channel_id: voiceId, from_user_id: alice.user.id, description });
    // Not in the call: refused on any node.
    const refused = await emitAck(watching, "voice_signal", { channel_id: voiceId, to_user_id: bob.user.id, description });
    assert.equal(refused.error?.code, "not_found", JSON.stringify(refused));

    // Mute on node 0, seen on node 2; the REST view through nginx agrees.
    const states = socketEvents<any>(watching, "voice_state_updated");
    await emitAck(aliceSocket, "voice_state", { channel_id: voiceId, self_mute: true, self_deaf: false });
    await waitFor(states, (e) => e.user_id === alice.user.id && e.self_mute, "alice muted");
    const state = await api.get(`/api/channels/${voiceId}/voice`, { token: watcher.token });
    assert.deepEqual(state.body.participants.map((p: { self_mute: boolean }) => p.self_mute), [true, false]);
  });

  it(`admits only one of two users racing for the last place from different nodes (VOICE_MAX_PARTICIPANTS=${MAX})`, async () => {
    const { users, voiceId } = await voiceCommunity(MAX + 1);
    const sockets = await Promise.all(users.map((user, i) => connectTo(i % 3, user)));
    for (const socket of sockets.slice(0, MAX - 1)) assert.equal((await emitAck(socket, "voice_join", { channel_id: voiceId })).ok, true);
    // The last two are on different nodes (users MAX-1 and MAX: nodes 2 and 0 for MAX = 3).
    const answers = await Promise.all(sockets.slice(MAX - 1).map((socket) => emitAck(socket, "voice_join", { channel_id: voiceId })));
    assert.deepEqual(answers.map((a) => a.ok === true || a.error?.code).sort(), [true, "voice_full"].sort(), JSON.stringify(answers));
    const state = await api.get(`/api/channels/${voiceId}/voice`, { token: users[0].token });
    assert.equal(state.body.participants.length, MAX);
  });

  it("takes the participants of a node killed with -9 out of the channel within 20 s", { timeout: 60_000 }, async () => {
    const { users: [stranded, steady, watcher], voiceId } = await voiceCommunity(3);
    const [strandedSocket, steadySocket, watching] = await Promise.all([connectTo(2, stranded), connectTo(1, steady), connectTo(0, watcher)]);
    const seen = socketEvents<VoiceParticipantsEvent>(watching, "voice_participants");
    await emitAck(strandedSocket, "voice_join", { channel_id: voiceId });
    await emitAck(steadySocket, "voice_join", { channel_id: voiceId });
    await waitFor(seen, withIds(voiceId, [stranded.user.id, steady.user.id]), "both in");

    const killedAt = Date.now();
    await cluster.kill(2);
    await waitFor(seen, withIds(voiceId, [steady.user.id]), "the killed node's participant gone", { timeoutMs: 20_000 });
    console.log(`# voice: the killed node's participant removed after ${Date.now() - killedAt} ms`);
    await cluster.restart(2);
  });

  it("lets two people in Chromium on two nodes hear each other through the TURN relay; mute silences, leaving shows at once", { timeout: 90_000 }, async () => {
    const { community, users: [alice, bob], voiceId } = await voiceCommunity(2);
    const path = `/channels/${community.id}/${voiceId}`;
    const browser: Browser = await chromium.launch(CHROMIUM);
    try {
      const [a, b] = await Promise.all(
        [alice, bob].map(async (user, node) => {
          const context = await browser.newContext({ baseURL: cluster.nodes[node].url, viewport: { width: 1280, height: 800 } });
          await recordPeers(context);
          const page = await context.newPage();
          await signIn(page, { id: user.user.id, username: user.user.username, displayName: user.user.display_name, password: user.password, token: user.token });
          await openConnected(page, path);
          return page;
        }),
      );
      for (const page of [a, b]) {
        await page.getByRole("button", { name: "Join voice" }).click();
        await expect(callStatus(page)).toHaveText("Voice connected");
      }
      for (const page of [a, b]) {
        await expect(roster(page, "Lounge").getByRole("listitem")).toHaveCount(2);
        await expect.poll(async () => (await inboundGrowth(page, 2000)).bytes, { message: "inbound audio bytes grow", timeout: 20_000 }).toBeGreaterThan(1000);
        assert.deepEqual(await selectedCandidateTypes(page), ["relay"], "the call goes through the TURN relay");
      }

      const unmuted = await inboundGrowth(b, 1500);
      assert.ok(unmuted.energy > 0, `bob hears alice: ${JSON.stringify(unmuted)}`);
      await a.getByRole("main").getByRole("button", { name: "Mute", exact: true }).click();
      await expect(roster(b, "Lounge").getByRole("listitem").filter({ hasText: alice.user.display_name }).getByRole("img", { name: "Muted" })).toBeVisible();
      await b.waitForTimeout(500);
      const muted = await inboundGrowth(b, 1500);
      assert.ok(muted.energy < unmuted.energy / 100, `alice muted: ${JSON.stringify({ unmuted, muted })}`);

      await a.getByRole("button", { name: "Leave", exact: true }).click();
      await expect(roster(b, "Lounge").getByRole("listitem")).toHaveCount(1, { timeout: 2000 });
    } finally {
      await browser.close();
    }
  });
});
