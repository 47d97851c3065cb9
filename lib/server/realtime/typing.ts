import { typingStore } from "../cluster/typing-store";
import { getConfig } from "../config";
import { emitTo } from "./emit";
import { typingRoom, userRoom } from "./rooms";

// Who is typing where lives in the typing store (memory, or Redis for a cluster), never in the
// database (the spec's user_typing table is not persisted). The node that started an indicator
// keeps a timer for its expiry; whichever node takes the value out of the store (expiry, an
// explicit stop, a message sent, a disconnect) announces the stop, so it goes out once.

/**
 * Where someone types: a channel, seen by the sockets subscribed to it (`typing`), or the DM
 * conversation with `user_id`, seen by that user's sockets only (`direct_typing`).
 */
export type TypingPlace = { channel_id: number } | { user_id: number };

interface LocalTypist {
  timer: NodeJS.Timeout;
  /** What this node stored; a renewal elsewhere replaces it, and then this timer does nothing. */
  value: string;
  socketId: string;
  place: TypingPlace;
  userId: number;
}

// One map per process: REST routes (Next's bundle) and socket handlers (server.ts) each load this
// module, and a message sent through either must clear typing started through the socket.
const globalForTyping = globalThis as { __auraflowTypists?: Map<string, LocalTypist>; __auraflowTypingSeq?: number };
const typists = (globalForTyping.__auraflowTypists ??= new Map<string, LocalTypist>());
const key = (place: TypingPlace, userId: number) =>
  "channel_id" in place ? `channel:${place.channel_id}:${userId}` : `conversation:${place.user_id}:${userId}`;

// A stored value: who set it (unique per start) and the username to announce the stop with.
const encode = (socketId: string, username: string) => {
  globalForTyping.__auraflowTypingSeq = (globalForTyping.__auraflowTypingSeq ?? 0) + 1;
  return JSON.stringify([`${getConfig().nodeId}/${socketId}/${globalForTyping.__auraflowTypingSeq}`, username]);
};
const usernameOf = (value: string) => (JSON.parse(value) as [string, string])[1];

function announce(place: TypingPlace, userId: number, username: string, isTyping: boolean) {
  if ("channel_id" in place) {
    emitTo(typingRoom(place.channel_id), "typing", { username, user_id: userId, channel_id: place.channel_id, is_typing: isTyping }, [userRoom(userId)]);
  } else {
    emitTo(userRoom(place.user_id), "direct_typing", { username, user_id: userId, is_typing: isTyping });
  }
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
async function expire(place: TypingPlace, userId: number, value: string): Promise<void> {
  const id = key(place, userId);
  if (typists.get(id)?.value === value) forgetLocal(id);
  const taken = await typingStore().take(id, value);
  if (taken) announce(place, userId, usernameOf(taken), false);
}

const logged = (promise: Promise<void>) => promise.catch((error: unknown) => console.error("[typing]", error));

/** Starts or renews: the indicator lasts TYPING_TIMEOUT_MS after the last renewal. */
export async function startTyping(place: TypingPlace, userId: number, username: string, socketId: string): Promise<void> {
  const id = key(place, userId);
  const { typingTimeoutMs } = getConfig();
  const value = encode(socketId, username);
  forgetLocal(id);
  // The store keeps it a little longer than the timer, so that the timer's take finds it.
  await typingStore().set(id, value, typingTimeoutMs + 5000);
  const timer = setTimeout(() => void logged(expire(place, userId, value)), typingTimeoutMs);
  timer.unref();
  typists.set(id, { timer, value, socketId, place, userId });
  announce(place, userId, username, true);
}

/** Stops the indicator if it is on, wherever it started (typing stopped, or the user sent a message). */
export async function stopTyping(place: TypingPlace, userId: number): Promise<void> {
  const id = key(place, userId);
  forgetLocal(id);
  const taken = await typingStore().take(id);
  if (taken) announce(place, userId, usernameOf(taken), false);
}

/** A socket disconnected: whatever it was typing stops. */
export function stopTypingForSocket(socketId: string): void {
  for (const typist of typists.values()) {
    if (typist.socketId === socketId) void logged(expire(typist.place, typist.userId, typist.value));
  }
}

/** For callers that must not wait on the store (a message being sent). */
export function stopTypingSoon(place: TypingPlace, userId: number): void {
  void logged(stopTyping(place, userId));
}
