import type { Session } from "@/lib/api/entities";
import { db } from "../db/client";
import { iso } from "../users/serialize";
import type { SessionClaims } from "./tokens";

/** The caller's live sessions (ended ones are no longer recorded), newest first; `current` marks the caller's own. */
export async function listSessions(current: SessionClaims): Promise<Session[]> {
  const rows = await db.userSession.findMany({
    where: { user_id: current.userId, expires_at: { gt: new Date() } },
    orderBy: [{ created_at: "desc" }, { id: "asc" }],
  });
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind === "browser" ? "browser" : "token",
    user_agent: row.user_agent,
    ip: row.ip,
    created_at: iso(row.created_at),
    expires_at: iso(row.expires_at),
    current: row.id === current.sessionId,
  }));
}
