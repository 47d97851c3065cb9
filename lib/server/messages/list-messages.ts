import type { MessagePageQuery } from "@/lib/validations/common";
import { requireChannelAccess } from "../access";
import { db } from "../db/client";
import { fetchPage } from "./page";
import { toMessage } from "./serialize";

export async function listMessages(userId: number, channelId: number, query: MessagePageQuery) {
  await requireChannelAccess(userId, channelId);
  const rows = await fetchPage(query, (slice) =>
    db.message.findMany({ where: { channel_id: channelId, id: slice.id }, orderBy: { id: slice.order }, take: slice.take, skip: slice.skip }),
  );
  return rows.map(toMessage);
}
