import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, it } from "node:test";
import { setTimeout as delay } from "node:timers/promises";
import { io, type Socket } from "socket.io-client";
import type { DirectMessage, Message } from "../lib/api/entities";
import { RealtimeClient } from "../lib/realtime/client";
import type { TypingIndicator, UserStatusEvent } from "../lib/realtime/events";
import { createApi, uniqueName, type Api, type TestUser } from "./helpers/api";
import { clientEvents, closeAll, Collector, emitAck, expectNone, Gate, once, socketEvents, track, waitFor } from "./helpers/events";
import { startServer, type TestServer } from "./helpers/server";
import { factories, useServer } from "./helpers/world";

// Delivery guarantees of the realtime layer against the real server: typing indicators, presence,
// Socket.IO connection-state recovery, the RealtimeClient catch-up after a long gap or a restart,
// ordering under concurrent load and nonce idempotency across transports.

const PRESENCE_GRACE_MS = 600;
/** Long on the main server, so that an is_typing false seen there can only come from the action under test. */
const LONG_TYPING_TIMEOUT_MS = 30_000;
const SHORT_TYPING_TIMEOUT_MS = 2000;
const SHORT_RECOVERY_WINDOW_MS = 1000;
const CLIENT_SOCKET_OPTIONS = { transports: ["websocket"], reconnectionDelay: 50, reconnectionDelayMax: 100 };

// ---------------------------------------------------------------------------------------------
// Helpers (event collection and closing sockets after each test: helpers/events.ts)

/** A real socket.io-client socket over WebSocket, connected (tracked: closed after each test). */
async function connect(server: TestServer, token: string, options: { reconnection?: boolean; gate?: Gate } = {}): Promise<Socket> {
  const socket = track(
    io(server.url, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: options.reconnection ?? false,
      reconnectionDelay: 50,
      reconnectionDelayMax: 100,
      auth: options.gate ? options.gate.auth(token) : { token },
    }),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (error) => reject(error));
  });
  return socket;
}

function newClient(server: TestServer, user: TestUser): RealtimeClient {
  const client = track(new RealtimeClient({ url: server.url, token: user.token, socketOptions: CLIENT_SOCKET_OPTIONS }));
  client.setUserId(user.user.id);
  return client;
}

async function clientConnected(client: RealtimeClient): Promise<void> {
  if (!client.socket.connected) await once(client.socket, "connect");
}

// ---------------------------------------------------------------------------------------------
// Helpers: REST set-up

/** Every message of a channel after `after`, oldest first, paging like a client would. */
async function channelHistoryAfter(api: Api, token: string, channelId: number, after: number): Promise<Message[]> {
  const all: Message[] = [];
  for (let cursor = after; ; ) {
    const page = await api.get(`/api/messages/channel/${channelId}?after=${cursor}&limit=100`, { token });
    assert.equal(page.status, 200, page.text);
    all.push(...page.body);
    if (page.body.length < 100) return all;
    cursor = page.body[page.body.length - 1].id;
  }
}

const ids = (items: { id: number }[]) => items.map((item) => item.id);

function assertAscending(values: number[], label: string): void {
  for (let i = 1; i < values.length; i++) assert.ok(values[i - 1] < values[i], `${label} not strictly ascending at ${i}: ${values.slice(Math.max(0, i - 3), i + 3)}`);
}

// ---------------------------------------------------------------------------------------------
// Main server: long typing timeout, short presence grace, default recovery window

