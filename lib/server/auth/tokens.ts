import { createHmac, randomUUID } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { getConfig } from "../config";

const ISSUER = "auraflow";
const AUDIENCE = "auraflow:api";

/** What both kinds of credential (Bearer JWT, next-auth cookie) resolve to. */
export interface SessionClaims {
  userId: number;
  /** Identifies the login session; logout revokes it. */
  sessionId: string;
  expiresAt: Date;
}

let signingKey: Uint8Array | undefined;

// A key of its own for API tokens, derived from the one secret, so that an API token can never be
// mistaken for a next-auth cookie or the other way round.
function key(): Uint8Array {
  signingKey ??= createHmac("sha256", getConfig().authSecret).update("auraflow api token v1").digest();
  return signingKey;
}

export async function issueApiToken(userId: number): Promise<{ token: string; claims: SessionClaims }> {
  const sessionId = randomUUID();
  const ttl = getConfig().tokenTtlSeconds;
  const issuedAt = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(String(userId))
    .setJti(sessionId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttl)
    .sign(key());
  return { token, claims: { userId, sessionId, expiresAt: new Date((issuedAt + ttl) * 1000) } };
}

/** Verifies signature, issuer, audience and expiry; revocation is checked by the caller. */
export async function verifyApiToken(token: string): Promise<SessionClaims | null> {
  try {
    const { payload } = await jwtVerify(token, key(), { issuer: ISSUER, audience: AUDIENCE, algorithms: ["HS256"] });
    const userId = Number(payload.sub);
    if (!Number.isSafeInteger(userId) || !payload.jti || !payload.exp) return null;
    return { userId, sessionId: payload.jti, expiresAt: new Date(payload.exp * 1000) };
  } catch {
    return null;
  }
}
