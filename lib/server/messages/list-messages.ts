import type { MessagePageQuery } from "@/lib/validations/common";
import { requireChannelAccess } from "../access";
import { listMessageRows } from "./rows";
import { toMessage } from "./serialize";

export async function listMessages(userId: number, channelId: number, query: MessagePageQuery) {
  await requireChannelAccess(userId, channelId);
  return (await listMessageRows(channelId, query)).map(toMessage);
}
