import { z } from "zod";
import type { AckError, ClientToServerEvents } from "@/lib/realtime/events";
import { idNumber } from "@/lib/validations/common";
import { sendDirectMessageSchema, sendMessageSchema } from "@/lib/validations/messages";
import { customStatusSchema } from "@/lib/validations/users";
import { assertCanMessage, assertNotTimedOut, findChannelAccess } from "../../access";
import { sendDirectMessage } from "../../direct-messages/send-direct-message";
import { ApiError, notFound, toApiError, zodDetails } from "../../errors";
import { consumeLimit } from "../../limits/rate-limit";
import { sendMessage } from "../../messages/send-message";
import { findUser } from "../../users/find-user";
import { updateProfile } from "../../users/update-profile";
import type { RealtimeSocket } from "../hub";
import { userDisconnected } from "../presence";
import { channelRoom, typingRoom } from "../rooms";
import { startTyping, stopTyping, stopTypingForSocket } from "../typing";
import { joinVoice, leaveVoice, relayVoiceSignal, setVoiceState, voiceSocketClosed } from "../voice";

const channelInput = z.strictObject({ channel_id: idNumber });
const typingInput = z.strictObject({ channel_id: idNumber, is_typing: z.boolean() });
const directTypingInput = z.strictObject({ user_id: idNumber, is_typing: z.boolean() });
const sdp = z.string().max(32 * 1024);
const voiceSignalInput = z
  .strictObject({
    channel_id: idNumber,
    to_user_id: idNumber,
    description: z.strictObject({ type: z.enum(["offer", "answer", "pranswer", "rollback"]), sdp: sdp.optional() }).optional(),
    candidate: z
      .strictObject({
        candidate: z.string().max(1024),
        sdpMid: z.string().max(64).nullable().optional(),
        sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
        usernameFragment: z.string().max(256).nullable().optional(),
      })
      .nullable()
      .optional(),
  })
  .refine((input) => (input.description === undefined) !== (input.candidate === undefined), "exactly one of description and candidate");
const voiceStateInput = z.strictObject({ channel_id: idNumber, self_mute: z.boolean(), self_deaf: z.boolean(), speaking: z.boolean().optional() });
const statusInput = z.strictObject({
  status: z.enum(["online", "idle", "dnd", "offline"]),
  custom_status: customStatusSchema.optional(),
});

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) throw new ApiError("invalid_request", "Invalid event payload", zodDetails(result.error));
  return result.data;
}

function errorAck(error: unknown): AckError {
  const apiError = toApiError(error);
  if (apiError.status >= 500) console.error("[realtime] handler failed:", error);
  return apiError.toBody();
}

type AckFn<T> = ((result: T) => void) | undefined;

/**
 * Each socket's voice events run one after another, in the order they came (its disconnect last):
 * every step waits on the voice store, and an ICE candidate must not overtake its offer, a join the
 * leave before it, or a disconnect the join in progress (which would then stay forever).
 */
const voiceQueues = new WeakMap<RealtimeSocket, Promise<unknown>>();

function inVoiceOrder<T>(socket: RealtimeSocket, work: () => Promise<T>): Promise<T> {
  const turn = (voiceQueues.get(socket) ?? Promise.resolve()).then(work);
  voiceQueues.set(socket, turn.catch(() => undefined));
  return turn;
}

/**
 * A voice event, in the socket's voice order, within a rate limit (`voice` for signaling, which
 * comes in bursts; `socket` for joining and leaving), always acked.
 */
function withVoiceAck<T extends object>(socket: RealtimeSocket, ack: AckFn<({ ok: true } & T) | AckError>, limit: "voice" | "socket", work: () => Promise<T>): void {
  const reply = typeof ack === "function" ? ack : () => undefined;
  inVoiceOrder(socket, async () => {
    await consumeLimit(limit, socket.data.userId);
    return work();
  }).then(
    (result) => reply({ ok: true, ...result }),
    (error) => reply(errorAck(error)),
  );
}

/**
 * Runs a handler within the user's `socket` rate limit and always answers its ack: the result, or
 * the REST error shape (a limited event gets 429 `rate_limited` with `details.retry_after`).
 */
function withAck<T extends object>(socket: RealtimeSocket, ack: AckFn<({ ok: true } & T) | AckError>, work: () => Promise<T>): void {
  const reply = typeof ack === "function" ? ack : () => undefined;
  consumeLimit("socket", socket.data.userId).then(work).then(
    (result) => reply({ ok: true, ...result }),
    (error) => reply(errorAck(error)),
  );
}

/** Within the typing limit, and not timed out: a timed-out member reads but does not type. */
async function startTypingIfAllowed(socket: RealtimeSocket, channelId: number): Promise<void> {
  const { userId, username } = socket.data;
  await consumeLimit("typing", userId);
  const access = await findChannelAccess(userId, channelId);
  if (!access) return;
  assertNotTimedOut(access.membership);
  await startTyping({ channel_id: channelId }, userId, username, socket.id);
}

