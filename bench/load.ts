// The load generator: a separate process (pinned to its own core by run.ts) that logs users in,
// holds their sockets, sends messages at a fixed open-loop rate over HTTP keep-alive or Socket.IO,
// and times every delivery. It takes commands from run.ts over IPC and answers each one.
import { Agent, request } from "node:http";
import autocannon from "autocannon";
import { io, type Socket } from "socket.io-client";
import type {
  BenchUser,
  Command,
  ConnectResult,
  FloorResult,
  HistoryResult,
  HoldResult,
  LoginResult,
  Reply,
  SendResult,
  Target,
} from "./lib/protocol";
import { percentile } from "./lib/stats";

const BODY_BYTES = 200;
const REQUEST_TIMEOUT_MS = 10_000;

interface Session {
  user: BenchUser;
  token: string;
  socket?: Socket;
}

interface TargetState {
  agent: Agent;
  sessions: Session[];
  /** Scenario 5's extra idle sockets. */
  held: Socket[];
}

/** What the message handlers of every socket report into while a send run is under way. */
interface Run {
  prefix: string;
  sentAt: Float64Array;
  /** Deliveries that arrived, per message. */
  deliveredPerSeq: Uint16Array;
  latencies: Float64Array;
  received: number;
  lastDeliveryAt: number;
}

const targets = new Map<string, TargetState>();
let current: Run | null = null;
let runCounter = 0;

function stateOf(target: Target): TargetState {
  let state = targets.get(target.name);
  if (!state) {
    state = { agent: new Agent({ keepAlive: true, maxSockets: 256 }), sessions: [], held: [] };
    targets.set(target.name, state);
  }
  return state;
}

interface HttpAnswer {
  status: number;
  body: string;
}

function httpJson(target: Target, agent: Agent, method: string, path: string, token: string | null, payload?: unknown): Promise<HttpAnswer> {
  const url = new URL(path, target.baseUrl);
  const body = payload === undefined ? undefined : JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        method,
        hostname: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        timeout: REQUEST_TIMEOUT_MS,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body ? { "content-type": "application/json", "content-length": Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(body);
  });
}

/** Runs `work` over `items` with at most `concurrency` in flight. */
async function pool<T>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

async function login(target: Target, users: BenchUser[], password: string, concurrency: number): Promise<LoginResult> {
  const state = stateOf(target);
  const started = performance.now();
  const sessions: Session[] = new Array(users.length);
  await pool(users, concurrency, async (user, index) => {
    const answer = await httpJson(target, state.agent, "POST", target.loginPath, null, { username: user.username, password });
    if (answer.status !== 200) throw new Error(`login of ${user.username} on ${target.name}: HTTP ${answer.status} ${answer.body.slice(0, 200)}`);
    sessions[index] = { user, token: (JSON.parse(answer.body) as { token: string }).token };
  });
  state.sessions = sessions;
  return { users: sessions.length, ms: performance.now() - started };
}

function onDelivery(message: { content?: string }): void {
  const run = current;
  const content = message?.content;
  if (!run || typeof content !== "string" || !content.startsWith(run.prefix)) return;
  const seq = Number.parseInt(content.slice(run.prefix.length, content.indexOf(".", run.prefix.length)), 10);
  const now = performance.now();
  if (run.received < run.latencies.length) run.latencies[run.received] = now - run.sentAt[seq];
  run.deliveredPerSeq[seq]++;
  run.received++;
  run.lastDeliveryAt = now;
}

/** A socket to open: whose token, and from which local address (undefined: any). */
interface SocketCredentials {
  token: string;
  localAddress?: string;
}

