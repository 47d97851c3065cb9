import { endpoints } from "@/lib/api/endpoints";
import { handle, json } from "@/lib/server/http/route";
import { updateProfile } from "@/lib/server/users/update-profile";

// PATCH /api/users/me – change display name, avatar, status or custom status
export const PATCH = handle(endpoints.updateProfile, async ({ auth, body }) => json(await updateProfile(auth.user, body)));
