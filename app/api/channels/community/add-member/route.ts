import { endpoints } from "@/lib/api/endpoints";
import { addMember } from "@/lib/server/communities/add-member";
import { handle, json } from "@/lib/server/http/route";

// POST /api/channels/community/add-member – add a user to a community (owner or admin)
export const POST = handle(endpoints.addMember, async ({ auth, body }) => json(await addMember(auth.user.id, body), 201));
