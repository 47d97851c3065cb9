import { endpoints } from "@/lib/api/endpoints";
import { blockUser } from "@/lib/server/friends/block-user";
import { handle, json } from "@/lib/server/http/route";

// POST /api/friends/block/{id} – block user {id}
export const POST = handle(endpoints.blockUser, async ({ auth, params }) => json(await blockUser(auth.user.id, params.id), 201));
