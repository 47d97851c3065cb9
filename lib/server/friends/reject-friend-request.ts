import { transaction } from "../db/client";
import { findPendingRequest } from "./find-request";
import { requestInclude, toFriendRequest } from "./serialize";

export async function rejectFriendRequest(userId: number, requestId: number) {
  return transaction(async (tx) => {
    await findPendingRequest(tx, requestId, userId, "receiver");
    const request = await tx.friendRequest.update({ where: { id: requestId }, data: { status: "rejected" }, include: requestInclude });
    return toFriendRequest(request);
  });
}
