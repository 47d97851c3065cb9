import { endpoints } from "@/lib/api/endpoints";
import { sendFriendRequest } from "@/lib/server/friends/send-friend-request";
import { handle, json } from "@/lib/server/http/route";

// POST /api/friends/request – send a friend request (201), or accept theirs when they asked first (200)
export const POST = handle(endpoints.sendFriendRequest, async ({ auth, body }) => {
  const { created, ...result } = await sendFriendRequest(auth.user.id, body);
  return json(result, created ? 201 : 200);
});
