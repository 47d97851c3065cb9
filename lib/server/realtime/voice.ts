import { createHmac } from "node:crypto";
import type { IceServer, VoiceDisconnectedEvent, VoiceJoined, VoiceParticipantsEvent, VoiceParticipant, VoiceSignalInput, VoiceStateInput } from "@/lib/realtime/events";
import { assertNotTimedOut, findChannelAccess } from "../access";
import { presenceStore } from "../cluster/presence-store";
import { voiceStore, type VoiceEntry } from "../cluster/voice-store";
import { getConfig } from "../config";
import { db } from "../db/client";
import { ApiError, notFound } from "../errors";
import { emitTo } from "./emit";
import { getIo } from "./hub";
import { channelRoom } from "./rooms";

// Voice channels: who is in which one lives in the voice store (memory, or Redis for a cluster);
// the audio itself goes browser to browser (WebRTC, a full mesh), and the server only relays the
// signaling between two participants of the same channel, to the one socket each joined with.
// Everyone who can read a voice channel (its channel room) sees who is in it.

interface VoiceTimers {
  /** Voice connections whose socket closed, each removed when its grace period ends unless it came back. */
  closing: Map<string, NodeJS.Timeout>;
}

// Shared by every bundle in the process (see typing.ts).
const globalForVoice = globalThis as { __auraflowVoice?: VoiceTimers };
const timers: VoiceTimers = (globalForVoice.__auraflowVoice ??= { closing: new Map() });

export const voiceConnectionOf = (socketId: string) => `${getConfig().nodeId}/${socketId}`;
const nodeOf = (connection: string) => connection.slice(0, connection.indexOf("/"));
const socketOf = (connection: string) => connection.slice(connection.indexOf("/") + 1);

/** The participants with who they are, in the order they joined (users deleted meanwhile are left out). */
async function describe(entries: VoiceEntry[]): Promise<VoiceParticipant[]> {
  if (entries.length === 0) return [];
  const users = await db.user.findMany({
    where: { id: { in: entries.map((entry) => entry.user_id) } },
    select: { id: true, username: true, display_name: true, avatar_url: true },
  });
  const byId = new Map(users.map((user) => [user.id, user]));
  return entries.flatMap((entry) => {
    const user = byId.get(entry.user_id);
    if (!user) return [];
    return [{
      user_id: user.id,
      username: user.username,
      display_name: user.display_name ?? user.username,
      avatar_url: user.avatar_url,
      self_mute: entry.self_mute,
      self_deaf: entry.self_deaf,
    }];
  });
}

/** Who is in the channel now, with the channel's version (the `voice_participants` payload). */
async function voiceChannelState(channelId: number): Promise<VoiceParticipantsEvent> {
  const { version, entries } = await voiceStore().participants(channelId);
  return { channel_id: channelId, version, participants: await describe(entries) };
}

/**
 * ICE_SERVERS, plus the TURN_URLS with credentials of the user's own (coturn's `use-auth-secret`:
 * the username is the expiry and the user, the password its HMAC-SHA1 with the shared secret), so
 * that no lasting TURN password reaches any browser.
 */
function iceServersFor(userId: number): IceServer[] {
  const { iceServers, turn } = getConfig();
  if (!turn) return iceServers;
  const username = `${Math.floor(Date.now() / 1000) + turn.ttlSeconds}:${userId}`;
  const credential = createHmac("sha1", turn.secret).update(username).digest("base64");
  return [...iceServers, { urls: turn.urls, username, credential }];
}

/** GET /api/channels/{id}/voice: 404 for a channel the caller cannot read. */
export async function getVoiceState(userId: number, channelId: number) {
  if (!(await findChannelAccess(userId, channelId))) throw notFound("Channel");
  return voiceChannelState(channelId);
}

async function announceParticipants(channelId: number): Promise<void> {
  emitTo(channelRoom(channelId), "voice_participants", await voiceChannelState(channelId));
}

function cancelClosing(connection: string): void {
  const timer = timers.closing.get(connection);
  if (timer) {
    clearTimeout(timer);
    timers.closing.delete(connection);
  }
}

