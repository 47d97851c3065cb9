import { getConfig } from "../config";
import { redisClients, redisKey } from "./redis";

/** One user in one voice channel, on the connection (`<node id>/<socket id>`) that joined. */
export interface VoiceEntry {
  user_id: number;
  connection: string;
  self_mute: boolean;
  self_deaf: boolean;
  /** Milliseconds since the epoch: participants are listed in the order they joined. */
  joined_at: number;
}

export type VoiceJoinResult =
  | { kind: "full" }
  | {
      kind: "joined";
      /** The voice channel the user was in before, which they left by joining this one. */
      left: { channel_id: number; entry: VoiceEntry } | null;
      /** Already in this channel: the connection they were in it with (now replaced by the new one). */
      replaced: string | null;
    };

/**
 * Who is in which voice channel: at most one channel per user. In memory for one process; in Redis
 * for a cluster, where each change is one script (so that two nodes admitting the last free place
 * at once cannot both succeed).
 */
export interface VoiceStore {
  /** Puts the user in the channel unless it holds `max` others already; leaves any other channel. */
  join(channelId: number, entry: VoiceEntry, max: number): Promise<VoiceJoinResult>;
  /** Takes the user out of the channel (only while on `connection`, when given); resolves with what was removed. */
  leave(channelId: number, userId: number, connection?: string): Promise<VoiceEntry | null>;
  /** Sets mute and deafen while the user is in the channel on `connection`; resolves with the new entry. */
  update(channelId: number, userId: number, connection: string, state: Pick<VoiceEntry, "self_mute" | "self_deaf">): Promise<VoiceEntry | null>;
  participants(channelId: number): Promise<VoiceEntry[]>;
  /** The entries of these users in the channel (null for those not in it), in the same order. */
  pick(channelId: number, userIds: number[]): Promise<(VoiceEntry | null)[]>;
  /** The user's voice channel, if any. */
  channelOf(userId: number): Promise<number | null>;
  /** Every channel with someone in it, with its participants. */
  all(): Promise<Map<number, VoiceEntry[]>>;
}

const byJoinTime = (a: VoiceEntry, b: VoiceEntry) => a.joined_at - b.joined_at || a.user_id - b.user_id;

class MemoryVoiceStore implements VoiceStore {
  private readonly channels = new Map<number, Map<number, VoiceEntry>>();
  private readonly channelOfUser = new Map<number, number>();

  async join(channelId: number, entry: VoiceEntry, max: number): Promise<VoiceJoinResult> {
    const channel = this.channels.get(channelId) ?? new Map<number, VoiceEntry>();
    const current = channel.get(entry.user_id);
    if (current) {
      channel.set(entry.user_id, { ...current, connection: entry.connection });
      return { kind: "joined", left: null, replaced: current.connection };
    }
    if (channel.size >= max) return { kind: "full" };
    const previous = this.channelOfUser.get(entry.user_id);
    const left = previous === undefined ? null : await this.leave(previous, entry.user_id);
    this.channels.set(channelId, channel.set(entry.user_id, entry));
    this.channelOfUser.set(entry.user_id, channelId);
    return { kind: "joined", left: left && previous !== undefined ? { channel_id: previous, entry: left } : null, replaced: null };
  }

  async leave(channelId: number, userId: number, connection?: string) {
    const channel = this.channels.get(channelId);
    const entry = channel?.get(userId);
    if (!channel || !entry || (connection !== undefined && entry.connection !== connection)) return null;
    channel.delete(userId);
    if (channel.size === 0) this.channels.delete(channelId);
    if (this.channelOfUser.get(userId) === channelId) this.channelOfUser.delete(userId);
    return entry;
  }

  async update(channelId: number, userId: number, connection: string, state: Pick<VoiceEntry, "self_mute" | "self_deaf">) {
    const channel = this.channels.get(channelId);
    const entry = channel?.get(userId);
    if (!channel || !entry || entry.connection !== connection) return null;
    const updated = { ...entry, ...state };
    channel.set(userId, updated);
    return updated;
  }

  async participants(channelId: number) {
    return [...(this.channels.get(channelId)?.values() ?? [])].sort(byJoinTime);
  }

  async pick(channelId: number, userIds: number[]) {
    const channel = this.channels.get(channelId);
    return userIds.map((id) => channel?.get(id) ?? null);
  }

  async channelOf(userId: number) {
    return this.channelOfUser.get(userId) ?? null;
  }

  async all() {
    return new Map([...this.channels].map(([id, channel]) => [id, [...channel.values()].sort(byJoinTime)]));
  }
}

