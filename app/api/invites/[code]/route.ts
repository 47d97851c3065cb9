import { endpoints } from "@/lib/api/endpoints";
import { handle, json, noContent } from "@/lib/server/http/route";
import { deleteInvite } from "@/lib/server/invites/delete-invite";
import { previewInvite } from "@/lib/server/invites/preview-invite";

// GET /api/invites/{code} – what an invite leads to (no sign-in needed)
export const GET = handle(endpoints.previewInvite, async ({ params }) => json(await previewInvite(params.code)));

// DELETE /api/invites/{code} – delete an invite (its creator, owner or admin)
export const DELETE = handle(endpoints.deleteInvite, async ({ auth, params }) => {
  await deleteInvite(auth.user.id, params.code);
  return noContent();
});
