import { endpoints } from "@/lib/api/endpoints";
import { kickMember } from "@/lib/server/communities/kick-member";
import { setMemberRole } from "@/lib/server/communities/set-member-role";
import { handle, json } from "@/lib/server/http/route";

// DELETE /api/channels/communities/{id}/members/{user_id} – remove a member (owner or admin)
export const DELETE = handle(endpoints.kickMember, async ({ auth, params }) => json(await kickMember(auth.user.id, params.id, params.user_id)));

// PATCH /api/channels/communities/{id}/members/{user_id} – make a member admin or member (owner)
export const PATCH = handle(endpoints.setMemberRole, async ({ auth, params, body }) =>
  json(await setMemberRole(auth.user.id, params.id, params.user_id, body.role)),
);
