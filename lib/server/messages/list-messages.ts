import type { MessagePageQuery } from "@/lib/validations/common";
import { requireChannelAccess } from "../access";
import { queries } from "../db/client";
import { fetchPage } from "./page";

export async function listMessages(userId: number, channelId: number, query: MessagePageQuery) {
  await requireChannelAccess(userId, channelId);
  return fetchPage(query, (slice) => queries.channelMessages(channelId, slice, userId));
}
