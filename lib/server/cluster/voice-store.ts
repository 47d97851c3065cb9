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

/**
 * A channel's participants with its version: a number that grows with every change to the list or
 * to someone's mute and deafen (and with time, so that it keeps growing after a restart of a lone
 * process). Readers keep the highest version they have seen: lists announced by two nodes at once
 * may arrive in either order.
 */
export interface VoiceChannelState {
  version: number;
  entries: VoiceEntry[];
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
  /** Sets mute and deafen while the user is in the channel on `connection`; resolves with the new entry and the channel's version. */
  update(channelId: number, userId: number, connection: string, state: Pick<VoiceEntry, "self_mute" | "self_deaf">): Promise<{ entry: VoiceEntry; version: number } | null>;
  participants(channelId: number): Promise<VoiceChannelState>;
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
  /** Kept after a channel empties: a version must never go back. */
  private readonly versions = new Map<number, number>();

  private bump(channelId: number): void {
    this.versions.set(channelId, Math.max((this.versions.get(channelId) ?? 0) + 1, Date.now()));
  }

  async join(channelId: number, entry: VoiceEntry, max: number): Promise<VoiceJoinResult> {
    const channel = this.channels.get(channelId) ?? new Map<number, VoiceEntry>();
    const current = channel.get(entry.user_id);
    if (current) {
      // The same person on another socket: the list does not change.
      channel.set(entry.user_id, { ...current, connection: entry.connection });
      return { kind: "joined", left: null, replaced: current.connection };
    }
    if (channel.size >= max) return { kind: "full" };
    // No await from the capacity check to the insert: two joins must not both take the last place.
    const previous = this.channelOfUser.get(entry.user_id);
    const left = previous === undefined ? null : this.remove(previous, entry.user_id);
    this.channels.set(channelId, channel.set(entry.user_id, entry));
    this.channelOfUser.set(entry.user_id, channelId);
    this.bump(channelId);
    return { kind: "joined", left: left && previous !== undefined ? { channel_id: previous, entry: left } : null, replaced: null };
  }

  async leave(channelId: number, userId: number, connection?: string) {
    return this.remove(channelId, userId, connection);
  }

  private remove(channelId: number, userId: number, connection?: string): VoiceEntry | null {
    const channel = this.channels.get(channelId);
    const entry = channel?.get(userId);
    if (!channel || !entry || (connection !== undefined && entry.connection !== connection)) return null;
    channel.delete(userId);
    if (channel.size === 0) this.channels.delete(channelId);
    this.bump(channelId);
    if (this.channelOfUser.get(userId) === channelId) this.channelOfUser.delete(userId);
    return entry;
  }

  async update(channelId: number, userId: number, connection: string, state: Pick<VoiceEntry, "self_mute" | "self_deaf">) {
    const channel = this.channels.get(channelId);
    const entry = channel?.get(userId);
    if (!channel || !entry || entry.connection !== connection) return null;
    const updated = { ...entry, ...state };
    channel.set(userId, updated);
    if (updated.self_mute !== entry.self_mute || updated.self_deaf !== entry.self_deaf) this.bump(channelId);
    return { entry: updated, version: this.versions.get(channelId) ?? 0 };
  }

