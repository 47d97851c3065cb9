import { endpoints } from "@/lib/api/endpoints";
import { listFriendRequests } from "@/lib/server/friends/list-friend-requests";
import { handle, json } from "@/lib/server/http/route";

// GET /api/friends/requests/outgoing – pending requests the caller sent
export const GET = handle(endpoints.listOutgoingRequests, async ({ auth }) => json(await listFriendRequests(auth.user.id, "outgoing")));