/** Within the typing limit, to someone the typist may message: nobody sees it across a block. */
async function startDirectTypingIfAllowed(socket: RealtimeSocket, peerId: number): Promise<void> {
  const { userId, username } = socket.data;
  await consumeLimit("typing", userId);
  await assertCanMessage(userId, peerId);
  await startTyping({ user_id: peerId }, userId, username, socket.id);
}

/** An indicator that is refused (rate limit, timed out, a block) is simply not shown. */
function ignoreRefusal(error: unknown): void {
  if (toApiError(error).status >= 500) console.error("[typing]", error);
}

async function currentUser(userId: number) {
  const user = await findUser(userId);
  if (!user) throw new ApiError("unauthorized", "This account no longer exists");
  return user;
}

type Events = ClientToServerEvents;

// One set of listener functions for every socket: Socket.IO calls a listener with the socket as
// `this`, so nothing is allocated per connection (10,000 idle sockets are a benchmark scenario).
const handlers: { [E in keyof Events]: (this: RealtimeSocket, ...args: Parameters<Events[E]>) => void } = {
  // Subscribe to a channel's typing indicator (its message events arrive for every readable channel).
  join_channel(input, ack) {
    withAck(this, ack, async () => {
      const { channel_id } = parse(channelInput, input);
      if (!(await findChannelAccess(this.data.userId, channel_id))) throw notFound("Channel");
      await this.join([channelRoom(channel_id), typingRoom(channel_id)]);
      return {};
    });
  },

  leave_channel(input, ack) {
    withAck(this, ack, async () => {
      const { channel_id } = parse(channelInput, input);
      await this.leave(typingRoom(channel_id));
      await stopTyping({ channel_id }, this.data.userId);
      return {};
    });
  },

  send_message(input, ack) {
    withAck(this, ack, async () => {
      const body = parse(sendMessageSchema, input);
      const { message } = await sendMessage(await currentUser(this.data.userId), body);
      return { message };
    });
  },

  send_direct_message(input, ack) {
    withAck(this, ack, async () => {
      const body = parse(sendDirectMessageSchema, input);
      const { message } = await sendDirectMessage(await currentUser(this.data.userId), body);
      return { message };
    });
  },

  // No ack, for either kind of typing: see ignoreRefusal.
  typing(input) {
    const parsed = typingInput.safeParse(input);
    // Only where the socket is subscribed, i.e. a channel it may read.
    if (!parsed.success || !this.rooms.has(typingRoom(parsed.data.channel_id))) return;
    const { channel_id, is_typing } = parsed.data;
    const change = is_typing ? startTypingIfAllowed(this, channel_id) : stopTyping({ channel_id }, this.data.userId);
    change.catch(ignoreRefusal);
  },

  direct_typing(input) {
    const parsed = directTypingInput.safeParse(input);
    if (!parsed.success) return;
    const { user_id, is_typing } = parsed.data;
    const change = is_typing ? startDirectTypingIfAllowed(this, user_id) : stopTyping({ user_id }, this.data.userId);
    change.catch(ignoreRefusal);
  },

  voice_join(input, ack) {
    withVoiceAck(this, ack, "socket", async () => {
      const { channel_id } = parse(channelInput, input);
      return joinVoice(this.data.userId, this.id, channel_id);
    });
  },

  voice_leave(input, ack) {
    withVoiceAck(this, ack, "socket", async () => {
      const { channel_id } = parse(channelInput, input);
      await leaveVoice(this.data.userId, this.id, channel_id);
      return {};
    });
  },

  voice_signal(input, ack) {
    withVoiceAck(this, ack, "voice", async () => {
      await relayVoiceSignal(this.data.userId, this.id, parse(voiceSignalInput, input));
      return {};
    });
  },

  voice_state(input, ack) {
    withVoiceAck(this, ack, "voice", async () => {
      await setVoiceState(this.data.userId, this.id, parse(voiceStateInput, input));
      return {};
    });
  },

  set_status(input, ack) {
    withAck(this, ack, async () => {
      const user = await updateProfile(await currentUser(this.data.userId), parse(statusInput, input));
      return { status: user.status };
    });
  },
};

function onDisconnect(this: RealtimeSocket) {
  stopTypingForSocket(this.id);
  userDisconnected(this.data.userId, this.id);
  inVoiceOrder(this, () => voiceSocketClosed(this.data.userId, this.id)).catch((error: unknown) => console.error("[voice]", error));
}

export function registerHandlers(socket: RealtimeSocket): void {
  for (const event of Object.keys(handlers) as (keyof Events)[]) socket.on(event, handlers[event] as Events[typeof event]);
  socket.on("disconnect", onDisconnect);
}
