import { endpoints } from "@/lib/api/endpoints";
import { createCommunity } from "@/lib/server/communities/create-community";
import { listCommunities } from "@/lib/server/communities/list-communities";
import { handle, json } from "@/lib/server/http/route";

// GET /api/channels/communities – the caller's communities
export const GET = handle(endpoints.listCommunities, async ({ auth, query }) => json(await listCommunities(auth.user.id, query)));

// POST /api/channels/communities – create a community owned by the caller
export const POST = handle(endpoints.createCommunity, async ({ auth, body }) => json(await createCommunity(auth.user.id, body), 201));
