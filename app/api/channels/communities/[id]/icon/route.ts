import { endpoints } from "@/lib/api/endpoints";
import { updateCommunityIcon } from "@/lib/server/communities/update-community-icon";
import { handle, json } from "@/lib/server/http/route";

// POST /api/channels/communities/{id}/icon – upload an image as the community's icon (owner or admin)
export const POST = handle(endpoints.uploadCommunityIcon, async ({ auth, params, req }) => json(await updateCommunityIcon(auth.user.id, params.id, req)));
