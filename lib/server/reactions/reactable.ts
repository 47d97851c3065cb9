import { assertNotTimedOut, cannotMessage, isBlockedBetween, requireChannelAccess } from "../access";
import { db } from "../db/client";
import { notFound } from "../errors";
import { emitTo } from "../realtime/emit";
import { channelRoom, conversationRooms } from "../realtime/rooms";

/** What a reaction is on: a channel message or a direct message (also the reaction rows' link). */
export type ReactionSubject = { message_id: number } | { direct_message_id: number };

/** Adding and removing are reacting; listing who reacted is reading. */
export type ReactionIntent = "add" | "remove" | "list";

export interface Reactable {
  /** The reaction rows' link to the message. */
  where: ReactionSubject;
  /** Sends the added or removed event to everyone who reads the message. */
  announce(change: "added" | "removed", emoji: string, userId: number): void;
}

/**
 * The message `subject` names, when `userId` may do `intent` there. A channel message: its channel
 * must be readable (else the 404 of a missing message), and a timed-out member cannot react; in an
 * announcement channel every reader reacts, as in Discord, though only managers post. A direct message: only its two parties see it; adding a
 * reaction is refused across a block as sending is, while removing one's own stays possible, as
 * editing and deleting one's own DMs does.
 */
export async function requireReactable(userId: number, subject: ReactionSubject, intent: ReactionIntent): Promise<Reactable> {
  if ("message_id" in subject) {
    const messageId = subject.message_id;
    const message = await db.message.findUnique({ where: { id: messageId }, select: { channel_id: true } });
    if (!message) throw notFound("Message");
    const access = await requireChannelAccess(userId, message.channel_id).catch(() => {
      throw notFound("Message");
    });
    if (intent !== "list") assertNotTimedOut(access.membership);
    return {
      where: subject,
      announce: (change, emoji, reactor) =>
        emitTo(channelRoom(message.channel_id), `message_reaction_${change}`, { message_id: messageId, channel_id: message.channel_id, emoji, user_id: reactor }),
    };
  }
  const messageId = subject.direct_message_id;
  const message = await db.directMessage.findUnique({ where: { id: messageId }, select: { sender_id: true, receiver_id: true } });
  if (!message || (message.sender_id !== userId && message.receiver_id !== userId)) throw notFound("Message");
  const peerId = message.sender_id === userId ? message.receiver_id : message.sender_id;
  if (intent === "add" && (await isBlockedBetween(userId, peerId))) throw cannotMessage();
  return {
    where: subject,
    announce: (change, emoji, reactor) =>
      emitTo(conversationRooms(message), `direct_message_reaction_${change}`, { message_id: messageId, ...message, emoji, user_id: reactor }),
  };
}
