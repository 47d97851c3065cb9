import { revokeSession } from "@/lib/server/auth/session";
import { authRoute, json } from "@/lib/server/http/route";

// POST /api/auth/logout – revoke the presented token (or browser session)
export const POST = authRoute({}, async ({ auth }) => {
  await revokeSession(auth.session);
  return json({ ok: true });
});
