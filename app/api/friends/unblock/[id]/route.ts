import { endpoints } from "@/lib/api/endpoints";
import { unblockUser } from "@/lib/server/friends/unblock-user";
import { handle, json } from "@/lib/server/http/route";

// POST /api/friends/unblock/{id} – unblock user {id}
export const POST = handle(endpoints.unblockUser, async ({ auth, params }) => json(await unblockUser(auth.user.id, params.id)));
