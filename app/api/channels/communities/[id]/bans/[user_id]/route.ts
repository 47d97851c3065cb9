import { endpoints } from "@/lib/api/endpoints";
import { handle, noContent } from "@/lib/server/http/route";
import { banMember } from "@/lib/server/moderation/ban-member";
import { unbanMember } from "@/lib/server/moderation/unban-member";

// PUT /api/channels/communities/{id}/bans/{user_id} – ban a user (owner or admin)
export const PUT = handle(endpoints.banMember, async ({ auth, params, body }) => {
  await banMember(auth.user.id, params.id, params.user_id, body);
  return noContent();
});

// DELETE /api/channels/communities/{id}/bans/{user_id} – lift a ban (owner or admin)
export const DELETE = handle(endpoints.unbanMember, async ({ auth, params }) => {
  await unbanMember(auth.user.id, params.id, params.user_id);
  return noContent();
});
