import { endpoints } from "@/lib/api/endpoints";
import { deleteCommunity } from "@/lib/server/communities/delete-community";
import { getCommunity } from "@/lib/server/communities/get-community";
import { updateCommunity } from "@/lib/server/communities/update-community";
import { handle, json } from "@/lib/server/http/route";

// GET /api/channels/communities/{id} – a community's details
export const GET = handle(endpoints.getCommunity, async ({ auth, params }) => json(await getCommunity(auth.user.id, params.id)));

// PATCH /api/channels/communities/{id} – edit a community (owner or admin)
export const PATCH = handle(endpoints.updateCommunity, async ({ auth, params, body }) =>
  json(await updateCommunity(auth.user.id, params.id, body)),
);

// DELETE /api/channels/communities/{id} – delete a community (owner)
export const DELETE = handle(endpoints.deleteCommunity, async ({ auth, params }) => json(await deleteCommunity(auth.user.id, params.id)));
