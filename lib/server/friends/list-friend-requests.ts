import { db } from "../db/client";
import { requestInclude, toFriendRequest } from "./serialize";

/** Pending requests sent to the caller (incoming) or by the caller (outgoing), newest first. */
export async function listFriendRequests(userId: number, direction: "incoming" | "outgoing") {
  const rows = await db.friendRequest.findMany({
    where: { status: "pending", ...(direction === "incoming" ? { receiver_id: userId } : { sender_id: userId }) },
    include: requestInclude,
    orderBy: { id: "desc" },
  });
  return rows.map(toFriendRequest);
}
