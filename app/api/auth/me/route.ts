import { endpoints } from "@/lib/api/endpoints";
import { handle, json } from "@/lib/server/http/route";
import { toSelfUser } from "@/lib/server/users/serialize";

// GET /api/auth/me – the signed-in user, with their email
export const GET = handle(endpoints.me, async ({ auth }) => json(toSelfUser(auth.user)));
