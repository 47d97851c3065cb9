import { endpoints } from "@/lib/api/endpoints";
import { deleteChannel } from "@/lib/server/channels/delete-channel";
import { getChannel } from "@/lib/server/channels/get-channel";
import { updateChannel } from "@/lib/server/channels/update-channel";
import { handle, json } from "@/lib/server/http/route";

// GET /api/channels/{id} – a channel's details
export const GET = handle(endpoints.getChannel, async ({ auth, params }) => json(await getChannel(auth.user.id, params.id)));

// PATCH /api/channels/{id} – edit a channel (owner or admin)
export const PATCH = handle(endpoints.updateChannel, async ({ auth, params, body }) => json(await updateChannel(auth.user.id, params.id, body)));

// DELETE /api/channels/{id} – delete a channel (owner or admin)
export const DELETE = handle(endpoints.deleteChannel, async ({ auth, params }) => {
  const { id } = await deleteChannel(auth.user.id, params.id);
  return json({ id });
});
