import { endpoints } from "@/lib/api/endpoints";
import { kickMember } from "@/lib/server/communities/kick-member";
import { setMemberRole } from "@/lib/server/communities/set-member-role";
import { timeoutMember } from "@/lib/server/communities/timeout-member";
import { handle, json } from "@/lib/server/http/route";

// DELETE /api/channels/communities/{id}/members/{user_id} – remove a member (owner or admin)
export const DELETE = handle(endpoints.kickMember, async ({ auth, params }) => json(await kickMember(auth.user.id, params.id, params.user_id)));

// PATCH /api/channels/communities/{id}/members/{user_id} – change a member's role (owner) or time them out (owner or admin)
export const PATCH = handle(endpoints.updateMember, async ({ auth, params, body }) => {
  if (body.role !== undefined) return json(await setMemberRole(auth.user.id, params.id, params.user_id, body.role));
  const until = body.timeout_until ? new Date(body.timeout_until) : null;
  return json(await timeoutMember({ actorId: auth.user.id, communityId: params.id, targetId: params.user_id, until, reason: body.reason }));
});
