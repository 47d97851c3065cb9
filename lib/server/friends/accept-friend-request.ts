import { transaction } from "../db/client";
import { findPendingRequest, requestPairKey } from "./find-request";
import { acceptInTransaction } from "./make-friends";

export async function acceptFriendRequest(userId: number, requestId: number) {
  const { announce, ...result } = await transaction(
    async (tx) => {
      await findPendingRequest(tx, requestId, userId, "receiver");
      return acceptInTransaction(tx, requestId, userId);
    },
    { exclusive: await requestPairKey(requestId) },
  );
  announce();
  return result;
}