// KEYS: the channel's hash, the user's channel key, the set of busy channels, the previous channel's
// hash (or the channel's again). ARGV: user id, entry JSON, max, channel id, the previous channel id
// the caller read ("" for none). Answers {"retry"} when the user moved meanwhile.
const JOIN = `local previous = redis.call("GET", KEYS[2]) or ""
if previous ~= ARGV[5] then return {"retry"} end
local current = redis.call("HGET", KEYS[1], ARGV[1])
if current then
  local entry = cjson.decode(current)
  local replaced = entry.connection
  entry.connection = cjson.decode(ARGV[2]).connection
  redis.call("HSET", KEYS[1], ARGV[1], cjson.encode(entry))
  redis.call("SET", KEYS[2], ARGV[4])
  return {"joined", "", replaced}
end
if redis.call("HLEN", KEYS[1]) >= tonumber(ARGV[3]) then return {"full"} end
local left = ""
if previous ~= "" and previous ~= ARGV[4] then
  left = redis.call("HGET", KEYS[4], ARGV[1]) or ""
  redis.call("HDEL", KEYS[4], ARGV[1])
  if redis.call("HLEN", KEYS[4]) == 0 then redis.call("SREM", KEYS[3], previous) end
end
redis.call("HSET", KEYS[1], ARGV[1], ARGV[2])
redis.call("SET", KEYS[2], ARGV[4])
redis.call("SADD", KEYS[3], ARGV[4])
return {"joined", left, ""}`;

// KEYS: the channel's hash, the user's channel key, the set of busy channels. ARGV: user id,
// channel id, the connection it must be on ("" for any).
const LEAVE = `local current = redis.call("HGET", KEYS[1], ARGV[1])
if not current then return false end
if ARGV[3] ~= "" and cjson.decode(current).connection ~= ARGV[3] then return false end
redis.call("HDEL", KEYS[1], ARGV[1])
if redis.call("GET", KEYS[2]) == ARGV[2] then redis.call("DEL", KEYS[2]) end
if redis.call("HLEN", KEYS[1]) == 0 then redis.call("SREM", KEYS[3], ARGV[2]) end
return current`;

// KEYS: the channel's hash. ARGV: user id, connection, self_mute, self_deaf ("1"/"0").
const UPDATE = `local current = redis.call("HGET", KEYS[1], ARGV[1])
if not current then return false end
local entry = cjson.decode(current)
if entry.connection ~= ARGV[2] then return false end
entry.self_mute = ARGV[3] == "1"
entry.self_deaf = ARGV[4] == "1"
local updated = cjson.encode(entry)
redis.call("HSET", KEYS[1], ARGV[1], updated)
return updated`;

const parse = (text: string | null | undefined): VoiceEntry | null => (text ? (JSON.parse(text) as VoiceEntry) : null);

class RedisVoiceStore implements VoiceStore {
  private readonly channelKey = (channelId: number | string) => redisKey("voice", "channel", channelId);
  private readonly userKey = (userId: number) => redisKey("voice", "user", userId);
  private readonly channelsKey = redisKey("voice", "channels");

  private get redis() {
    return redisClients().state;
  }

  async join(channelId: number, entry: VoiceEntry, max: number): Promise<VoiceJoinResult> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const previous = (await this.redis.get(this.userKey(entry.user_id))) ?? "";
      const answer = (await this.redis.eval(JOIN, {
        keys: [this.channelKey(channelId), this.userKey(entry.user_id), this.channelsKey, this.channelKey(previous || channelId)],
        arguments: [String(entry.user_id), JSON.stringify(entry), String(max), String(channelId), previous],
      })) as string[];
      if (answer[0] === "retry") continue;
      if (answer[0] === "full") return { kind: "full" };
      const left = parse(answer[1]);
      return { kind: "joined", left: left ? { channel_id: Number(previous), entry: left } : null, replaced: answer[2] || null };
    }
    throw new Error("voice join: the user's voice channel kept changing");
  }

  async leave(channelId: number, userId: number, connection?: string) {
    const removed = await this.redis.eval(LEAVE, {
      keys: [this.channelKey(channelId), this.userKey(userId), this.channelsKey],
      arguments: [String(userId), String(channelId), connection ?? ""],
    });
    return parse(typeof removed === "string" ? removed : null);
  }

  async update(channelId: number, userId: number, connection: string, state: Pick<VoiceEntry, "self_mute" | "self_deaf">) {
    const updated = await this.redis.eval(UPDATE, {
      keys: [this.channelKey(channelId)],
      arguments: [String(userId), connection, state.self_mute ? "1" : "0", state.self_deaf ? "1" : "0"],
    });
    return parse(typeof updated === "string" ? updated : null);
  }

  async participants(channelId: number) {
    const entries = Object.values(await this.redis.hGetAll(this.channelKey(channelId)));
    return entries.map((text) => parse(text)!).sort(byJoinTime);
  }

  async pick(channelId: number, userIds: number[]) {
    const values = await this.redis.hmGet(this.channelKey(channelId), userIds.map(String));
    return values.map((text) => parse(text));
  }

  async channelOf(userId: number) {
    const value = await this.redis.get(this.userKey(userId));
    return value ? Number(value) : null;
  }

  async all() {
    const channels = (await this.redis.sMembers(this.channelsKey)).map(Number);
    const lists = await Promise.all(channels.map((id) => this.participants(id)));
    return new Map(channels.map((id, i) => [id, lists[i]]));
  }
}

const globalForVoice = globalThis as { __auraflowVoiceStore?: VoiceStore };

/** The store for this process: Redis in cluster mode, memory otherwise (shared by both bundles). */
export function voiceStore(): VoiceStore {
  return (globalForVoice.__auraflowVoiceStore ??= getConfig().redisUrl ? new RedisVoiceStore() : new MemoryVoiceStore());
}
