import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once as onceEvent } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, afterEach, before, describe, it } from "node:test";
import { setTimeout as delay } from "node:timers/promises";
import { io, type Socket } from "socket.io-client";
import type { Message } from "../../lib/api/entities";
import { RealtimeClient } from "../../lib/realtime/client";
import type { TypingIndicator, UserStatusEvent } from "../../lib/realtime/events";
import { createApi, type Api, type TestUser } from "../helpers/api";
import { addressesByNode, startCluster, type TestCluster } from "../helpers/cluster";
import { createDatabase, postgresPool, releaseDatabase } from "../helpers/postgres";
import { spawnServer } from "../helpers/server";
import { closeAll, emitAck, expectNone, once, socketEvents, track, waitFor } from "../helpers/events";
import { factories, type Factories } from "../helpers/world";

// Auraflow as a cluster: three real nodes on one PostgreSQL database and one Redis, behind the
// shipped nginx configuration. Every guarantee of one process must hold whichever node a client,
// a sender or a change goes through, and when a node dies or drains.

const GRACE_MS = 1000;
const NODE_ENV = { PRESENCE_GRACE_MS: String(GRACE_MS), TYPING_TIMEOUT_MS: "30000" };

/** A socket straight to one node (or through nginx from `localAddress`). */
async function connectTo(url: string, token: string, options: { localAddress?: string } = {}): Promise<Socket> {
  const socket = track(io(url, { transports: ["websocket"], forceNew: true, reconnection: false, auth: { token }, ...options }));
  await once(socket, "connect");
  return socket;
}

function realtimeClient(cluster: TestCluster, user: TestUser, localAddress: string, channelId: number): RealtimeClient {
  const client = track(
    new RealtimeClient({
      url: cluster.url,
      token: user.token,
      socketOptions: { transports: ["websocket"], localAddress, reconnectionDelay: 100, reconnectionDelayMax: 400 } as never,
    }),
  );
  client.setUserId(user.user.id);
  client.trackChannel(channelId, 0);
  return client;
}

function assertExactlyOnceInOrder(received: number[], expected: number[], who: string): void {
  assert.equal(new Set(received).size, received.length, `${who}: duplicates`);
  const sorted = [...received].sort((a, b) => a - b);
  assert.deepEqual(received, sorted, `${who}: out of order`);
  const missing = expected.filter((id) => !received.includes(id));
  assert.deepEqual(missing, [], `${who}: ${missing.length} acknowledged messages never arrived`);
}

interface Env {
  cluster: TestCluster;
  /** Through nginx. */
  api: Api;
  /** Straight to node i. */
  on: Api[];
  make: Factories;
  makeOn: Factories[];
}

function useCluster(): Env {
  const env = {} as Env;
  before(async () => {
    env.cluster = await startCluster({ env: NODE_ENV });
    env.api = createApi(env.cluster.url);
    env.make = factories(env.api);
    env.on = env.cluster.nodes.map((node) => createApi(node.url));
    env.makeOn = env.on.map((api) => factories(api));
  });
  after(() => env.cluster?.stop());
  afterEach(closeAll);
  return env;
}

