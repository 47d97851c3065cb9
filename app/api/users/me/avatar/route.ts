import { endpoints } from "@/lib/api/endpoints";
import { handle, json } from "@/lib/server/http/route";
import { updateAvatar } from "@/lib/server/users/update-avatar";

// POST /api/users/me/avatar – upload an image as the caller's avatar (stored as a square WebP)
export const POST = handle(endpoints.uploadAvatar, async ({ auth, req }) => json(await updateAvatar(auth.user, req)));
