import { z } from "zod";
import type { AckError } from "@/lib/realtime/events";
import { idNumber } from "@/lib/validations/common";
import { sendDirectMessageSchema, sendMessageSchema } from "@/lib/validations/messages";
import { customStatusSchema } from "@/lib/validations/users";
import { findChannelAccess } from "../access";
import { sendDirectMessage } from "../direct-messages/send-direct-message";
import { ApiError, notFound, toApiError, zodDetails } from "../errors";
import { sendMessage } from "../messages/send-message";
import { findUserRow } from "../users/rows";
import { updateProfile } from "../users/update-profile";
import { userDisconnected } from "./presence";
import { channelRoom, typingRoom, type RealtimeSocket } from "./server";
import { startTyping, stopTyping, stopTypingForSocket } from "./typing";

const channelInput = z.strictObject({ channel_id: idNumber });
const typingInput = z.strictObject({ channel_id: idNumber, is_typing: z.boolean() });
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

/** Runs a handler and always answers its ack: the result, or the REST error shape. */
function withAck<T extends object>(ack: AckFn<({ ok: true } & T) | AckError>, work: () => Promise<T>): void {
  const reply = typeof ack === "function" ? ack : () => undefined;
  work().then(
    (result) => reply({ ok: true, ...result }),
    (error) => reply(errorAck(error)),
  );
}

async function currentUser(userId: number) {
  const user = await findUserRow(userId);
  if (!user) throw new ApiError("unauthorized", "This account no longer exists");
  return user;
}

export function registerHandlers(socket: RealtimeSocket): void {
  const { userId, username } = socket.data;

  // Subscribe to a channel's typing indicator (its message events arrive for every readable channel).
  socket.on("join_channel", (input, ack) =>
    withAck(ack, async () => {
      const { channel_id } = parse(channelInput, input);
      if (!(await findChannelAccess(userId, channel_id))) throw notFound("Channel");
      await socket.join([channelRoom(channel_id), typingRoom(channel_id)]);
      return {};
    }),
  );

  socket.on("leave_channel", (input, ack) =>
    withAck(ack, async () => {
      const { channel_id } = parse(channelInput, input);
      await socket.leave(typingRoom(channel_id));
      stopTyping(channel_id, userId);
      return {};
    }),
  );

  socket.on("send_message", (input, ack) =>
    withAck(ack, async () => {
      const body = parse(sendMessageSchema, input);
      const { message } = await sendMessage(await currentUser(userId), body);
      return { message };
    }),
  );

  socket.on("send_direct_message", (input, ack) =>
    withAck(ack, async () => {
      const body = parse(sendDirectMessageSchema, input);
      const { message } = await sendDirectMessage(await currentUser(userId), body);
      return { message };
    }),
  );

  socket.on("typing", (input) => {
    const parsed = typingInput.safeParse(input);
    // Only where the socket is subscribed, i.e. a channel it may read.
    if (!parsed.success || !socket.rooms.has(typingRoom(parsed.data.channel_id))) return;
    if (parsed.data.is_typing) startTyping(parsed.data.channel_id, userId, username, socket.id);
    else stopTyping(parsed.data.channel_id, userId);
  });

  socket.on("set_status", (input, ack) =>
    withAck(ack, async () => {
      const user = await updateProfile(await currentUser(userId), parse(statusInput, input));
      return { status: user.status };
    }),
  );

  socket.on("disconnect", () => {
    stopTypingForSocket(socket.id);
    userDisconnected(userId);
  });
}
