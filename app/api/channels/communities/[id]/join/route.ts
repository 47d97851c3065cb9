import { endpoints } from "@/lib/api/endpoints";
import { joinCommunity } from "@/lib/server/communities/join-community";
import { handle, json } from "@/lib/server/http/route";

// POST /api/channels/communities/{id}/join – join a community
export const POST = handle(endpoints.joinCommunity, async ({ auth, params }) => json(await joinCommunity(auth.user.id, params.id)));
