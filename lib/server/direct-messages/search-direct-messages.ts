import type { MessageSearchQuery } from "@/lib/validations/messages";
import { requireUser } from "../access";
import { db } from "../db/client";
import { ApiError } from "../errors";
import { inRankOrder, rankedPage } from "../messages/search";
import { directMessageInclude, toDirectMessage } from "./serialize";

/** Full-text search of the caller's own conversation with `peerId`, best match first. */
export async function searchDirectMessages(userId: number, peerId: number, query: MessageSearchQuery) {
  if (peerId === userId) throw new ApiError("invalid_request", "There is no conversation with yourself");
  await requireUser(peerId);
  const page = await rankedPage(userId, { userId, peerId }, query);
  const rows = await db.directMessage.findMany({ where: { id: { in: page.ids } }, include: directMessageInclude });
  return { total: page.total, messages: inRankOrder(page, rows, (row) => toDirectMessage(row, userId)) };
}