/** A connection taken out of its channel: its grace period (if closing) is over, and its socket is told. */
function tellDisconnected(connection: string, channelId: number, reason: VoiceDisconnectedEvent["reason"]): void {
  cancelClosing(connection);
  emitTo(socketOf(connection), "voice_disconnected", { channel_id: channelId, reason });
}

/**
 * Puts the user in a voice channel with this socket, leaving the voice channel they were in (a
 * socket of theirs elsewhere in this channel hands over to this one). 404 for a channel they
 * cannot read or that is not a voice channel, 403 while timed out, 409 `voice_full`.
 */
export async function joinVoice(userId: number, socketId: string, channelId: number): Promise<VoiceJoined> {
  const access = await findChannelAccess(userId, channelId);
  if (!access || access.channel.type !== "voice") throw notFound("Channel");
  assertNotTimedOut(access.membership);
  const { voiceMaxParticipants, iceTransportPolicy } = getConfig();
  const connection = voiceConnectionOf(socketId);
  const entry: VoiceEntry = { user_id: userId, connection, self_mute: false, self_deaf: false, joined_at: Date.now() };
  const result = await voiceStore().join(channelId, entry, voiceMaxParticipants);
  if (result.kind === "full") {
    throw new ApiError("voice_full", `This voice channel is full (at most ${voiceMaxParticipants} people)`, { max: voiceMaxParticipants }, 409);
  }
  cancelClosing(connection);
  if (result.replaced && result.replaced !== connection) {
    tellDisconnected(result.replaced, channelId, "moved");
  }
  if (result.left) {
    if (result.left.entry.connection !== connection) tellDisconnected(result.left.entry.connection, result.left.channel_id, "moved");
    cancelClosing(result.left.entry.connection);
    await announceParticipants(result.left.channel_id);
  }
  const state = await voiceChannelState(channelId);
  emitTo(channelRoom(channelId), "voice_participants", state);
  return { participants: state.participants, version: state.version, ice_servers: iceServersFor(userId), ice_transport_policy: iceTransportPolicy };
}

/** Takes the user out of the channel (from whichever socket they joined with; that one is told). */
export async function leaveVoice(userId: number, socketId: string, channelId: number): Promise<void> {
  const removed = await voiceStore().leave(channelId, userId);
  if (!removed) return;
  cancelClosing(removed.connection);
  if (removed.connection !== voiceConnectionOf(socketId)) tellDisconnected(removed.connection, channelId, "removed");
  await announceParticipants(channelId);
}

/** The sender's and the addressee's entries: both must be in the channel, the sender with this socket. */
async function requirePeers(userId: number, socketId: string, channelId: number, peerId?: number): Promise<VoiceEntry[]> {
  const entries = await voiceStore().pick(channelId, peerId === undefined ? [userId] : [userId, peerId]);
  if (entries[0]?.connection !== voiceConnectionOf(socketId)) throw notFound("Voice channel");
  if (peerId !== undefined && (peerId === userId || !entries[1])) throw notFound("Participant");
  return entries as VoiceEntry[];
}

/** Relays an offer, answer or ICE candidate to the addressee's voice socket, on whichever node it is. */
export async function relayVoiceSignal(userId: number, socketId: string, input: VoiceSignalInput): Promise<void> {
  const [, peer] = await requirePeers(userId, socketId, input.channel_id, input.to_user_id);
  emitTo(socketOf(peer.connection), "voice_signal", {
    channel_id: input.channel_id,
    from_user_id: userId,
    ...(input.description !== undefined && { description: input.description }),
    ...(input.candidate !== undefined && { candidate: input.candidate }),
  });
}

