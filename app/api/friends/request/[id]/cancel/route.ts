import { endpoints } from "@/lib/api/endpoints";
import { cancelFriendRequest } from "@/lib/server/friends/cancel-friend-request";
import { handle, json } from "@/lib/server/http/route";

// POST /api/friends/request/{id}/cancel – withdraw a friend request (sender)
export const POST = handle(endpoints.cancelFriendRequest, async ({ auth, params }) => json(await cancelFriendRequest(auth.user.id, params.id)));
