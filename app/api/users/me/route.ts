import { endpoints } from "@/lib/api/endpoints";
import { handle, json, noContent } from "@/lib/server/http/route";
import { deleteAccount } from "@/lib/server/users/delete-account";
import { updateProfile } from "@/lib/server/users/update-profile";

// PATCH /api/users/me – change display name, avatar, status or custom status
export const PATCH = handle(endpoints.updateProfile, async ({ auth, body }) => json(await updateProfile(auth.user, body)));

// DELETE /api/users/me – delete the caller's account (anonymised; 409 while they own communities)
export const DELETE = handle(endpoints.deleteAccount, async ({ auth, body }) => {
  await deleteAccount(auth, body);
  return noContent();
});
