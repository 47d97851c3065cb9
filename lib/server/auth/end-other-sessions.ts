import { transaction, type Tx } from "../db/client";
import { disconnectSessions } from "../realtime/emit";
import { revokeSessions } from "./session";

/**
 * Revokes, inside `tx`, every live session of the user except `keepSessionId` (none: all of
 * them). Returns what to run once the transaction has committed: closing their sockets. Every
 * socket of the user outside the kept session closes, also those of a session started before
 * sessions were recorded (which cannot be revoked: it lapses with its token).
 */
export async function revokeOtherSessions(tx: Tx, userId: number, keepSessionId: string | null): Promise<() => Promise<void>> {
  const sessions = await tx.userSession.findMany({
    where: { user_id: userId, expires_at: { gt: new Date() }, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
    select: { id: true, expires_at: true },
  });
  await revokeSessions(tx, sessions.map((s) => ({ userId, sessionId: s.id, expiresAt: s.expires_at })));
  // Expired rows have nothing left to revoke.
  await tx.userSession.deleteMany({ where: { user_id: userId, expires_at: { lte: new Date() } } });
  return () => disconnectSessions(userId, (sessionId) => sessionId !== keepSessionId);
}

/** "Log out everywhere else": every session of the user but the caller's ends. */
export async function endOtherSessions(userId: number, currentSessionId: string): Promise<void> {
  const disconnect = await transaction((tx) => revokeOtherSessions(tx, userId, currentSessionId));
  await disconnect();
}
