// The messages the orchestrator (run.ts) and the load generator (load.ts) exchange over IPC.

/** Scenario 7: the app as one process (no Redis), as one cluster node, as two cluster nodes behind nginx. */
export type ClusterSetupName = "one-process" | "one-node" | "two-nodes";

export type TargetName = "app" | "bare-relay" | "bare-sqlite" | "bare-pg" | ClusterSetupName;

/** How the load client talks to one server under test: the app or a baseline. */
export interface Target {
  name: TargetName;
  baseUrl: string;
  /** POST {username, password} → {token}. */
  loginPath: string;
  /** POST {channel_id, content, nonce} → 2xx; absent when the target has no HTTP send. */
  sendPath?: string;
  /** Socket event that sends {channel_id, content, nonce} and is acked. */
  sendEvent: string;
  /** GET a 50-message page of `channelId`; `{id}` is replaced. */
  historyPath?: string;
}

/** One user the load client logs in and connects as; every user reads one channel. */
export interface BenchUser {
  username: string;
  channelId: number;
  /** The local address the user's sockets bind (nginx picks a node by client address); default any. */
  localAddress?: string;
}

export type Command =
  | { cmd: "login"; target: Target; users: BenchUser[]; password: string; concurrency: number }
  | { cmd: "connect"; target: Target; concurrency: number; timeoutMs: number }
  | { cmd: "send"; target: Target; via: "http" | "socket"; rate: number; durationMs: number; drainMs: number }
  | { cmd: "disconnect"; target: Target }
  | { cmd: "history"; target: Target; reader: BenchUser; password: string; connections: number; durationS: number }
  | { cmd: "floor"; target: Target; connections: number; durationS: number }
  | { cmd: "read"; target: Target; reader: BenchUser; password: string; path: string; connections: number; durationS: number }
  | { cmd: "hold"; target: Target; sockets: number; concurrency: number; timeoutMs: number; holdMs: number }
  | { cmd: "release"; target: Target }
  | { cmd: "exit" };

export interface LoginResult {
  users: number;
  ms: number;
}

export interface ConnectResult {
  connected: number;
  failed: number;
  errors: Record<string, number>;
  ms: number;
}

export interface SendResult {
  rate: number;
  via: "http" | "socket";
  durationMs: number;
  sent: number;
  /** Sends answered with an error status, an error ack, or not answered at all. */
  failed: number;
  failures: Record<string, number>;
  expected: number;
  received: number;
  reach: number;
  /** Send → delivery over every expected delivery (ms); one that never came counts as arriving at the end of the wait. */
  p50: number;
  p99: number;
  max: number;
  /** Send → HTTP response or ack (ms). */
  ackP50: number;
  ackP99: number;
  deliveredPerSec: number;
  /** Load generator CPU time during the run (s) and its share of one core. */
  clientCpuS: number;
  clientCpuShare: number;
}

export interface HistoryResult {
  reqPerSec: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  bytesPerReq: number;
  clientCpuShare: number;
}

/** An unknown path under the server's API prefix: no auth, no database, a small JSON 404. */
export interface FloorResult {
  reqPerSec: number;
  p99: number;
  /** Answers that were not the expected 404. */
  unexpected: number;
}

export interface HoldResult extends ConnectResult {
  /** Still connected after the hold period. */
  held: number;
}

export type Reply = { ok: true; result: unknown } | { ok: false; error: string };
