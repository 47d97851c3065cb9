import { endpoints } from "@/lib/api/endpoints";
import { acceptFriendRequest } from "@/lib/server/friends/accept-friend-request";
import { handle, json } from "@/lib/server/http/route";

// POST /api/friends/request/{id}/accept – accept a friend request (receiver)
export const POST = handle(endpoints.acceptFriendRequest, async ({ auth, params }) => json(await acceptFriendRequest(auth.user.id, params.id)));
