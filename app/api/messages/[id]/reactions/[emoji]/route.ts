import { endpoints } from "@/lib/api/endpoints";
import { handle, json, noContent } from "@/lib/server/http/route";
import { addReaction } from "@/lib/server/reactions/add-reaction";
import { listReactionUsers } from "@/lib/server/reactions/list-reaction-users";
import { removeReaction } from "@/lib/server/reactions/remove-reaction";

// PUT /api/messages/{id}/reactions/{emoji} – react to a channel message
export const PUT = handle(endpoints.addReaction, async ({ auth, params }) => {
  await addReaction(auth.user.id, { message_id: params.id }, params.emoji);
  return noContent();
});

// DELETE /api/messages/{id}/reactions/{emoji} – take back one's own reaction
export const DELETE = handle(endpoints.removeReaction, async ({ auth, params }) => {
  await removeReaction(auth.user.id, { message_id: params.id }, params.emoji);
  return noContent();
});

// GET /api/messages/{id}/reactions/{emoji} – who reacted with the emoji
export const GET = handle(endpoints.listReactionUsers, async ({ auth, params, query }) =>
  json(await listReactionUsers(auth.user.id, { message_id: params.id }, params.emoji, query.limit)),
);
