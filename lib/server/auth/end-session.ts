import { db } from "../db/client";
import { notFound } from "../errors";
import { revokeSession } from "./session";

/** Ends one of the caller's sessions by id (the current one too: that is a logout); another user's id is missing. */
export async function endSession(userId: number, sessionId: string): Promise<void> {
  const session = await db.userSession.findFirst({ where: { id: sessionId, user_id: userId, expires_at: { gt: new Date() } } });
  if (!session) throw notFound("Session");
  await revokeSession({ userId, sessionId, expiresAt: session.expires_at });
}
