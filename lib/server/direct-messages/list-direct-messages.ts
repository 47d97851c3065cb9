import type { MessagePageQuery } from "@/lib/validations/common";
import { requireUser } from "../access";
import { db } from "../db/client";
import { ApiError } from "../errors";
import { fetchPage } from "../messages/page";
import { conversationWhere, directMessageInclude, toDirectMessage } from "./serialize";

/** A page of the conversation between the caller and `peerId`, oldest to newest. */
export async function listDirectMessages(userId: number, peerId: number, query: MessagePageQuery) {
  if (peerId === userId) throw new ApiError("invalid_request", "There is no conversation with yourself");
  await requireUser(peerId);
  const rows = await fetchPage(query, (slice) =>
    db.directMessage.findMany({
      where: { ...conversationWhere(userId, peerId), id: slice.id },
      orderBy: { id: slice.order },
      take: slice.take,
      skip: slice.skip,
      include: directMessageInclude,
    }),
  );
  return rows.map((row) => toDirectMessage(row, userId));
}