  async participants(channelId: number) {
    return { version: this.versions.get(channelId) ?? 0, entries: [...(this.channels.get(channelId)?.values() ?? [])].sort(byJoinTime) };
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

// A channel's version (see VoiceChannelState): one more, or the Redis server's clock in ms if that is ahead.
const BUMP = `local function bump(key)
  local now = redis.call("TIME")
  local version = math.max(tonumber(redis.call("GET", key) or "0") + 1, tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000))
  redis.call("SET", key, string.format("%d", version))
end
`;

// KEYS: the channel's hash, the user's channel key, the set of busy channels, the previous channel's
// hash (or the channel's again), the channel's version, the previous channel's version (or the
// channel's again). ARGV: user id, entry JSON, max, channel id, the previous channel id the caller
// read ("" for none). Answers {"retry"} when the user moved meanwhile.
const JOIN = `${BUMP}local previous = redis.call("GET", KEYS[2]) or ""
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
  bump(KEYS[6])
end
redis.call("HSET", KEYS[1], ARGV[1], ARGV[2])
redis.call("SET", KEYS[2], ARGV[4])
redis.call("SADD", KEYS[3], ARGV[4])
bump(KEYS[5])
return {"joined", left, ""}`;

// KEYS: the channel's hash, the user's channel key, the set of busy channels, the channel's version.
// ARGV: user id, channel id, the connection it must be on ("" for any).
const LEAVE = `${BUMP}local current = redis.call("HGET", KEYS[1], ARGV[1])
if not current then return false end
if ARGV[3] ~= "" and cjson.decode(current).connection ~= ARGV[3] then return false end
redis.call("HDEL", KEYS[1], ARGV[1])
if redis.call("GET", KEYS[2]) == ARGV[2] then redis.call("DEL", KEYS[2]) end
if redis.call("HLEN", KEYS[1]) == 0 then redis.call("SREM", KEYS[3], ARGV[2]) end
bump(KEYS[4])
return current`;

// KEYS: the channel's hash, the channel's version. ARGV: user id, connection, self_mute, self_deaf
// ("1"/"0"). Answers {entry JSON, version}.
const UPDATE = `${BUMP}local current = redis.call("HGET", KEYS[1], ARGV[1])
if not current then return false end
local entry = cjson.decode(current)
if entry.connection ~= ARGV[2] then return false end
local mute, deaf = ARGV[3] == "1", ARGV[4] == "1"
if entry.self_mute ~= mute or entry.self_deaf ~= deaf then
  entry.self_mute = mute
  entry.self_deaf = deaf
  redis.call("HSET", KEYS[1], ARGV[1], cjson.encode(entry))
  bump(KEYS[2])
end
return {cjson.encode(entry), redis.call("GET", KEYS[2]) or "0"}`;

const parse = (text: string | null | undefined): VoiceEntry | null => (text ? (JSON.parse(text) as VoiceEntry) : null);

class RedisVoiceStore implements VoiceStore {
  private readonly channelKey = (channelId: number | string) => redisKey("voice", "channel", channelId);
  private readonly versionKey = (channelId: number | string) => redisKey("voice", "channel", channelId, "version");
  private readonly userKey = (userId: number) => redisKey("voice", "user", userId);
  private readonly channelsKey = redisKey("voice", "channels");

  private get redis() {
    return redisClients().state;
  }

  async join(channelId: number, entry: VoiceEntry, max: number): Promise<VoiceJoinResult> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const previous = (await this.redis.get(this.userKey(entry.user_id))) ?? "";
      const answer = (await this.redis.eval(JOIN, {
        keys: [
          this.channelKey(channelId), this.userKey(entry.user_id), this.channelsKey, this.channelKey(previous || channelId),
          this.versionKey(channelId), this.versionKey(previous || channelId),
        ],
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
      keys: [this.channelKey(channelId), this.userKey(userId), this.channelsKey, this.versionKey(channelId)],
      arguments: [String(userId), String(channelId), connection ?? ""],
    });
    return parse(typeof removed === "string" ? removed : null);
  }

  async update(channelId: number, userId: number, connection: string, state: Pick<VoiceEntry, "self_mute" | "self_deaf">) {
    const updated = (await this.redis.eval(UPDATE, {
      keys: [this.channelKey(channelId), this.versionKey(channelId)],
      arguments: [String(userId), connection, state.self_mute ? "1" : "0", state.self_deaf ? "1" : "0"],
    })) as [string, string] | null;
    return updated ? { entry: parse(updated[0])!, version: Number(updated[1]) } : null;
  }

  async participants(channelId: number) {
    const [entries, version] = await this.redis.multi().hGetAll(this.channelKey(channelId)).get(this.versionKey(channelId)).exec();
    return {
      version: Number(version ?? 0),
      entries: Object.values(entries as unknown as Record<string, string>).map((text) => parse(text)!).sort(byJoinTime),
    };
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
    return new Map(channels.map((id, i) => [id, lists[i].entries]));
  }
}

const globalForVoice = globalThis as { __auraflowVoiceStore?: VoiceStore };

/** The store for this process: Redis in cluster mode, memory otherwise (shared by both bundles). */
export function voiceStore(): VoiceStore {
  return (globalForVoice.__auraflowVoiceStore ??= getConfig().redisUrl ? new RedisVoiceStore() : new MemoryVoiceStore());
}