/** Mute and deafen (deafened is also muted, as in Discord), and voice activity for the speaking ring. */
export async function setVoiceState(userId: number, socketId: string, input: VoiceStateInput): Promise<void> {
  const self_deaf = input.self_deaf;
  const self_mute = input.self_mute || self_deaf;
  const updated = await voiceStore().update(input.channel_id, userId, voiceConnectionOf(socketId), { self_mute, self_deaf });
  if (!updated) throw notFound("Voice channel");
  emitTo(channelRoom(input.channel_id), "voice_state_updated", {
    channel_id: input.channel_id,
    user_id: userId,
    self_mute,
    self_deaf,
    version: updated.version,
    // Someone muted is not heard, whatever their microphone picks up.
    ...(input.speaking !== undefined && { speaking: input.speaking && !self_mute }),
  });
}

/**
 * A socket closed: if the user was in voice with it, they leave when the presence grace period ends,
 * unless it came back (recovered, or joined again from a new socket) meanwhile.
 */
export async function voiceSocketClosed(userId: number, socketId: string): Promise<void> {
  const store = voiceStore();
  const channelId = await store.channelOf(userId);
  if (channelId === null) return;
  const connection = voiceConnectionOf(socketId);
  const [entry] = await store.pick(channelId, [userId]);
  if (entry?.connection !== connection) return;
  cancelClosing(connection);
  const timer = setTimeout(() => {
    timers.closing.delete(connection);
    store
      .leave(channelId, userId, connection)
      .then((removed) => removed && announceParticipants(channelId))
      .catch((error: unknown) => console.error("[voice] could not remove a closed connection:", error));
  }, getConfig().presenceGraceMs);
  timer.unref();
  timers.closing.set(connection, timer);
}

/** A recovered socket that was in voice stays in it. */
export function voiceSocketRecovered(socketId: string): void {
  cancelClosing(voiceConnectionOf(socketId));
}

/** Removes the user from their voice channel when `keep` refuses it; the voice socket is told. */
async function removeUnless(userId: number, keep: (channelId: number) => boolean | Promise<boolean>): Promise<void> {
  const store = voiceStore();
  const channelId = await store.channelOf(userId);
  if (channelId === null || (await keep(channelId))) return;
  const removed = await store.leave(channelId, userId);
  if (!removed) return;
  tellDisconnected(removed.connection, channelId, "removed");
  await announceParticipants(channelId);
}

/** After a membership change (kick, ban, leave): out of a voice channel the user can no longer read. */
export function removeFromUnreadableVoice(userId: number, readableRooms: Set<string>): Promise<void> {
  return removeUnless(userId, (channelId) => readableRooms.has(channelRoom(channelId)));
}

/** Timed out: a timed-out member neither talks nor listens in that community's voice channels. */
export function removeFromCommunityVoice(userId: number, communityId: number): Promise<void> {
  return removeUnless(userId, async (channelId) => {
    const channel = await db.channel.findUnique({ where: { id: channelId }, select: { community_id: true } });
    return channel !== null && channel.community_id !== communityId;
  });
}

/** A voice channel was deleted or became a text channel: everyone in it is out. */
export async function closeVoiceChannels(channelIds: number[]): Promise<void> {
  const store = voiceStore();
  for (const channelId of channelIds) {
    const { entries } = await store.participants(channelId);
    if (entries.length === 0) continue;
    for (const entry of entries) {
      if (await store.leave(channelId, entry.user_id)) {
        tellDisconnected(entry.connection, channelId, "removed");
      }
    }
    emitTo(channelRoom(channelId), "voice_participants", await voiceChannelState(channelId));
  }
}

/**
 * At start and then with every presence sweep: removes the participants whose node is gone (a node
 * killed without a clean shutdown). A node alone also forgets everyone: nobody can be connected.
 */
export async function sweepVoice(alone = false): Promise<void> {
  const store = voiceStore();
  for (const [channelId, entries] of await store.all()) {
    const nodes = [...new Set(entries.map((entry) => nodeOf(entry.connection)))];
    const alive = alone ? nodes.map(() => false) : await presenceStore().alive(nodes);
    const dead = new Set(nodes.filter((_, i) => !alive[i]));
    let changed = false;
    for (const entry of entries) {
      if (dead.has(nodeOf(entry.connection)) && (await store.leave(channelId, entry.user_id, entry.connection))) changed = true;
    }
    if (changed && getIo()) await announceParticipants(channelId);
  }
}