/** Opens one Socket.IO connection (WebSocket only, no reconnection) and waits for connect. */
function openSocket(target: Target, { token, localAddress }: SocketCredentials, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(target.baseUrl, {
      transports: ["websocket"],
      auth: { token },
      reconnection: false,
      forceNew: true,
      timeout: timeoutMs,
      // Passed through to ws (socket.io-client's types do not list it).
      ...(localAddress ? { localAddress } : {}),
    });
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** "websocket error (EMFILE)", "timeout", "unauthorized": what a failed connection reports. */
function errorKey(error: unknown): string {
  const { message, description } = error as Error & { description?: { error?: { code?: string } } };
  const code = description?.error?.code;
  return code ? `${message} (${code})` : (message ?? String(error));
}

/** The socket of a session: its token, from the user's local address. */
const credentialsOf = (session: Session): SocketCredentials => ({ token: session.token, localAddress: session.user.localAddress });

async function connectAll(credentials: SocketCredentials[], target: Target, concurrency: number, timeoutMs: number, deadline: number) {
  const sockets: (Socket | undefined)[] = new Array(credentials.length);
  const errors: Record<string, number> = {};
  let failed = 0;
  await pool(credentials, concurrency, async (credential, index) => {
    if (performance.now() > deadline) {
      failed++;
      errors["time budget exhausted"] = (errors["time budget exhausted"] ?? 0) + 1;
      return;
    }
    try {
      const socket = await openSocket(target, credential, timeoutMs);
      socket.on("message_sent", onDelivery);
      sockets[index] = socket;
    } catch (error) {
      failed++;
      const key = errorKey(error);
      errors[key] = (errors[key] ?? 0) + 1;
    }
  });
  return { sockets, failed, errors };
}

async function connect(target: Target, concurrency: number, timeoutMs: number): Promise<ConnectResult> {
  const state = stateOf(target);
  const started = performance.now();
  const { sockets, failed, errors } = await connectAll(
    state.sessions.map(credentialsOf),
    target,
    concurrency,
    timeoutMs,
    Infinity,
  );
  state.sessions.forEach((session, index) => (session.socket = sockets[index]));
  return { connected: sockets.filter(Boolean).length, failed, errors, ms: performance.now() - started };
}

function disconnect(target: Target): void {
  const state = stateOf(target);
  for (const session of state.sessions) {
    session.socket?.close();
    session.socket = undefined;
  }
}

function content(prefix: string, seq: number): string {
  const head = `${prefix}${seq}.`;
  return head + "x".repeat(BODY_BYTES - head.length);
}

async function send(target: Target, via: "http" | "socket", rate: number, durationMs: number, drainMs: number): Promise<SendResult> {
  const state = stateOf(target);
  // Fresh keep-alive connections for every run: a pooled one the server closed while idle
  // (keepAliveTimeout) would fail the first request sent on it.
  state.agent.destroy();
  state.agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const senders = state.sessions.filter((s) => s.socket?.connected);
  if (senders.length === 0) throw new Error(`no connected sockets on ${target.name}`);
  if (via === "http" && !target.sendPath) throw new Error(`${target.name} has no HTTP send`);
  const readers = new Map<number, number>();
  for (const s of senders) readers.set(s.user.channelId, (readers.get(s.user.channelId) ?? 0) + 1);

  const total = Math.round((rate * durationMs) / 1000);
  let expected = 0;
  for (let seq = 0; seq < total; seq++) expected += readers.get(senders[seq % senders.length].user.channelId)!;
  const run: Run = {
    prefix: `r${process.pid}-${++runCounter}.`,
    sentAt: new Float64Array(total),
    deliveredPerSeq: new Uint16Array(total),
    latencies: new Float64Array(expected),
    received: 0,
    lastDeliveryAt: 0,
  };
  const ackLatencies = new Float64Array(total);
  let acked = 0;
  let answered = 0;
  let failed = 0;
  const failures: Record<string, number> = {};
  const fail = (key: string) => {
    failed++;
    failures[key] = (failures[key] ?? 0) + 1;
  };
  current = run;
  const cpuBefore = process.cpuUsage();

  const sendOne = (seq: number) => {
    const session = senders[seq % senders.length];
    const payload = { channel_id: session.user.channelId, content: content(run.prefix, seq), nonce: `${run.prefix}${seq}` };
    run.sentAt[seq] = performance.now();
    const done = (ok: boolean, key: string) => {
      answered++;
      if (ok) ackLatencies[acked++] = performance.now() - run.sentAt[seq];
      else fail(key);
    };
    if (via === "http") {
      httpJson(target, state.agent, "POST", target.sendPath!, session.token, payload).then(
        (answer) => done(answer.status >= 200 && answer.status < 300, `HTTP ${answer.status}`),
        (error: Error) => done(false, error.message),
      );
    } else {
      session.socket!.timeout(REQUEST_TIMEOUT_MS).emit(target.sendEvent, payload, (error: Error | null, ack: { ok?: boolean; error?: { code?: string } }) => {
        if (error) done(false, "ack timeout");
        else done(ack?.ok === true, `ack ${ack?.error?.code ?? "error"}`);
      });
    }
  };

  const started = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - started) * rate) / 1000));
      while (sent < due) sendOne(sent++);
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  const drainUntil = performance.now() + drainMs;
  while ((run.received < expected || answered < total) && performance.now() < drainUntil) {
    await new Promise((r) => setTimeout(r, 10));
  }
  current = null;
  const endedAt = performance.now();
  const elapsedS = (endedAt - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const clientCpuS = (cpu.user + cpu.system) / 1e6;
  if (answered < total) failures["no answer"] = total - answered;
  failed += total - answered;

  // A delivery that never came counts as arriving when the wait ended: the percentiles are then a
  // lower bound, and a run that lost messages cannot show a good p99.
  let filled = Math.min(run.received, expected);
  for (let seq = 0; seq < total && filled < expected; seq++) {
    const missing = readers.get(senders[seq % senders.length].user.channelId)! - run.deliveredPerSeq[seq];
    for (let i = 0; i < missing && filled < expected; i++) run.latencies[filled++] = endedAt - run.sentAt[seq];
  }
  const latencies = run.latencies.subarray(0, filled).sort();
  const acks = ackLatencies.subarray(0, acked).sort();
  const window = run.lastDeliveryAt > started ? (run.lastDeliveryAt - started) / 1000 : durationMs / 1000;
  return {
    rate,
    via,
    durationMs,
    sent: total,
    failed,
    failures,
    expected,
    received: run.received,
    reach: expected ? run.received / expected : 0,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.length ? latencies[latencies.length - 1] : NaN,
    ackP50: percentile(acks, 50),
    ackP99: percentile(acks, 99),
    deliveredPerSec: run.received / window,
    clientCpuS,
    clientCpuShare: clientCpuS / elapsedS,
  };
}

