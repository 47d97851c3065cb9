import { endpoints } from "@/lib/api/endpoints";
import { listMembers } from "@/lib/server/communities/list-members";
import { handle, json } from "@/lib/server/http/route";

// GET /api/channels/community/members?community_id= – a community's members
export const GET = handle(endpoints.listMembers, async ({ auth, query }) => json(await listMembers(auth.user.id, query.community_id, query)));
