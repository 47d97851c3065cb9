import { endpoints } from "@/lib/api/endpoints";
import { handle, json } from "@/lib/server/http/route";
import { listBans } from "@/lib/server/moderation/list-bans";

// GET /api/channels/communities/{id}/bans – who is banned (owner or admin)
export const GET = handle(endpoints.listBans, async ({ auth, params, query }) => json(await listBans(auth.user.id, params.id, query)));