/** Logs `reader` in (no socket), checks one answer with `probe` and runs autocannon on `path`. */
async function read(
  target: Target,
  reader: BenchUser,
  password: string,
  path: string,
  probe: (body: unknown) => string | null,
  connections: number,
  durationS: number,
): Promise<HistoryResult> {
  const state = stateOf(target);
  const answer = await httpJson(target, state.agent, "POST", target.loginPath, null, { username: reader.username, password });
  if (answer.status !== 200) throw new Error(`login of ${reader.username} on ${target.name}: HTTP ${answer.status}`);
  const { token } = JSON.parse(answer.body) as { token: string };
  const url = new URL(path, target.baseUrl).toString();
  const first = await httpJson(target, state.agent, "GET", url, token);
  const refusal = first.status === 200 ? probe(JSON.parse(first.body)) : `HTTP ${first.status}`;
  if (refusal) throw new Error(`${target.name} probe of ${path}: ${refusal}`);
  const cpuBefore = process.cpuUsage();
  const result = await autocannon({ url, connections, pipelining: 1, duration: durationS, headers: { authorization: `Bearer ${token}` } });
  const cpu = process.cpuUsage(cpuBefore);
  return {
    reqPerSec: result.requests.total / durationS,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    bytesPerReq: Buffer.byteLength(first.body),
    clientCpuShare: (cpu.user + cpu.system) / 1e6 / durationS,
  };
}