describe("realtime delivery (main server)", () => {
  const world = useServer({ env: { TYPING_TIMEOUT_MS: String(LONG_TYPING_TIMEOUT_MS), PRESENCE_GRACE_MS: String(PRESENCE_GRACE_MS) } });
  const { api, db, makeCommunity, makeMember, befriend, postMessage } = world;
  afterEach(closeAll);

  describe("typing", () => {
    /** The owner types in #general; a member watches it with join_channel. */
    async function typingScene() {
      const community = await makeCommunity();
      const watcher = await makeMember(community);
      const typistSocket = await connect(world.server, community.owner.token);
      const watcherSocket = await connect(world.server, watcher.token);
      for (const socket of [typistSocket, watcherSocket]) {
        assert.deepEqual(await emitAck(socket, "join_channel", { channel_id: community.general }), { ok: true });
      }
      const seen = socketEvents<TypingIndicator>(watcherSocket, "typing");
      const owner = community.owner.user;
      const indicator = (isTyping: boolean): TypingIndicator => ({ username: owner.username, user_id: owner.id, channel_id: community.general, is_typing: isTyping });
      const start = async () => {
        const from = seen.mark;
        typistSocket.emit("typing", { channel_id: community.general, is_typing: true });
        assert.deepEqual(await waitFor(seen, (e) => e.is_typing, "is_typing true", { from }), indicator(true));
      };
      return { community, watcher, typistSocket, watcherSocket, seen, indicator, start };
    }

    it("tells the other subscribed members who started typing, and neither the typist's own tabs nor unsubscribed sockets", async () => {
      const scene = await typingScene();
      const otherTab = await connect(world.server, scene.community.owner.token);
      assert.deepEqual(await emitAck(otherTab, "join_channel", { channel_id: scene.community.general }), { ok: true });
      const unsubscribed = await connect(world.server, (await makeMember(scene.community)).token);
      const ownTab = socketEvents<TypingIndicator>(otherTab, "typing");
      const notSubscribed = socketEvents<TypingIndicator>(unsubscribed, "typing");

      await scene.start();
      await Promise.all([
        expectNone(ownTab, () => true, 400, "typing event on the typist's own tab", 0),
        expectNone(notSubscribed, () => true, 400, "typing event on a socket that did not join_channel", 0),
      ]);
    });

    it("clears the indicator on an explicit stop", async () => {
      const scene = await typingScene();
      await scene.start();
      const from = scene.seen.mark;
      scene.typistSocket.emit("typing", { channel_id: scene.community.general, is_typing: false });
      assert.deepEqual(await waitFor(scene.seen, (e) => !e.is_typing, "is_typing false", { from }), scene.indicator(false));
    });

    it("clears the indicator when the typist sends a message over REST", async () => {
      const scene = await typingScene();
      const sent = socketEvents<Message>(scene.watcherSocket, "message_sent");
      await scene.start();
      const from = scene.seen.mark;
      const message = await postMessage(scene.community.owner, scene.community.general, "typed it");
      assert.deepEqual(await waitFor(scene.seen, (e) => !e.is_typing, "is_typing false", { from }), scene.indicator(false));
      assert.equal((await waitFor(sent, (m) => m.id === message.id, "message_sent")).content, "typed it");
    });

    it("clears the indicator when the typist sends a message over the socket", async () => {
      const scene = await typingScene();
      const sent = socketEvents<Message>(scene.watcherSocket, "message_sent");
      await scene.start();
      const from = scene.seen.mark;
      const result = await emitAck(scene.typistSocket, "send_message", { channel_id: scene.community.general, content: "typed it too" });
      assert.equal(result.ok, true, JSON.stringify(result));
      assert.deepEqual(await waitFor(scene.seen, (e) => !e.is_typing, "is_typing false", { from }), scene.indicator(false));
      assert.equal((await waitFor(sent, (m) => m.id === result.message.id, "message_sent")).content, "typed it too");
    });

    it("clears the indicator when the typing socket disconnects", async () => {
      const scene = await typingScene();
      await scene.start();
      const from = scene.seen.mark;
      scene.typistSocket.close();
      assert.deepEqual(await waitFor(scene.seen, (e) => !e.is_typing, "is_typing false", { from }), scene.indicator(false));
    });
  });

  describe("presence", () => {
    /** A subject with a friend and a fellow community member, both connected and watching the subject's status. */
    async function presenceScene() {
      const subject = await api.register();
      const friend = await api.register();
      await befriend(subject, friend);
      const community = await makeCommunity(subject);
      const member = await makeMember(community);
      const watchers: Collector<UserStatusEvent>[] = [];
      for (const watcher of [friend, member]) {
        const socket = await connect(world.server, watcher.token);
        watchers.push(
          new Collector<UserStatusEvent>((push) => {
            const forward = (event: UserStatusEvent) => void (event.user_id === subject.user.id && push(event));
            socket.on("user_status", forward);
            return () => void socket.off("user_status", forward);
          }),
        );
      }
      const marks = () => watchers.map((w) => w.mark);
      const eachSees = (status: string, from: number[]) =>
        Promise.all(watchers.map((w, i) => waitFor(w, (e) => e.status === status, `user_status ${status}`, { from: from[i] })));
      const noneFor = (ms: number, label: string, from: number[]) => Promise.all(watchers.map((w, i) => expectNone(w, () => true, ms, label, from[i])));
      const profile = async () => {
        const response = await api.get(`/api/users/${subject.user.id}`, { token: friend.token });
        assert.equal(response.status, 200, response.text);
        return response.body;
      };
      return { subject, friend, member, watchers, marks, eachSees, noneFor, profile };
    }

    it("shows the first socket as online to friends and community members, and the last one closing as offline with last_seen after the grace period", async () => {
      const scene = await presenceScene();
      const from = scene.marks();
      const tab = await connect(world.server, scene.subject.token);
      for (const event of await scene.eachSees("online", from)) {
        assert.equal(event.username, scene.subject.user.username);
        assert.equal(event.display_name, scene.subject.user.display_name);
      }
      assert.equal((await scene.profile()).status, "online");

      const beforeClose = scene.marks();
      tab.close();
      const offline = await scene.eachSees("offline", beforeClose);
      for (const event of offline) {
        assert.notEqual(event.last_seen, null, JSON.stringify(event));
        assert.ok(!Number.isNaN(Date.parse(event.last_seen!)), `last_seen ${event.last_seen} is not a timestamp`);
      }
      const profile = await scene.profile();
      assert.equal(profile.status, "offline");
      assert.equal(profile.last_seen, offline[0].last_seen);
    });

    it("does not flap on a reload: no offline and no second online when a new socket replaces the last one within the grace period", async () => {
      const scene = await presenceScene();
      const beforeConnect = scene.marks();
      const tab = await connect(world.server, scene.subject.token);
      await scene.eachSees("online", beforeConnect);
      const from = scene.marks();
      tab.close();
      await connect(world.server, scene.subject.token);
      await scene.noneFor(PRESENCE_GRACE_MS + 900, "user_status after a reload", from);
      assert.equal((await scene.profile()).status, "online");
    });

    it("keeps a user with two tabs online when one tab closes, and shows them offline once both have", async () => {
      const scene = await presenceScene();
      const beforeConnect = scene.marks();
      const first = await connect(world.server, scene.subject.token);
      const second = await connect(world.server, scene.subject.token);
      await scene.eachSees("online", beforeConnect);
      const from = scene.marks();
      first.close();
      await scene.noneFor(PRESENCE_GRACE_MS + 900, "user_status while another tab is open", from);
      second.close();
      await scene.eachSees("offline", from);
    });

    for (const status of ["idle", "dnd"] as const) {
      it(`shows set_status ${status} at once and brings the user back as ${status}, not online, after being offline`, async () => {
        const scene = await presenceScene();
        const beforeConnect = scene.marks();
        const tab = await connect(world.server, scene.subject.token);
        await scene.eachSees("online", beforeConnect);

        const beforeSet = scene.marks();
        assert.deepEqual(await emitAck(tab, "set_status", { status }), { ok: true, status });
        await scene.eachSees(status, beforeSet);

        const beforeClose = scene.marks();
        tab.close();
        await scene.eachSees("offline", beforeClose);

        const beforeReconnect = scene.marks();
        await connect(world.server, scene.subject.token);
        const [back] = await Promise.all(scene.watchers.map((w, i) => waitFor(w, () => true, "user_status after reconnecting", { from: beforeReconnect[i] })));
        assert.equal(back.status, status, `came back as ${back.status}`);
        await scene.noneFor(300, "further user_status after reconnecting", scene.marks());
        assert.equal((await scene.profile()).status, status);
      });
    }

    it("shows an invisible user (set_status offline) as offline while they stay connected, and a new tab does not reveal them", async () => {
      const scene = await presenceScene();
      const beforeConnect = scene.marks();
      const tab = await connect(world.server, scene.subject.token);
      await scene.eachSees("online", beforeConnect);

      const from = scene.marks();
      assert.deepEqual(await emitAck(tab, "set_status", { status: "offline" }), { ok: true, status: "offline" });
      await scene.eachSees("offline", from);
      assert.equal(tab.connected, true);
      assert.equal((await scene.profile()).status, "offline");

      const beforeTab = scene.marks();
      await connect(world.server, scene.subject.token);
      await scene.noneFor(PRESENCE_GRACE_MS, "user_status when an invisible user opens a tab", beforeTab);
      assert.equal((await scene.profile()).status, "offline");
    });
  });

  describe("tracking before the first connect", () => {
    it("delivers a message sent after the page loaded its history but before the socket connected", async () => {
      const community = await makeCommunity();
      const reader = await makeMember(community);
      const loaded = await postMessage(community.owner, community.general, "already on the page");
      const client = track(
        new RealtimeClient({ url: world.server.url, token: reader.token, socketOptions: { ...CLIENT_SOCKET_OPTIONS, autoConnect: false } }),
      );
      client.setUserId(reader.user.id);
      client.trackChannel(community.general, loaded.id);
      const received = clientEvents<Message>(client, "message_sent");
      const missed = await postMessage(community.owner, community.general, "sent while the socket was still connecting");
      const connected = once(client.socket, "connect");
      client.socket.connect();
      await connected;
      await client.settled();
      const live = await postMessage(community.owner, community.general, "live");
      await waitFor(received, (message) => message.id === live.id, "the live message");
      assert.deepEqual(ids(received.items), [missed.id, live.id]);
    });
  });

  describe("connection-state recovery within the window", () => {
    /** A reader's socket that received one message (so it has an offset), then lost its transport; its reconnection waits at the gate. */
    async function droppedReader() {
      const community = await makeCommunity();
      const reader = await makeMember(community);
      const gate = new Gate();
      const socket = await connect(world.server, reader.token, { reconnection: true, gate });
      const received = socketEvents<Message>(socket, "message_sent");
      const warmUp = await postMessage(community.owner, community.general, "before the drop");
      await waitFor(received, (m) => m.id === warmUp.id, "the warm-up message");

      gate.close(); // the automatic reconnection cannot complete its handshake until the gate opens
      const dropped = once<string>(socket, "disconnect");
      socket.io.engine.close();
      await dropped;
      assert.equal(socket.active, true, "the socket should be reconnecting by itself");
      return { community, reader, gate, socket, received, warmUp };
    }

    it("replays the messages missed while the transport was down exactly once, in order, then delivers live ones", async () => {
      const { community, gate, socket, received, warmUp } = await droppedReader();

      const missed: number[] = [];
      for (let i = 1; i <= 5; i++) missed.push((await postMessage(community.owner, community.general, `missed ${i}`)).id);
      assertAscending(missed, "missed ids");

      const reconnected = once(socket, "connect");
      gate.open();
      await reconnected;
      assert.equal(socket.recovered, true);
      await received.waitForCount((m) => missed.includes(m.id), 5, "missed messages");

      const live = await postMessage(community.owner, community.general, "after the drop");
      await waitFor(received, (m) => m.id === live.id, "the live message");
      await expectNone(received, () => true, 300, "further message_sent");
      assert.deepEqual(ids(received.items), [warmUp.id, ...missed, live.id]);
    });
    it("misses nothing and gets nothing twice when its transport drops again and again while two senders keep posting", { timeout: 60_000 }, async () => {
      const DROPS = 30;
      const community = await makeCommunity();
      const reader = await makeMember(community);
      const socket = await connect(world.server, reader.token, { reconnection: true });
      const received = socketEvents<Message>(socket, "message_sent");
      const warmUp = await postMessage(community.owner, community.general, "before the drops");
      await waitFor(received, (m) => m.id === warmUp.id, "the warm-up message");

      // Every reconnection is a recovery: its restore, its middlewares and going live all happen
      // while messages are being broadcast.
      const sent: number[] = [];
      let sending = true;
      const sender = async () => {
        while (sending) sent.push((await postMessage(community.owner, community.general, `load ${sent.length}`)).id);
      };
      const senders = [sender(), sender()];
      let recovered = 0;
      try {
        for (let i = 0; i < DROPS; i++) {
          await delay(15 + (i % 5) * 5);
          const back = once(socket, "connect");
          socket.io.engine.close();
          await back;
          if (socket.recovered) recovered++;
        }
      } finally {
        sending = false;
        await Promise.all(senders);
      }
      assert.equal(recovered, DROPS, "every reconnection recovered its session");
      await received.waitForCount((m) => sent.includes(m.id), sent.length, "every acknowledged message", { timeoutMs: 10_000 }).catch(() => undefined);
      await delay(300);
      const got = ids(received.items).filter((id) => id !== warmUp.id);
      const missing = sent.filter((id) => !got.includes(id));
      assert.deepEqual(missing, [], `${missing.length} of ${sent.length} acknowledged messages never arrived`);
      assert.equal(new Set(got).size, got.length, "a message arrived twice");
      assertAscending(got, "received ids");
    });
    it("does not recover a session whose user was kicked while away: nothing said after the kick is replayed", async () => {
      const { community, reader, gate, socket, received } = await droppedReader();
      // The server notices the closed transport (and keeps the session, with the community's rooms)
      // before the kick; kicked while still connected, the socket would simply leave the rooms.
      await delay(500);
      const kicked = await world.api.request("DELETE", `/api/channels/communities/${community.id}/members/${reader.user.id}`, { token: community.owner.token });
      assert.equal(kicked.status, 200, kicked.text);
      const secret = await postMessage(community.owner, community.general, "said after the kick");

      const reconnected = once(socket, "connect");
      gate.open();
      await reconnected;
      assert.equal(socket.recovered, false, "a session that lost a room must start afresh");
      const later = await postMessage(community.owner, community.general, "said later");
      await expectNone(received, (m) => m.id === secret.id || m.id === later.id, 500, "message from the community the reader was kicked from");
    });
  });

  describe("ordering under load", () => {
    it("delivers 20 senders × 50 concurrent messages to every reader exactly once, in database order", { timeout: 90_000 }, async () => {
      const SENDERS = 20;
      const PER_SENDER = 50;
      const community = await makeCommunity();
      const senders = await Promise.all(Array.from({ length: SENDERS }, () => makeMember(community)));
      const readers = await Promise.all(Array.from({ length: 3 }, () => makeMember(community)));
      const after = (await postMessage(community.owner, community.general, "before the load")).id;

      const inbox: Collector<Message>[] = [];
      for (const reader of readers) inbox.push(socketEvents<Message>(await connect(world.server, reader.token), "message_sent"));
      // Even senders use their own socket with acks, odd ones REST; each sends its 50 one after the other.
      const senderSockets = await Promise.all(senders.map((sender, i) => (i % 2 === 0 ? connect(world.server, sender.token) : null)));

      const sentIds = await Promise.all(
        senders.map(async (sender, i) => {
          const mine: number[] = [];
          for (let j = 0; j < PER_SENDER; j++) {
            const content = `sender ${i} message ${j}`;
            const socket = senderSockets[i];
            if (socket) {
              const result = await emitAck(socket, "send_message", { channel_id: community.general, content }, 30_000);
              assert.equal(result.ok, true, JSON.stringify(result));
              mine.push(result.message.id);
            } else {
              mine.push((await postMessage(sender, community.general, content)).id);
            }
          }
          return mine;
        }),
      );
      for (const [i, mine] of sentIds.entries()) assertAscending(mine, `sender ${i}'s ids`);

      const total = SENDERS * PER_SENDER;
      await Promise.all(inbox.map((messages, r) => messages.waitForCount(() => true, total, `message_sent on reader ${r}`, { timeoutMs: 60_000 })));
      await delay(300); // room for duplicates to show up

      const stored = ids(await channelHistoryAfter(api, community.owner.token, community.general, after));
      assert.equal(stored.length, total);
      assertAscending(stored, "stored ids");
      assert.deepEqual([...sentIds.flat()].sort((a, b) => a - b), stored);
      for (const [r, messages] of inbox.entries()) {
        assert.equal(messages.items.length, total, `reader ${r} got ${messages.items.length} events`);
        assert.deepEqual(ids(messages.items), stored, `reader ${r} did not see the database order`);
      }
    });
  });

  describe("nonce retries", () => {
    it("stores a channel message once when the same nonce is sent 5 times concurrently over sockets and REST", async () => {
      const community = await makeCommunity();
      const sender = await makeMember(community);
      const reader = await makeMember(community);
      const inbox = socketEvents<Message>(await connect(world.server, reader.token), "message_sent");
      const [tabA, tabB] = [await connect(world.server, sender.token), await connect(world.server, sender.token)];
      const nonce = uniqueName("nonce");
      const body = { channel_id: community.general, content: "sent once", nonce };

      const [ackA1, ackB, rest1, ackA2, rest2] = await Promise.all([
        emitAck(tabA, "send_message", body),
        emitAck(tabB, "send_message", body),
        api.post("/api/messages/send", { token: sender.token, body }),
        emitAck(tabA, "send_message", body),
        api.post("/api/messages/send", { token: sender.token, body }),
      ]);
      for (const ack of [ackA1, ackB, ackA2]) assert.equal(ack.ok, true, JSON.stringify(ack));
      for (const rest of [rest1, rest2]) assert.ok([200, 201].includes(rest.status), rest.text);
      const answered = [ackA1.message, ackB.message, ackA2.message, rest1.body, rest2.body];
      assert.deepEqual(new Set(answered.map((m) => m.id)).size, 1, `different ids: ${answered.map((m) => m.id)}`);
      assert.ok([rest1, rest2].filter((r) => r.status === 201).length <= 1);

      assert.equal(await db.count("messages WHERE sender_id = ? AND nonce = ?", sender.user.id, nonce), 1);
      const id = answered[0].id;
      await waitFor(inbox, (m) => m.id === id, "message_sent");
      await expectNone(inbox, (m) => m.id === id, 500, "second message_sent for the retried message", inbox.items.findIndex((m) => m.id === id) + 1);
      assert.equal(inbox.items.length, 1);
    });

    it("stores a direct message once when the same nonce is sent 5 times concurrently over sockets and REST", async () => {
      const sender = await api.register();
      const receiver = await api.register();
      const inbox = socketEvents<DirectMessage>(await connect(world.server, receiver.token), "direct_message_sent");
      const [tabA, tabB] = [await connect(world.server, sender.token), await connect(world.server, sender.token)];
      const tabBInbox = socketEvents<DirectMessage>(tabB, "direct_message_sent");
      const nonce = uniqueName("nonce");
      const body = { receiver_id: receiver.user.id, content: "dm sent once", nonce };

      const results = await Promise.all([
        emitAck(tabA, "send_direct_message", body),
        api.post("/api/messages/direct/send", { token: sender.token, body }),
        emitAck(tabB, "send_direct_message", body),
        api.post("/api/messages/direct/send", { token: sender.token, body }),
        emitAck(tabA, "send_direct_message", body),
      ]);
      const answered = results.map((result: any) => {
        if ("status" in result && "headers" in result) {
          assert.ok([200, 201].includes(result.status), result.text);
          return result.body as DirectMessage;
        }
        assert.equal(result.ok, true, JSON.stringify(result));
        return result.message as DirectMessage;
      });
      assert.equal(new Set(answered.map((m) => m.id)).size, 1, `different ids: ${answered.map((m) => m.id)}`);

      assert.equal(await db.count("direct_messages WHERE sender_id = ? AND nonce = ?", sender.user.id, nonce), 1);
      const id = answered[0].id;
      await Promise.all([waitFor(inbox, (m) => m.id === id, "direct_message_sent (receiver)"), waitFor(tabBInbox, (m) => m.id === id, "direct_message_sent (sender's tab)")]);
      await delay(500);
      assert.deepEqual(ids(inbox.items), [id]);
      assert.deepEqual(ids(tabBInbox.items), [id]);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Short server: short typing timeout and recovery window

describe("realtime delivery (short typing timeout and recovery window)", () => {
  const world = useServer({
    env: {
      TYPING_TIMEOUT_MS: String(SHORT_TYPING_TIMEOUT_MS),
      RECOVERY_WINDOW_MS: String(SHORT_RECOVERY_WINDOW_MS),
      PRESENCE_GRACE_MS: String(PRESENCE_GRACE_MS),
    },
  });
  const { api, makeCommunity, makeMember, postMessage, postDirectMessage } = world;
  afterEach(closeAll);

  it("keeps a renewed typing indicator past its original expiry and ends it TYPING_TIMEOUT_MS after the last start", async () => {
    const community = await makeCommunity();
    const watcher = await makeMember(community);
    const typist = await connect(world.server, community.owner.token);
    const watching = await connect(world.server, watcher.token);
    for (const socket of [typist, watching]) assert.deepEqual(await emitAck(socket, "join_channel", { channel_id: community.general }), { ok: true });
    const seen = socketEvents<TypingIndicator>(watching, "typing");
    const owner = community.owner.user;
    const indicator = (isTyping: boolean) => ({ username: owner.username, user_id: owner.id, channel_id: community.general, is_typing: isTyping });

    typist.emit("typing", { channel_id: community.general, is_typing: true });
    assert.deepEqual(await waitFor(seen, (e) => e.is_typing, "is_typing true"), indicator(true));
    await delay(SHORT_TYPING_TIMEOUT_MS / 2);

    const renewedAt = seen.mark;
    typist.emit("typing", { channel_id: community.general, is_typing: true });
    assert.deepEqual(await waitFor(seen, (e) => e.is_typing, "is_typing true on renewal", { from: renewedAt }), indicator(true));
    // Spans the first start's expiry (half a timeout after the renewal) and ends well before the renewal's.
    await expectNone(seen, (e) => !e.is_typing, (SHORT_TYPING_TIMEOUT_MS * 3) / 4, "is_typing false before the renewed expiry", renewedAt);
    assert.deepEqual(await waitFor(seen, (e) => !e.is_typing, "is_typing false at expiry", { from: renewedAt, timeoutMs: SHORT_TYPING_TIMEOUT_MS * 3 }), indicator(false));
    assert.deepEqual(seen.items.map((e) => e.is_typing), [true, true, false]);
  });

  it("catches a RealtimeClient up after a gap longer than the recovery window: every missed channel message and DM once, in order, then live ones", async () => {
    const community = await makeCommunity();
    const owner = community.owner;
    const reader = await makeMember(community);
    // History the app already has when it starts tracking.
    await postMessage(owner, community.general, "old 1");
    const lastKnown = await postMessage(owner, community.general, "old 2");
    const lastKnownDm = await postDirectMessage(owner, reader, "old dm");

    const client = newClient(world.server, reader);
    client.trackChannel(community.general, lastKnown.id);
    client.trackConversation(owner.user.id, lastKnownDm.id);
    const channel = clientEvents<Message>(client, "message_sent");
    const direct = clientEvents<DirectMessage>(client, "direct_message_sent");
    await clientConnected(client);

    const warmUp = await postMessage(owner, community.general, "live before the gap");
    const warmUpDm = await postDirectMessage(owner, reader, "live dm before the gap");
    await waitFor(channel, (m) => m.id === warmUp.id, "the warm-up message");
    await waitFor(direct, (m) => m.id === warmUpDm.id, "the warm-up DM");

    client.socket.io.reconnection(false);
    const dropped = once(client.socket, "disconnect");
    client.socket.io.engine.close();
    await dropped;

    const gap: number[] = [];
    for (let i = 1; i <= 7; i++) gap.push((await postMessage(owner, community.general, `gap ${i}`)).id);
    const gapDms = [
      await postDirectMessage(owner, reader, "gap dm 1"),
      await postDirectMessage(reader, owner, "gap dm 2 (from the reader's other device)"),
      await postDirectMessage(owner, reader, "gap dm 3"),
    ].map((m) => m.id);
    await delay(SHORT_RECOVERY_WINDOW_MS + 800);

    const channelMark = channel.mark;
    const directMark = direct.mark;
    const reconnected = once(client.socket, "connect");
    client.socket.io.reconnection(true);
    client.socket.connect();
    // Posted while the reconnection and its catch-up are under way: live, fetched, or both.
    const racing = Promise.all([postMessage(owner, community.general, "racing 1"), postMessage(owner, community.general, "racing 2")]);
    await reconnected;
    assert.equal(client.socket.recovered, false);
    await client.settled();
    assert.deepEqual(ids(channel.items.slice(channelMark, channelMark + gap.length)), gap);
    assert.deepEqual(ids(direct.items.slice(directMark)), gapDms);

    const racingIds = ids(await racing).sort((a, b) => a - b);
    const live = await postMessage(owner, community.general, "live after the gap");
    const liveDm = await postDirectMessage(reader, owner, "live dm after the gap");
    await waitFor(channel, (m) => m.id === live.id, "the live message");
    await waitFor(direct, (m) => m.id === liveDm.id, "the live DM");
    await delay(300);
    assert.deepEqual(ids(channel.items), [warmUp.id, ...gap, ...racingIds, live.id]);
    assert.deepEqual(ids(direct.items), [warmUpDm.id, ...gapDms, liveDm.id]);
  });

  it("catches up a channel and a conversation tracked from 0 (no history yet) after a gap longer than the recovery window", async () => {
    const community = await makeCommunity();
    const owner = community.owner;
    const created = await api.post(`/api/channels/communities/${community.id}/channels`, { token: owner.token, body: { name: uniqueName("fresh") } });
    assert.equal(created.status, 201, created.text);
    const freshChannel: number = created.body.id;
    const reader = await makeMember(community);
    const peer = await api.register();

    const client = newClient(world.server, reader);
    client.trackChannel(freshChannel, 0);
    client.trackConversation(peer.user.id, 0);
    const channel = clientEvents<Message>(client, "message_sent");
    const direct = clientEvents<DirectMessage>(client, "direct_message_sent");
    await clientConnected(client);

    client.socket.io.reconnection(false);
    const dropped = once(client.socket, "disconnect");
    client.socket.io.engine.close();
    await dropped;
    const gap: number[] = [];
    for (let i = 1; i <= 3; i++) gap.push((await postMessage(owner, freshChannel, `first ever ${i}`)).id);
    const gapDms = [(await postDirectMessage(peer, reader, "first dm ever")).id];
    await delay(SHORT_RECOVERY_WINDOW_MS + 800);

    const reconnected = once(client.socket, "connect");
    client.socket.io.reconnection(true);
    client.socket.connect();
    await reconnected;
    assert.equal(client.socket.recovered, false);
    await client.settled();
    assert.deepEqual({ channel: ids(channel.items), direct: ids(direct.items) }, { channel: gap, direct: gapDms }, "the first messages of a channel and a conversation tracked from 0 were not caught up");
  });
});

// ---------------------------------------------------------------------------------------------
// Restart: same port, same data folder

describe("realtime delivery across a server restart", () => {
  afterEach(closeAll);

  it("reconnects a RealtimeClient by itself after a restart on the same port and delivers what was posted meanwhile exactly once, in order", { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "auraflow-restart-"));
    const env = { PRESENCE_GRACE_MS: String(PRESENCE_GRACE_MS) };
    let first: TestServer | undefined;
    let second: TestServer | undefined;
    try {
      first = await startServer({ dataDir, keepData: true, env });
      const onFirst = factories(createApi(first.url));
      const community = await onFirst.makeCommunity();
      const owner = community.owner;
      const reader = await onFirst.makeMember(community);

      const client = newClient(first, reader);
      // Test-side hold on the handshake, so the posts below certainly happen before the client is back.
      const gate = new Gate();
      client.socket.auth = gate.auth(reader.token);
      client.trackChannel(community.general, 0);
      client.trackConversation(owner.user.id, 0);
      const channel = clientEvents<Message>(client, "message_sent");
      const direct = clientEvents<DirectMessage>(client, "direct_message_sent");
      await clientConnected(client);

      const before1 = await onFirst.postMessage(owner, community.general, "before the restart");
      const beforeDm = await onFirst.postDirectMessage(owner, reader, "dm before the restart");
      await waitFor(channel, (m) => m.id === before1.id, "the message before the restart");
      await waitFor(direct, (m) => m.id === beforeDm.id, "the DM before the restart");

      gate.close();
      const dropped = once<string>(client.socket, "disconnect", 20_000);
      assert.equal(await first.stop(), 0);
      await dropped;

      // The same installation: its data folder and its database (which this server's stop drops).
      second = await startServer({ dataDir, databaseUrl: first.databaseUrl, env: { ...env, PORT: String(first.port) } });
      assert.equal(second.port, first.port);
      const onSecond = factories(createApi(second.url));
      const afterRestart: number[] = [];
      for (let i = 1; i <= 4; i++) afterRestart.push((await onSecond.postMessage(owner, community.general, `after the restart ${i}`)).id);
      const afterRestartDm = await onSecond.postDirectMessage(owner, reader, "dm after the restart");
      assert.equal(client.socket.connected, false);

      const reconnected = once(client.socket, "connect", 20_000);
      gate.open(); // no connect() call: the client's own reconnection loop finishes the handshake
      await reconnected;
      assert.equal(client.socket.recovered, false);
      await client.settled();

      const live = await onSecond.postMessage(owner, community.general, "live after the restart");
      const liveDm = await onSecond.postDirectMessage(owner, reader, "live dm after the restart");
      await waitFor(channel, (m) => m.id === live.id, "the live message after the restart");
      await waitFor(direct, (m) => m.id === liveDm.id, "the live DM after the restart");
      await delay(300);
      // The catch-up from 0 starts with the reader's own join message.
      const [joined, ...posted] = channel.items;
      assert.equal(joined.content, `${reader.user.username} joined the community.`);
      assert.deepEqual(ids(posted), [before1.id, ...afterRestart, live.id]);
      assert.deepEqual(ids(direct.items), [beforeDm.id, afterRestartDm.id, liveDm.id]);
    } finally {
      closeAll();
      await second?.stop();
      await first?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
