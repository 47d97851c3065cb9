import { endpoints } from "@/lib/api/endpoints";
import { endSession } from "@/lib/server/auth/end-session";
import { handle, noContent } from "@/lib/server/http/route";

// DELETE /api/auth/sessions/{id} – end one of the caller's sessions
export const DELETE = handle(endpoints.endSession, async ({ auth, params }) => {
  await endSession(auth.user.id, params.id);
  return noContent();
});
