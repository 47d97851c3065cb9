import { endpoints } from "@/lib/api/endpoints";
import { handle, json } from "@/lib/server/http/route";
import { acceptInvite } from "@/lib/server/invites/accept-invite";

// POST /api/invites/{code}/accept – join a community through an invite
export const POST = handle(endpoints.acceptInvite, async ({ auth, params }) => json(await acceptInvite(auth.user.id, params.code)));
