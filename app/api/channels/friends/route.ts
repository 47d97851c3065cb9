import { endpoints } from "@/lib/api/endpoints";
import { listFriends } from "@/lib/server/friends/list-friends";
import { handle, json } from "@/lib/server/http/route";

// GET /api/channels/friends – the caller's friends with live status
export const GET = handle(endpoints.listFriends, async ({ auth }) => json(await listFriends(auth.user.id)));
