import type { Friend, FriendRequest } from "@/lib/api/entities";
import { blockBetween } from "../access";
import { emitTo } from "../realtime/emit";
import { userRoom } from "../realtime/rooms";

/** Both sides' sessions learn of a new request or a change in its status. */
export function announceRequest(request: FriendRequest): void {
  emitTo([userRoom(request.sender_id), userRoom(request.receiver_id)], "friend_request", request);
}

/** Each side receives the other as a Friend. */
export function announceFriendship(request: FriendRequest, friendOfReceiver: Friend, friendOfSender: Friend): void {
  emitTo(userRoom(request.receiver_id), "friend_added", friendOfReceiver);
  emitTo(userRoom(request.sender_id), "friend_added", friendOfSender);
}

export function announceUnfriended(a: number, b: number): void {
  emitTo(userRoom(a), "friend_removed", { user_id: b });
  emitTo(userRoom(b), "friend_removed", { user_id: a });
}

/** After a block or an unblock between `a` and `b`: each side's sessions learn how it now relates to the other. */
export async function announceBlockChange(a: number, b: number): Promise<void> {
  const [fromA, fromB] = await Promise.all([blockBetween(a, b), blockBetween(b, a)]);
  emitTo(userRoom(a), "block_changed", { user_id: b, relationship: fromA ?? "none" });
  emitTo(userRoom(b), "block_changed", { user_id: a, relationship: fromB ?? "none" });
}
