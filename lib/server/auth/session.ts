import { decode } from "next-auth/jwt";
import { getConfig } from "../config";
import { queries, transaction, type Tx } from "../db/client";
import { disconnectSession } from "../realtime/emit";
import type { User } from "../db/generated/client";
import { verifyApiToken, type SessionClaims } from "./tokens";

export interface CredentialHeaders {
  authorization?: string | null;
  cookie?: string | null;
}

export interface Authenticated {
  user: User;
  session: SessionClaims;
}

export const SESSION_COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function parseCookies(header: string): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    try {
      cookies.set(name, decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      // A malformed cookie is simply not a credential.
    }
  }
  return cookies;
}

/** next-auth splits large cookies into name.0, name.1, …; ours are small, but accept both forms. */
function sessionCookie(header: string): string | null {
  const cookies = parseCookies(header);
  for (const name of SESSION_COOKIE_NAMES) {
    const whole = cookies.get(name);
    if (whole) return whole;
    const chunks: string[] = [];
    for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`)!);
    if (chunks.length) return chunks.join("");
  }
  return null;
}

async function claimsFromCookie(header: string): Promise<SessionClaims | null> {
  const token = sessionCookie(header);
  if (!token) return null;
  try {
    const payload = await decode({ token, secret: getConfig().authSecret });
    const userId = Number(payload?.uid);
    if (!payload || !Number.isSafeInteger(userId) || typeof payload.sid !== "string") return null;
    const exp = typeof payload.exp === "number" ? payload.exp : 0;
    return { userId, sessionId: payload.sid, expiresAt: new Date(exp * 1000) };
  } catch {
    return null;
  }
}

/**
 * The one place that decides who is calling: a Bearer token (REST clients) or else the next-auth
 * session cookie (the browser). Used by route handlers, server components and the Socket.IO
 * handshake. Returns null for anything missing, malformed, expired, revoked or of a deleted user.
 */
export async function authenticate(headers: CredentialHeaders): Promise<Authenticated | null> {
  let claims: SessionClaims | null = null;
  const authorization = headers.authorization?.trim();
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    claims = match ? verifyApiToken(match[1]) : null;
  } else if (headers.cookie) {
    claims = await claimsFromCookie(headers.cookie);
  }
  if (!claims || claims.expiresAt.getTime() <= Date.now()) return null;

  const user = await queries.sessionUser(claims.userId, claims.sessionId);
  return user && !user.deleted_at ? { user, session: claims } : null;
}

/** Ends a session: its token (or cookie) is refused from now on, on every server process. */
export async function revokeSession(session: SessionClaims): Promise<void> {
  await transaction((tx) => revokeSessions(tx, [session]));
  await disconnectSession(session.userId, session.sessionId);
}

/**
 * Writes the revocations of `sessions` (checked on every request by queries.sessionUser) and
 * takes them off the session list; the caller closes their sockets once this has committed.
 */
export async function revokeSessions(tx: Tx, sessions: SessionClaims[]): Promise<void> {
  for (const session of sessions) {
    await tx.revokedToken.upsert({
      where: { jti: session.sessionId },
      create: { jti: session.sessionId, user_id: session.userId, expires_at: session.expiresAt },
      update: {},
    });
  }
  await tx.userSession.deleteMany({ where: { id: { in: sessions.map((s) => s.sessionId) } } });
}
