import { endpoints } from "@/lib/api/endpoints";
import { handle, noContent } from "@/lib/server/http/route";
import { deleteWebhook } from "@/lib/server/webhooks/delete-webhook";

// DELETE /api/webhooks/{id} – delete a webhook; its messages stay (owner or admin)
export const DELETE = handle(endpoints.deleteWebhook, async ({ auth, params }) => {
  await deleteWebhook(auth.user.id, params.id);
  return noContent();
});
