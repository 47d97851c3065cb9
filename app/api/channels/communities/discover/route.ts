import { endpoints } from "@/lib/api/endpoints";
import { discoverCommunities } from "@/lib/server/communities/discover-communities";
import { handle, json } from "@/lib/server/http/route";

// GET /api/channels/communities/discover – communities the caller is not in
export const GET = handle(endpoints.discoverCommunities, async ({ auth, query }) => json(await discoverCommunities(auth.user.id, query)));
