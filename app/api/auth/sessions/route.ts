import { endpoints } from "@/lib/api/endpoints";
import { endOtherSessions } from "@/lib/server/auth/end-other-sessions";
import { listSessions } from "@/lib/server/auth/list-sessions";
import { handle, json, noContent } from "@/lib/server/http/route";

// GET /api/auth/sessions – the caller's live sessions, newest first
export const GET = handle(endpoints.listSessions, async ({ auth }) => json(await listSessions(auth.session)));

// DELETE /api/auth/sessions – log out everywhere else
export const DELETE = handle(endpoints.endOtherSessions, async ({ auth }) => {
  await endOtherSessions(auth.user.id, auth.session.sessionId);
  return noContent();
});
