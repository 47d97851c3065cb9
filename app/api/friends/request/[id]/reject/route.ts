import { endpoints } from "@/lib/api/endpoints";
import { rejectFriendRequest } from "@/lib/server/friends/reject-friend-request";
import { handle, json } from "@/lib/server/http/route";

// POST /api/friends/request/{id}/reject – reject a friend request (receiver)
export const POST = handle(endpoints.rejectFriendRequest, async ({ auth, params }) => json(await rejectFriendRequest(auth.user.id, params.id)));
