import type { Message } from "@/lib/api/entities";
import { requireChannelAccess } from "../access";
import { db } from "../db/client";
import { messageInclude, toMessage } from "../messages/serialize";
import { MAX_PINS_PER_CHANNEL } from "./pinnable-message";

/** The channel's pinned messages, newest pin first, for anyone who reads the channel. */
export async function listPins(userId: number, channelId: number): Promise<Message[]> {
  await requireChannelAccess(userId, channelId);
  const rows = await db.message.findMany({
    where: { channel_id: channelId, pinned_at: { not: null } },
    orderBy: [{ pinned_at: "desc" }, { id: "desc" }],
    take: MAX_PINS_PER_CHANNEL,
    include: messageInclude,
  });
  return rows.map((row) => toMessage(row, userId));
}
