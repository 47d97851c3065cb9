import { endpoints } from "@/lib/api/endpoints";
import { handle, json, noContent } from "@/lib/server/http/route";
import { addReaction } from "@/lib/server/reactions/add-reaction";
import { listReactionUsers } from "@/lib/server/reactions/list-reaction-users";
import { removeReaction } from "@/lib/server/reactions/remove-reaction";

// PUT /api/messages/direct/message/{id}/reactions/{emoji} – react to a direct message
export const PUT = handle(endpoints.addDirectMessageReaction, async ({ auth, params }) => {
  await addReaction(auth.user.id, { direct_message_id: params.id }, params.emoji);
  return noContent();
});

// DELETE /api/messages/direct/message/{id}/reactions/{emoji} – take back one's own reaction
export const DELETE = handle(endpoints.removeDirectMessageReaction, async ({ auth, params }) => {
  await removeReaction(auth.user.id, { direct_message_id: params.id }, params.emoji);
  return noContent();
});

// GET /api/messages/direct/message/{id}/reactions/{emoji} – who reacted with the emoji
export const GET = handle(endpoints.listDirectMessageReactionUsers, async ({ auth, params, query }) =>
  json(await listReactionUsers(auth.user.id, { direct_message_id: params.id }, params.emoji, query.limit)),
);
