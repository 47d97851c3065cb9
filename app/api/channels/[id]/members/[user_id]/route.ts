import { endpoints } from "@/lib/api/endpoints";
import { removeChannelMember } from "@/lib/server/channels/remove-channel-member";
import { handle, json } from "@/lib/server/http/route";

// DELETE /api/channels/{id}/members/{user_id} – take away access to a private channel (owner or admin)
export const DELETE = handle(endpoints.removeChannelMember, async ({ auth, params }) =>
  json(await removeChannelMember(auth.user.id, params.id, params.user_id)),
);
