import { endpoints } from "@/lib/api/endpoints";
import { removeFriend } from "@/lib/server/friends/remove-friend";
import { handle, json } from "@/lib/server/http/route";

// DELETE /api/friends/{id} – end the friendship with user {id}
export const DELETE = handle(endpoints.removeFriend, async ({ auth, params }) => json(await removeFriend(auth.user.id, params.id)));
