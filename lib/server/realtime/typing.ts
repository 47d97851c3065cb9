import { getConfig } from "../config";
import { emitTo } from "./emit";
import { typingRoom, userRoom } from "./rooms";

// Who is typing where lives in memory only (the spec's user_typing table is not persisted).

interface Typist {
  timer: NodeJS.Timeout;
  socketId: string;
  username: string;
}

// One map per process: REST routes (Next's bundle) and socket handlers (server.ts) each load this
// module, and a message sent through either must clear typing started through the socket.
const globalForTyping = globalThis as { __auraflowTypists?: Map<string, Typist> };
const typists = (globalForTyping.__auraflowTypists ??= new Map<string, Typist>());
const key = (channelId: number, userId: number) => `${channelId}:${userId}`;

function announce(channelId: number, userId: number, username: string, isTyping: boolean) {
  emitTo(typingRoom(channelId), "typing", { username, user_id: userId, channel_id: channelId, is_typing: isTyping }, [userRoom(userId)]);
}

/** Starts or renews: the indicator lasts TYPING_TIMEOUT_MS after the last renewal. */
export function startTyping(channelId: number, userId: number, username: string, socketId: string): void {
  const id = key(channelId, userId);
  const existing = typists.get(id);
  if (existing) clearTimeout(existing.timer);
  const timer = setTimeout(() => stopTyping(channelId, userId), getConfig().typingTimeoutMs);
  timer.unref();
  typists.set(id, { timer, socketId, username });
  announce(channelId, userId, username, true);
}

/** Stops the indicator if it is on (typing stopped, expired, or the user sent a message). */
export function stopTyping(channelId: number, userId: number): void {
  const id = key(channelId, userId);
  const typist = typists.get(id);
  if (!typist) return;
  clearTimeout(typist.timer);
  typists.delete(id);
  announce(channelId, userId, typist.username, false);
}

/** A socket disconnected: whatever it was typing stops. */
export function stopTypingForSocket(socketId: string): void {
  for (const [id, typist] of typists) {
    if (typist.socketId !== socketId) continue;
    const [channelId, userId] = id.split(":").map(Number);
    stopTyping(channelId, userId);
  }
}
