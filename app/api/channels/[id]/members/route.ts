import { endpoints } from "@/lib/api/endpoints";
import { addChannelMember } from "@/lib/server/channels/add-channel-member";
import { listChannelMembers } from "@/lib/server/channels/list-channel-members";
import { handle, json } from "@/lib/server/http/route";

// GET /api/channels/{id}/members – who can read the channel
export const GET = handle(endpoints.listChannelMembers, async ({ auth, params, query }) =>
  json(await listChannelMembers(auth.user.id, params.id, query)),
);

// POST /api/channels/{id}/members – give a member access to a private channel (owner or admin)
export const POST = handle(endpoints.addChannelMember, async ({ auth, params, body }) =>
  json(await addChannelMember(auth.user.id, params.id, body), 201),
);
