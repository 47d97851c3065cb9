import { endpoints } from "@/lib/api/endpoints";
import { leaveCommunity } from "@/lib/server/communities/leave-community";
import { handle, json } from "@/lib/server/http/route";

// POST /api/channels/communities/{id}/leave – leave a community (not as its owner)
export const POST = handle(endpoints.leaveCommunity, async ({ auth, params }) => json(await leaveCommunity(auth.user.id, params.id)));
