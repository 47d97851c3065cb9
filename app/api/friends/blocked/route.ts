import { endpoints } from "@/lib/api/endpoints";
import { listBlockedUsers } from "@/lib/server/friends/list-blocked-users";
import { handle, json } from "@/lib/server/http/route";

// GET /api/friends/blocked – the users the caller has blocked
export const GET = handle(endpoints.listBlocked, async ({ auth }) => json(await listBlockedUsers(auth.user.id)));
