import { endpoints } from "@/lib/api/endpoints";
import { handle, json } from "@/lib/server/http/route";
import { searchUsers } from "@/lib/server/users/search-users";

// GET /api/channels/users/search?q= – find users by username or display name
export const GET = handle(endpoints.searchUsers, async ({ auth, query }) => json(await searchUsers(auth.user.id, query.q)));
