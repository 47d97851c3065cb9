import { assertNotBot } from "../access";
import { transaction } from "../db/client";
import { findPendingRequest, requestPairKey } from "./find-request";
import { acceptInTransaction } from "./make-friends";

export async function acceptFriendRequest(userId: number, requestId: number) {
  await assertNotBot(userId, "accept friend requests");
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
