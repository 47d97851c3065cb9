import { db } from "../db/client";
import { CLIENT_ADDRESS_HEADER } from "../http/client-address";
import type { SessionClaims } from "./tokens";

export type SessionKind = "token" | "browser";

/** Where a sign-in came from: shown in the session list. */
export interface SessionClient {
  userAgent: string | null;
  ip: string | null;
}

const MAX_USER_AGENT = 512;
const MAX_IP = 64;

/**
 * Reads the client of a sign-in from its request headers: its user agent, and the address the
 * custom server recorded (the connection's, or a trusted proxy's report: see http/client-address.ts).
 */
export function sessionClient(header: (name: string) => string | string[] | null | undefined): SessionClient {
  const first = (value: string | string[] | null | undefined) => (Array.isArray(value) ? value[0] : value) ?? null;
  const userAgent = first(header("user-agent"))?.trim().slice(0, MAX_USER_AGENT) || null;
  const ip = first(header(CLIENT_ADDRESS_HEADER))?.slice(0, MAX_IP) || null;
  return { userAgent, ip };
}

/** A session started (API token issued, browser signed in): it is listed until it ends or expires. */
export async function recordSession(claims: SessionClaims, kind: SessionKind, client: SessionClient): Promise<void> {
  await db.userSession.create({
    data: {
      id: claims.sessionId,
      user_id: claims.userId,
      kind,
      user_agent: client.userAgent,
      ip: client.ip,
      expires_at: claims.expiresAt,
    },
  });
}

/**
 * next-auth issues a browser session's cookie again, with a later expiry, whenever the session is
 * read through /api/auth/session: the recorded expiry follows. False when the session is not
 * recorded (ended, or started before sessions were recorded): it is not renewed.
 */
export async function renewBrowserSession(sessionId: string, userId: number, expiresAt: Date): Promise<boolean> {
  const { count } = await db.userSession.updateMany({ where: { id: sessionId, user_id: userId, kind: "browser" }, data: { expires_at: expiresAt } });
  return count > 0;
}
