import { endpoints } from "@/lib/api/endpoints";
import { handle, noContent } from "@/lib/server/http/route";
import { pinMessage } from "@/lib/server/pins/pin-message";
import { unpinMessage } from "@/lib/server/pins/unpin-message";

// PUT /api/channels/{id}/pins/{message_id} – pin a message (owner or admin)
export const PUT = handle(endpoints.pinMessage, async ({ auth, params }) => {
  await pinMessage(auth.user, params.id, params.message_id);
  return noContent();
});

// DELETE /api/channels/{id}/pins/{message_id} – unpin a message (owner or admin)
export const DELETE = handle(endpoints.unpinMessage, async ({ auth, params }) => {
  await unpinMessage(auth.user.id, params.id, params.message_id);
  return noContent();
});
