import { getConfig } from "../config";
import { redisClients, redisKey } from "./redis";

/**
 * Where the live connections of users are counted. A connection is `<node id>/<socket id>`.
 * In memory for one process; in Redis for a cluster, where every node also keeps a heartbeat key
 * with a TTL, and the survivors forget the connections of a node whose heartbeat expired.
 */
export interface PresenceStore {
  add(userId: number, connection: string): Promise<void>;
  /** Forgets one connection; resolves with how many the user still has anywhere. */
  remove(userId: number, connection: string): Promise<number>;
  count(userId: number): Promise<number>;
  /**
   * Renews this node's heartbeat and forgets the connections of nodes that stopped; resolves with
   * the users left with none.
   */
  sweep(): Promise<number[]>;
  /** Whether another node is alive (a node starting alone may reset everyone's status). */
  othersAlive(): Promise<boolean>;
  /** Whether these nodes are alive (this one is), in the same order. */
  alive(nodeIds: string[]): Promise<boolean[]>;
}

class MemoryPresenceStore implements PresenceStore {
  private readonly connections = new Map<number, Set<string>>();

  async add(userId: number, connection: string) {
    let set = this.connections.get(userId);
    if (!set) this.connections.set(userId, (set = new Set()));
    set.add(connection);
  }

  async remove(userId: number, connection: string) {
    const set = this.connections.get(userId);
    set?.delete(connection);
    if (set?.size === 0) this.connections.delete(userId);
    return set?.size ?? 0;
  }

  async count(userId: number) {
    return this.connections.get(userId)?.size ?? 0;
  }

  async sweep() {
    return [];
  }

  async othersAlive() {
    return false;
  }

  async alive(nodeIds: string[]) {
    return nodeIds.map((node) => node === getConfig().nodeId);
  }
}

/** A dead node is noticed within HEARTBEAT_TTL_MS plus one sweep interval. */
export const HEARTBEAT_TTL_MS = 10_000;
export const SWEEP_INTERVAL_MS = 3_000;

class RedisPresenceStore implements PresenceStore {
  private readonly nodeId = getConfig().nodeId;
  private readonly userKey = (userId: number) => redisKey("presence", "user", userId);
  private readonly nodeUsersKey = (nodeId: string) => redisKey("presence", "node", nodeId, "users");
  private readonly aliveKey = (nodeId: string) => redisKey("presence", "node", nodeId, "alive");
  private readonly nodesKey = redisKey("presence", "nodes");

  private get redis() {
    return redisClients().state;
  }

  async add(userId: number, connection: string) {
    await this.redis.multi().sAdd(this.userKey(userId), connection).sAdd(this.nodeUsersKey(this.nodeId), String(userId)).exec();
  }

  async remove(userId: number, connection: string) {
    const [, remaining] = await this.redis.multi().sRem(this.userKey(userId), connection).sCard(this.userKey(userId)).exec();
    return Number(remaining);
  }

  async count(userId: number) {
    return this.redis.sCard(this.userKey(userId));
  }

  async sweep() {
    await this.redis.multi().set(this.aliveKey(this.nodeId), "1", { PX: HEARTBEAT_TTL_MS }).sAdd(this.nodesKey, this.nodeId).exec();
    const others = (await this.redis.sMembers(this.nodesKey)).filter((node) => node !== this.nodeId);
    if (others.length === 0) return [];
    const alive = await Promise.all(others.map((node) => this.redis.exists(this.aliveKey(node))));
    const orphaned: number[] = [];
    for (const [i, node] of others.entries()) {
      // Whoever takes the dead node off the list cleans up after it; the other survivors skip it.
      if (alive[i] || (await this.redis.sRem(this.nodesKey, node)) === 0) continue;
      orphaned.push(...(await this.forgetNode(node)));
    }
    return orphaned;
  }

  private async forgetNode(node: string): Promise<number[]> {
    const userIds = (await this.redis.sMembers(this.nodeUsersKey(node))).map(Number);
    const orphaned: number[] = [];
    for (const userId of userIds) {
      const key = this.userKey(userId);
      const gone = (await this.redis.sMembers(key)).filter((connection) => connection.startsWith(`${node}/`));
      const [, remaining] = await this.redis.multi().sRem(key, gone.length ? gone : ["-"]).sCard(key).exec();
      if (Number(remaining) === 0) orphaned.push(userId);
    }
    await this.redis.del(this.nodeUsersKey(node));
    return orphaned;
  }

  async othersAlive() {
    const others = (await this.redis.sMembers(this.nodesKey)).filter((node) => node !== this.nodeId);
    const alive = await Promise.all(others.map((node) => this.redis.exists(this.aliveKey(node))));
    return alive.some(Boolean);
  }

  async alive(nodeIds: string[]) {
    const alive = await Promise.all(nodeIds.map((node) => (node === this.nodeId ? 1 : this.redis.exists(this.aliveKey(node)))));
    return alive.map(Boolean);
  }
}

const globalForPresence = globalThis as { __auraflowPresenceStore?: PresenceStore };

/** The store for this process: Redis in cluster mode, memory otherwise (shared by both bundles). */
export function presenceStore(): PresenceStore {
  return (globalForPresence.__auraflowPresenceStore ??= getConfig().redisUrl ? new RedisPresenceStore() : new MemoryPresenceStore());
}
