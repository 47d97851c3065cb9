import { endpoints } from "@/lib/api/endpoints";
import { handle, json } from "@/lib/server/http/route";
import { getUserProfile } from "@/lib/server/users/get-user-profile";

// GET /api/users/{id} – a public profile and the caller's relationship to that user
export const GET = handle(endpoints.getUser, async ({ auth, params }) => json(await getUserProfile(auth.user.id, params.id)));
