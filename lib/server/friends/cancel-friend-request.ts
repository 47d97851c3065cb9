import { transaction } from "../db/client";
import { findPendingRequest } from "./find-request";
import { requestInclude, toFriendRequest } from "./serialize";

export async function cancelFriendRequest(userId: number, requestId: number) {
  return transaction(async (tx) => {
    await findPendingRequest(tx, requestId, userId, "sender");
    const request = await tx.friendRequest.update({ where: { id: requestId }, data: { status: "cancelled" }, include: requestInclude });
    return toFriendRequest(request);
  });
}