/** A search answer with at least one message. */
const foundSomething = (body: unknown) => ((body as { messages?: unknown[] }).messages?.length ? null : "nothing found");

/** The newest page of the reader's channel. */
function history(target: Target, reader: BenchUser, password: string, connections: number, durationS: number): Promise<HistoryResult> {
  if (!target.historyPath) throw new Error(`${target.name} has no history endpoint`);
  const path = target.historyPath.replace("{id}", String(reader.channelId));
  const fullPage = (page: unknown) => (Array.isArray(page) && page.length === 50 ? null : `${Array.isArray(page) ? page.length : "no"} messages`);
  return read(target, reader, password, path, fullPage, connections, durationS);
}

/**
 * The cost of the framework alone: an unknown path, answered with a JSON 404 before any auth or
 * database work (the app's catch-all route handler; the baseline's fall-through).
 */
async function floor(target: Target, connections: number, durationS: number): Promise<FloorResult> {
  const url = new URL(target.historyPath!.startsWith("/api/") ? "/api/bench-floor" : "/bench-floor", target.baseUrl).toString();
  const result = await autocannon({ url, connections, pipelining: 1, duration: durationS });
  return { reqPerSec: result.requests.total / durationS, p99: result.latency.p99, unexpected: result.requests.total - result["4xx"] };
}

async function hold(target: Target, count: number, concurrency: number, timeoutMs: number, holdMs: number): Promise<HoldResult> {
  const state = stateOf(target);
  const credentials = Array.from({ length: count }, (_, i) => credentialsOf(state.sessions[i % state.sessions.length]));
  const started = performance.now();
  const { sockets, failed, errors } = await connectAll(credentials, target, concurrency, timeoutMs, started + timeoutMs);
  const ms = performance.now() - started;
  state.held = sockets.filter((s): s is Socket => s !== undefined);
  await new Promise((r) => setTimeout(r, holdMs));
  return { connected: state.held.length, failed, errors, ms, held: state.held.filter((s) => s.connected).length };
}

function release(target: Target): void {
  const state = stateOf(target);
  for (const socket of state.held) socket.close();
  state.held = [];
}

async function handle(command: Command): Promise<unknown> {
  switch (command.cmd) {
    case "login":
      return login(command.target, command.users, command.password, command.concurrency);
    case "connect":
      return connect(command.target, command.concurrency, command.timeoutMs);
    case "send":
      return send(command.target, command.via, command.rate, command.durationMs, command.drainMs);
    case "disconnect":
      return disconnect(command.target);
    case "history":
      return history(command.target, command.reader, command.password, command.connections, command.durationS);
    case "floor":
      return floor(command.target, command.connections, command.durationS);
    case "read":
      return read(command.target, command.reader, command.password, command.path, foundSomething, command.connections, command.durationS);
    case "hold":
      return hold(command.target, command.sockets, command.concurrency, command.timeoutMs, command.holdMs);
    case "release":
      return release(command.target);
    case "exit":
      for (const state of targets.values()) {
        for (const s of state.sessions) s.socket?.close();
        for (const s of state.held) s.close();
        state.agent.destroy();
      }
      setImmediate(() => process.exit(0));
      return null;
  }
}

if (!process.send) {
  console.error("bench/load.ts is driven by bench/run.ts over IPC (npm run bench)");
  process.exit(2);
}
// One command at a time: run.ts awaits each answer before sending the next.
process.on("message", (command: Command) => {
  handle(command).then(
    (result) => process.send!({ ok: true, result } satisfies Reply),
    (error: Error) => process.send!({ ok: false, error: error.stack ?? String(error) } satisfies Reply),
  );
});
process.on("disconnect", () => process.exit(0));
