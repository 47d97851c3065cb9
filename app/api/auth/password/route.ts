import { endpoints } from "@/lib/api/endpoints";
import { changePassword } from "@/lib/server/auth/change-password";
import { handle, noContent } from "@/lib/server/http/route";

// POST /api/auth/password – change the password; every other session ends
export const POST = handle(endpoints.changePassword, async ({ auth, body }) => {
  await changePassword(auth, body);
  return noContent();
});
