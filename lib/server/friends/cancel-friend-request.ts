import { transaction } from "../db/client";
import { announceRequest } from "./announce";
import { findPendingRequest } from "./find-request";
import { requestInclude, toFriendRequest } from "./serialize";

export async function cancelFriendRequest(userId: number, requestId: number) {
  const request = await transaction(async (tx) => {
    await findPendingRequest(tx, requestId, userId, "sender");
    return toFriendRequest(await tx.friendRequest.update({ where: { id: requestId }, data: { status: "cancelled" }, include: requestInclude }));
  });
  announceRequest(request);
  return request;
}