describe("a cluster of three nodes", () => {
  const env = useCluster();

  it("delivers 10,000 messages sent through every node to receivers spread over every node exactly once, in each channel's order", { timeout: 240_000 }, async () => {
    const TOTAL = 10_000;
    const { cluster, make, makeOn } = env;
    const community = await make.makeCommunity();
    const second = (await make.makeChannel(community.owner, community.id)).id;
    const channels = [community.general, second];
    const addresses = await addressesByNode(cluster, 4);

    // 12 receivers through nginx, 4 landing on each node (each node has a third of them).
    const receivers = await Promise.all(addresses.flat().map(() => make.makeMember(community)));
    const sockets = await Promise.all(receivers.map((user, i) => connectTo(cluster.url, user.token, { localAddress: addresses.flat()[i] })));
    const seen = sockets.map(() => new Map<number, number[]>(channels.map((id) => [id, []])));
    // The senders joining below post their join messages too: only the sends are counted.
    sockets.forEach((socket, i) =>
      socket.on("message_sent", (m: Message) => {
        if (m.message_type !== "system") seen[i].get(m.channel_id)?.push(m.id);
      }),
    );

    // 6 senders, 2 on each node, 25 sends in flight each.
    const senders = await Promise.all(Array.from({ length: 6 }, (_, i) => makeOn[i % 3].makeMember(community)));
    const senderSockets = await Promise.all(senders.map((user, i) => connectTo(cluster.nodes[i % 3].url, user.token)));
    let next = 0;
    const started = Date.now();
    await Promise.all(
      senderSockets.flatMap((socket) =>
        Array.from({ length: 25 }, async () => {
          while (next < TOTAL) {
            const n = next++;
            const channelId = channels[n % 2];
            const ack = await emitAck(socket, "send_message", { channel_id: channelId, content: `m${n}`, nonce: randomUUID() }, 30_000);
            assert.equal(ack.ok, true, JSON.stringify(ack));
          }
        }),
      ),
    );
    const sentIn = Date.now() - started;

    const deadline = Date.now() + 60_000;
    const total = (i: number) => [...seen[i].values()].reduce((sum, ids) => sum + ids.length, 0);
    while (Date.now() < deadline && seen.some((_, i) => total(i) < TOTAL)) await delay(100);
    await delay(300); // room for duplicates to show up
    console.log(`# fan-out: ${TOTAL} messages acknowledged in ${sentIn} ms, ${TOTAL * receivers.length} deliveries to receivers on 3 nodes`);

    for (const [i] of receivers.entries()) {
      assert.equal(total(i), TOTAL, `receiver ${i} got ${total(i)} of ${TOTAL}`);
      for (const channelId of channels) {
        const got = seen[i].get(channelId)!;
        assert.equal(new Set(got).size, got.length, `receiver ${i}: duplicates in channel ${channelId}`);
        assert.deepEqual(got, [...got].sort((a, b) => a - b), `receiver ${i}: channel ${channelId} out of the database's order`);
      }
    }
  });

  it("announces, before the next message, one that a node committed but died before announcing", async () => {
    const { cluster, makeOn } = env;
    const community = await makeOn[0].makeCommunity();
    const reader = await makeOn[0].makeMember(community);
    const socket = await connectTo(cluster.nodes[2].url, reader.token);
    const seen = socketEvents<Message>(socket, "message_sent");
    const first = await makeOn[0].postMessage(community.owner, community.general, "announced");
    await waitFor(seen, (m) => m.id === first.id, "the first message");

    // What a node leaves when it dies between its commit and its announcement: a row nobody announced.
    const orphan = (
      await postgresPool(cluster.databaseUrl).query<{ id: number }>(
        `INSERT INTO messages (channel_id, sender_id, content, message_type, created_at, updated_at, author)
         VALUES ($1, $2, 'committed, never announced', 'text', now(), now(), $3) RETURNING id`,
        [community.general, community.owner.user.id, community.owner.user.username],
      )
    ).rows[0].id;
    const sender = await connectTo(cluster.nodes[1].url, community.owner.token);
    const { message: next } = await emitAck<{ message: Message }>(sender, "send_message", { channel_id: community.general, content: "the next one" });
    await waitFor(seen, (m) => m.id === next.id, "the next message");
    assert.deepEqual(seen.items.map((m) => m.id), [first.id, orphan, next.id]);
  });

  it("applies room changes on every node within a second: a kicked member hears nothing more, an added one hears the private channel", async () => {
    const { cluster, on, makeOn } = env;
    const community = await makeOn[0].makeCommunity();
    const [kicked, added, witness] = await Promise.all([0, 1, 2].map(() => makeOn[1].makeMember(community)));
    const kickedSocket = await connectTo(cluster.nodes[2].url, kicked.token);
    const addedSocket = await connectTo(cluster.nodes[1].url, added.token);
    const witnessSocket = await connectTo(cluster.nodes[2].url, witness.token);
    const kickedMessages = socketEvents<Message>(kickedSocket, "message_sent");
    const witnessMessages = socketEvents<Message>(witnessSocket, "message_sent");
    const addedMessages = socketEvents<Message>(addedSocket, "message_sent");

    const left = once(kickedSocket, "community_member_left", 1000);
    const kick = await on[0].request("DELETE", `/api/channels/communities/${community.id}/members/${kicked.user.id}`, { token: community.owner.token });
    assert.equal(kick.status, 200, kick.text);
    await left;
    const afterKick = await makeOn[1].postMessage(community.owner, community.general, "after the kick");
    await waitFor(witnessMessages, (m) => m.id === afterKick.id, "the message on the witness's node", { timeoutMs: 1000 });
    await expectNone(kickedMessages, (m) => m.id === afterKick.id, 300, "message to the kicked member");

    const secret = (await makeOn[0].makeChannel(community.owner, community.id, { type: "private" })).id;
    const created = once<{ id: number }>(addedSocket, "channel_created", 1000);
    const add = await on[2].post(`/api/channels/${secret}/members`, { token: community.owner.token, body: { user_id: added.user.id } });
    assert.equal(add.status, 201, add.text);
    assert.equal((await created).id, secret);
    const inside = await makeOn[0].postMessage(community.owner, secret, "in the private channel");
    await waitFor(addedMessages, (m) => m.id === inside.id, "the private message on the added member's node", { timeoutMs: 1000 });
    await expectNone(witnessMessages, (m) => m.id === inside.id, 300, "private message to a member outside the channel");

    const deleted = once(witnessSocket, "community_deleted", 1000);
    const removal = await on[1].request("DELETE", `/api/channels/communities/${community.id}`, { token: community.owner.token });
    assert.equal(removal.status, 200, removal.text);
    await deleted;
  });

  it("recovers a session on another node with what it missed, and refuses one whose user lost access meanwhile", async () => {
    const { cluster, makeOn, on } = env;
    const community = await makeOn[0].makeCommunity();
    const [staying, kicked] = await Promise.all([makeOn[0].makeMember(community), makeOn[0].makeMember(community)]);

    /** Drops the transport (the node keeps the session), then comes back on `node` with the same session id and offset. */
    const dropAndReturn = async (socket: Socket, token: string, node: number, meanwhile: () => Promise<void>) => {
      const { _pid: pid, _lastOffset: offset } = socket as unknown as { _pid: string; _lastOffset: string };
      const dropped = once(socket, "disconnect");
      socket.io.engine.close();
      await dropped;
      await delay(300); // the node notices the closed transport and stores the session in Redis
      await meanwhile();
      const back = track(io(cluster.nodes[node].url, { transports: ["websocket"], forceNew: true, reconnection: false, autoConnect: false, auth: { token } }));
      Object.assign(back, { _pid: pid, _lastOffset: offset });
      const received = socketEvents<Message>(back, "message_sent");
      back.connect();
      await once(back, "connect");
      return { back, received };
    };

    const warmUp = async (socket: Socket) => {
      const seen = socketEvents<Message>(socket, "message_sent");
      const message = await makeOn[1].postMessage(community.owner, community.general, "gives the socket an offset");
      await waitFor(seen, (m) => m.id === message.id, "the warm-up message");
    };

    const first = await connectTo(cluster.nodes[0].url, staying.token);
    await warmUp(first);
    let missed: Message | undefined;
    const moved = await dropAndReturn(first, staying.token, 2, async () => {
      missed = await makeOn[1].postMessage(community.owner, community.general, "while away");
    });
    assert.equal(moved.back.recovered, true, "recovered on another node");
    await waitFor(moved.received, (m) => m.id === missed!.id, "the missed message, replayed on the other node");

    const second = await connectTo(cluster.nodes[0].url, kicked.token);
    await warmUp(second);
    let secret: Message | undefined;
    const refused = await dropAndReturn(second, kicked.token, 1, async () => {
      const kick = await on[2].request("DELETE", `/api/channels/communities/${community.id}/members/${kicked.user.id}`, { token: community.owner.token });
      assert.equal(kick.status, 200, kick.text);
      secret = await makeOn[2].postMessage(community.owner, community.general, "after the kick");
    });
    assert.equal(refused.back.recovered, false, "a session that lost a room starts afresh");
    await expectNone(refused.received, (m) => m.id === secret!.id, 500, "message from the community the user was kicked from");
  });

  it("disconnects a logged-out session's sockets on every node within a second, and no other session's", async () => {
    const { cluster, api, on } = env;
    const user = await api.register();
    const other = (await api.post("/api/auth/login", { body: { username: user.user.username, password: user.password } })).body.token as string;
    const sessionSockets = await Promise.all(cluster.nodes.map((node) => connectTo(node.url, user.token)));
    const otherSocket = await connectTo(cluster.nodes[0].url, other);
    const gone = sessionSockets.map((socket) => once(socket, "disconnect", 1000));
    const logout = await on[1].post("/api/auth/logout", { token: user.token });
    assert.equal(logout.status, 200, logout.text);
    await Promise.all(gone);
    await delay(300);
    assert.equal(otherSocket.connected, true, "the other session's socket stays");
  });

  it("shows a user online on other nodes within a second, and a reload onto another node never shows them offline", async () => {
    const { cluster, make } = env;
    const [user, watcher] = await Promise.all([env.api.register(), env.api.register()]);
    await make.befriend(user, watcher);
    const watching = await Promise.all([1, 2].map((i) => connectTo(cluster.nodes[i].url, watcher.token)));
    const statuses = watching.map((socket) => socketEvents<UserStatusEvent>(socket, "user_status"));
    const ofUser = (status: string) => (e: UserStatusEvent) => e.user_id === user.user.id && e.status === status;

    const first = await connectTo(cluster.nodes[0].url, user.token);
    await Promise.all(statuses.map((seen) => waitFor(seen, ofUser("online"), "online", { timeoutMs: 1000 })));

    const from = statuses.map((seen) => seen.mark);
    first.close();
    await delay(200);
    await connectTo(cluster.nodes[1].url, user.token);
    await delay(GRACE_MS + 1500);
    for (const [i, seen] of statuses.entries()) assert.deepEqual(seen.matching(ofUser("offline"), from[i]), [], "an offline flap on a reload");
  });

  it("clears on node C, within 500 ms, a typing indicator started on node A when the typist sends on node B; one stop only", async () => {
    const { cluster, makeOn } = env;
    const community = await makeOn[0].makeCommunity();
    const [typist, watcher] = await Promise.all([makeOn[0].makeMember(community), makeOn[2].makeMember(community)]);
    const typing = await connectTo(cluster.nodes[0].url, typist.token);
    const watching = await connectTo(cluster.nodes[2].url, watcher.token);
    await emitAck(typing, "join_channel", { channel_id: community.general });
    await emitAck(watching, "join_channel", { channel_id: community.general });
    const seen = socketEvents<TypingIndicator>(watching, "typing");
    typing.emit("typing", { channel_id: community.general, is_typing: true });
    await waitFor(seen, (e) => e.is_typing, "is_typing true", { timeoutMs: 1000 });

    const sentAt = Date.now();
    await makeOn[1].postMessage(typist, community.general, "sent on node B");
    await waitFor(seen, (e) => !e.is_typing, "is_typing false", { timeoutMs: 500 });
    const stoppedIn = Date.now() - sentAt;
    await delay(800);
    assert.equal(seen.matching((e) => !e.is_typing).length, 1, "one stop event");
    console.log(`# typing: stop seen on node C ${stoppedIn} ms after the send on node B`);
  });

  it("slows sign-in guessing down on every node alike: after 3 failures from one address, the 4th try waits, whichever node it reaches", async () => {
    const { on } = env;
    const user = await on[0].register();
    for (let attempt = 1; attempt <= 3; attempt++) {
      const response = await on[attempt % 3].post("/api/auth/login", { body: { username: user.user.username, password: `wrong ${attempt}` } });
      assert.equal(response.status, 401, `attempt ${attempt}: ${response.text}`);
    }
    for (const node of on) {
      const refused = await node.post("/api/auth/login", { body: { username: user.user.username, password: user.password } });
      assert.equal(refused.status, 429, refused.text);
      assert.equal(refused.body.error.details.limit, "login_delay");
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Losing a node

interface Load {
  acked: number[];
  stop(): Promise<void>;
}

/** Sends `perSecond` messages through nginx, each retried with its nonce until acknowledged (201). */
function sendSteadily(api: Api, sender: TestUser, channelId: number, perSecond: number): Load {
  const acked: number[] = [];
  const pending = new Set<Promise<void>>();
  let running = true;
  const sendOne = async (n: number) => {
    const nonce = randomUUID();
    for (;;) {
      const response = await api.post("/api/messages/send", { token: sender.token, body: { channel_id: channelId, content: `load ${n}`, nonce }, unchecked: true }).catch(() => undefined);
      if (response && (response.status === 201 || response.status === 200)) {
        acked.push(response.body.id);
        return;
      }
      await delay(100);
    }
  };
  const loop = (async () => {
    for (let n = 0; running; n++) {
      const sending = sendOne(n);
      pending.add(sending);
      void sending.finally(() => pending.delete(sending));
      await delay(1000 / perSecond);
    }
  })();
  return {
    acked,
    async stop() {
      running = false;
      await loop;
      await Promise.all(pending);
    },
  };
}

async function receiveAll(clients: RealtimeClient[], received: number[][], acked: number[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const complete = () => received.every((ids) => acked.every((id) => ids.includes(id)));
  while (Date.now() < deadline && !complete()) await delay(100);
  await Promise.all(clients.map((client) => client.settled()));
  await delay(300);
}

/**
 * A community's readers as RealtimeClients through nginx, `perNode` on each node, in node order
 * (clients 0…perNode-1 on node 0, and so on); each records the ids of the messages it receives.
 */
async function spreadReaders({ cluster, make }: Env, perNode: number) {
  const community = await make.makeCommunity();
  const addresses = (await addressesByNode(cluster, perNode)).flat();
  const users = await Promise.all(addresses.map(() => make.makeMember(community)));
  const clients = users.map((user, i) => realtimeClient(cluster, user, addresses[i], community.general));
  const received = clients.map(() => [] as number[]);
  clients.forEach((client, i) => client.on("message_sent", (m) => received[i].push(m.id)));
  await Promise.all(clients.map((client) => (client.socket.connected ? undefined : once(client.socket, "connect"))));
  return { community, clients, received };
}

describe("a cluster losing a node", () => {
  const env = useCluster();

  it("moves every client of a node killed with -9 to a survivor, with 0 gaps, 0 duplicates and 0 acknowledged messages lost under 100 msg/s", { timeout: 120_000 }, async () => {
    const { cluster } = env;
    const { community, clients, received } = await spreadReaders(env, 3);

    const victim = 1;
    const onVictim = [3, 4, 5].map((i) => clients[i]);
    const load = sendSteadily(env.api, community.owner, community.general, 100);
    try {
      await delay(2000);
      const back = onVictim.map((client) => once(client.socket, "connect", 30_000).then(() => Date.now()));
      const killedAt = Date.now();
      await cluster.kill(victim);
      const reconnectedAt = await Promise.all(back);
      await delay(3000);
      await load.stop();
      await receiveAll(clients, received, load.acked, 30_000);

      const failover = Math.max(...reconnectedAt) - killedAt;
      console.log(`# failover: ${load.acked.length} acknowledged; the killed node's 3 clients back on survivors within ${failover} ms`);
      assert.ok(clients.every((client) => client.socket.connected), "every client is connected again");
      for (const [i, ids] of received.entries()) assertExactlyOnceInOrder(ids, load.acked, `client ${i}`);
    } finally {
      await load.stop();
      await cluster.restart(victim);
    }
  });

  it("marks the users of a killed node offline on the survivors within 20 s, and its restart shows nobody offline", { timeout: 90_000 }, async () => {
    const { cluster, make } = env;
    const [watcher, stranded, steady] = await Promise.all([0, 1, 2].map(() => env.api.register()));
    await make.befriend(stranded, watcher);
    await make.befriend(steady, watcher);
    const watching = await connectTo(cluster.nodes[0].url, watcher.token);
    const statuses = socketEvents<UserStatusEvent>(watching, "user_status");
    const is = (user: TestUser, status: string) => (e: UserStatusEvent) => e.user_id === user.user.id && e.status === status;
    await connectTo(cluster.nodes[2].url, stranded.token);
    await connectTo(cluster.nodes[1].url, steady.token);
    await waitFor(statuses, is(stranded, "online"), "stranded online", { timeoutMs: 1000 });
    await waitFor(statuses, is(steady, "online"), "steady online", { timeoutMs: 1000 });

    const killedAt = Date.now();
    await cluster.kill(2);
    try {
      await waitFor(statuses, is(stranded, "offline"), "the stranded user offline", { timeoutMs: 20_000 });
      console.log(`# presence: the killed node's user shown offline after ${Date.now() - killedAt} ms`);
    } finally {
      await cluster.restart(2);
    }
    const from = statuses.mark;
    await delay(5000);
    assert.deepEqual(statuses.matching((e) => e.status === "offline", from), [], "offline events after a node restart");
    assert.equal((await env.api.get(`/api/users/${steady.user.id}`, { token: watcher.token })).body.status, "online");
  });

  it("drains a node on SIGTERM: its clients recover on other nodes (recovered = true) and miss nothing", { timeout: 90_000 }, async () => {
    const { cluster } = env;
    const { community, clients, received } = await spreadReaders(env, 2);

    const drained = 0;
    const moving = [0, 1].map((i) => clients[i]);
    const load = sendSteadily(env.api, community.owner, community.general, 50);
    await delay(1000);
    try {
      const back = moving.map((client) => once(client.socket, "connect", 30_000));
      assert.equal(await cluster.drain(drained), 0, "the node exits 0 after draining");
      await Promise.all(back);
      assert.deepEqual(moving.map((client) => client.socket.recovered), [true, true], "recovered on another node");
      await delay(2000);
      await load.stop();
      await receiveAll(clients, received, load.acked, 30_000);
      for (const [i, ids] of received.entries()) assertExactlyOnceInOrder(ids, load.acked, `client ${i}`);
    } finally {
      await load.stop();
      await cluster.restart(drained);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Losing Redis

describe("a node whose Redis goes away", () => {
  let cluster: TestCluster | undefined;
  let redis: ReturnType<typeof spawn> | undefined;
  const port = 16_379 + (process.pid % 1000);
  const startRedis = async () => {
    redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    await delay(300);
  };
  after(async () => {
    await cluster?.stop();
    redis?.kill("SIGKILL");
  });

  it("reports redis unreachable (degraded, still 200) and keeps serving REST, then recovers when Redis is back", { timeout: 60_000 }, async () => {
    await startRedis();
    cluster = await startCluster({ nodes: 1, redisUrl: `redis://127.0.0.1:${port}`, env: NODE_ENV });
    const api = createApi(cluster.nodes[0].url);
    const make = factories(api);
    const community = await make.makeCommunity();
    assert.deepEqual(pick((await api.get("/api/health")).body), { status: "ok", database: "ok", redis: "ok" });

    redis!.kill("SIGKILL");
    await delay(500);
    const down = await api.get("/api/health");
    assert.equal(down.status, 200);
    assert.deepEqual(pick(down.body), { status: "degraded", database: "ok", redis: "unreachable" });
    const sent = await api.post("/api/messages/send", { token: community.owner.token, body: { channel_id: community.general, content: "while Redis is down" } });
    assert.equal(sent.status, 201, sent.text);
    const login = await api.post("/api/auth/login", { body: { username: community.owner.user.username, password: community.owner.password } });
    assert.equal(login.status, 200, login.text);

    await startRedis();
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && (await api.get("/api/health")).body.redis !== "ok") await delay(250);
    assert.deepEqual(pick((await api.get("/api/health")).body), { status: "ok", database: "ok", redis: "ok" });
  });
});

describe("a node that cannot reach its Redis at start", () => {
  it("exits 1 naming REDIS_URL, without a stack trace", { timeout: 30_000 }, async () => {
    const databaseUrl = await createDatabase(process.env.TEST_DATABASE_URL!);
    const dataDir = mkdtempSync(path.join(tmpdir(), "auraflow-node-"));
    try {
      const child = spawnServer(dataDir, { DATABASE_URL: databaseUrl, REDIS_URL: "redis://127.0.0.1:1", AUTH_SECRET: "x".repeat(40) });
      let output = "";
      child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
      const [code] = await onceEvent(child, "exit");
      assert.equal(code, 1);
      assert.match(output, /REDIS_URL: cannot connect/);
      assert.doesNotMatch(output, /\n\s+at /, "a readable message, not a stack trace");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await releaseDatabase(process.env.TEST_DATABASE_URL!, databaseUrl, { drop: true });
    }
  });
});

function pick(health: { status: string; database: string; redis?: string }) {
  return { status: health.status, database: health.database, redis: health.redis };
}
