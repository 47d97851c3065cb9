import type { MessagePageQuery } from "@/lib/validations/common";
import { requireChannelAccess } from "../access";
import { listChannelPage } from "./rows";

export async function listMessages(userId: number, channelId: number, query: MessagePageQuery) {
  await requireChannelAccess(userId, channelId);
  return listChannelPage(channelId, query);
}
