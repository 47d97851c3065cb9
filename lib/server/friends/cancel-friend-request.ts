import { transaction } from "../db/client";
import { announceRequest } from "./announce";
import { findPendingRequest, requestPairKey } from "./find-request";
import { requestInclude, toFriendRequest } from "./serialize";

export async function cancelFriendRequest(userId: number, requestId: number) {
  const request = await transaction(
    async (tx) => {
      await findPendingRequest(tx, requestId, userId, "sender");
      return toFriendRequest(await tx.friendRequest.update({ where: { id: requestId }, data: { status: "cancelled" }, include: requestInclude }));
    },
    { exclusive: await requestPairKey(requestId) },
  );
  announceRequest(request);
  return request;
}
