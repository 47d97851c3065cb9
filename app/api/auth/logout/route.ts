import { endpoints } from "@/lib/api/endpoints";
import { revokeSession } from "@/lib/server/auth/session";
import { handle, json } from "@/lib/server/http/route";

// POST /api/auth/logout – revoke the presented token (or browser session)
export const POST = handle(endpoints.logout, async ({ auth }) => {
  await revokeSession(auth.session);
  return json({ ok: true });
});
