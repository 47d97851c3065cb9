import { typingStore } from "../cluster/typing-store";
import { getConfig } from "../config";
import { emitTo } from "./emit";
import { typingRoom, userRoom } from "./rooms";

// Who is typing where lives in the typing store (memory, or Redis for a cluster), never in the
// database (the spec's user_typing table is not persisted). The node that started an indicator
// keeps a timer for its expiry; whichever node takes the value out of the store (expiry, an
// explicit stop, a message sent, a disconnect) announces the stop, so it goes out once.

interface LocalTypist {
  timer: NodeJS.Timeout;
  /** What this node stored; a renewal elsewhere replaces it, and then this timer does nothing. */
  value: string;
  socketId: string;
}

// One map per process: REST routes (Next's bundle) and socket handlers (server.ts) each load this
// module, and a message sent through either must clear typing started through the socket.
const globalForTyping = globalThis as { __auraflowTypists?: Map<string, LocalTypist>; __auraflowTypingSeq?: number };
const typists = (globalForTyping.__auraflowTypists ??= new Map<string, LocalTypist>());
const key = (channelId: number, userId: number) => `${channelId}:${userId}`;

// A stored value: who set it (unique per start) and the username to announce the stop with.
const encode = (socketId: string, username: string) => {
  globalForTyping.__auraflowTypingSeq = (globalForTyping.__auraflowTypingSeq ?? 0) + 1;
  return JSON.stringify([`${getConfig().nodeId}/${socketId}/${globalForTyping.__auraflowTypingSeq}`, username]);
};
const usernameOf = (value: string) => (JSON.parse(value) as [string, string])[1];

function announce(channelId: number, userId: number, username: string, isTyping: boolean) {
  emitTo(typingRoom(channelId), "typing", { username, user_id: userId, channel_id: channelId, is_typing: isTyping }, [userRoom(userId)]);
}

function forgetLocal(id: string): LocalTypist | undefined {
  const typist = typists.get(id);
  if (typist) {
    clearTimeout(typist.timer);
    typists.delete(id);
  }
  return typist;
}

/** Ends the indicator this node stored, if it is still the current one. */
async function expire(channelId: number, userId: number, value: string): Promise<void> {
  const id = key(channelId, userId);
  if (typists.get(id)?.value === value) forgetLocal(id);
  const taken = await typingStore().take(id, value);
  if (taken) announce(channelId, userId, usernameOf(taken), false);
}

const logged = (promise: Promise<void>) => promise.catch((error: unknown) => console.error("[typing]", error));

/** Starts or renews: the indicator lasts TYPING_TIMEOUT_MS after the last renewal. */
export async function startTyping(channelId: number, userId: number, username: string, socketId: string): Promise<void> {
  const id = key(channelId, userId);
  const { typingTimeoutMs } = getConfig();
  const value = encode(socketId, username);
  forgetLocal(id);
  // The store keeps it a little longer than the timer, so that the timer's take finds it.
  await typingStore().set(id, value, typingTimeoutMs + 5000);
  const timer = setTimeout(() => void logged(expire(channelId, userId, value)), typingTimeoutMs);
  timer.unref();
  typists.set(id, { timer, value, socketId });
  announce(channelId, userId, username, true);
}

/** Stops the indicator if it is on, wherever it started (typing stopped, or the user sent a message). */
export async function stopTyping(channelId: number, userId: number): Promise<void> {
  const id = key(channelId, userId);
  forgetLocal(id);
  const taken = await typingStore().take(id);
  if (taken) announce(channelId, userId, usernameOf(taken), false);
}

/** A socket disconnected: whatever it was typing stops. */
export function stopTypingForSocket(socketId: string): void {
  for (const [id, typist] of typists) {
    if (typist.socketId !== socketId) continue;
    const [channelId, userId] = id.split(":").map(Number);
    void logged(expire(channelId, userId, typist.value));
  }
}

/** For callers that must not wait on the store (a message being sent). */
export function stopTypingSoon(channelId: number, userId: number): void {
  void logged(stopTyping(channelId, userId));
}
