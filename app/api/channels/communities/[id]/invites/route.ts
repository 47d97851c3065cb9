import { endpoints } from "@/lib/api/endpoints";
import { handle, json } from "@/lib/server/http/route";
import { createInvite } from "@/lib/server/invites/create-invite";
import { listInvites } from "@/lib/server/invites/list-invites";

// POST /api/channels/communities/{id}/invites – create an invite link (any member)
export const POST = handle(endpoints.createInvite, async ({ auth, params, body }) => json(await createInvite(auth.user.id, params.id, body), 201));

// GET /api/channels/communities/{id}/invites – the usable invites (owner or admin)
export const GET = handle(endpoints.listInvites, async ({ auth, params }) => json(await listInvites(auth.user.id, params.id)));
