import { endpoints } from "@/lib/api/endpoints";
import { listFriendRequests } from "@/lib/server/friends/list-friend-requests";
import { handle, json } from "@/lib/server/http/route";

// GET /api/friends/requests/pending – pending requests sent to the caller
export const GET = handle(endpoints.listIncomingRequests, async ({ auth }) => json(await listFriendRequests(auth.user.id, "incoming")));
