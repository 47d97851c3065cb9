import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { SignJWT } from "jose";
import { getConfig } from "../config";
import { recordSession, type SessionClient } from "./record-session";

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

/** A bot's token lasts until it is rotated or the bot deleted (a hundred years, to the JWT). */
export const BOT_TOKEN_TTL_SECONDS = 100 * 365 * 24 * 3600;

/**
 * Signs a new API token and records its session (GET /api/auth/sessions lists it). A user's lasts
 * TOKEN_TTL_SECONDS; a bot's (`ttlSeconds`), until rotated.
 */
export async function issueApiToken(userId: number, client: SessionClient, ttlSeconds = getConfig().tokenTtlSeconds): Promise<{ token: string; claims: SessionClaims }> {
  const sessionId = randomUUID();
  const ttl = ttlSeconds;
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
  const claims = { userId, sessionId, expiresAt: new Date((issuedAt + ttl) * 1000) };
  await recordSession(claims, "token", client);
  return { token, claims };
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function decodeSegment(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Verifies signature (HS256 only), issuer, audience and expiry; revocation is checked by the
 * caller. Every authenticated request runs this, so it is node:crypto's HMAC, synchronous: jose's
 * verify goes through WebCrypto and cost a tenth of the CPU of a history request (bench/).
 */
export function verifyApiToken(token: string): SessionClaims | null {
  const segments = token.split(".");
  if (segments.length !== 3 || !segments.every((segment) => BASE64URL.test(segment))) return null;
  const [header, body, signature] = segments;
  const expected = createHmac("sha256", key()).update(`${header}.${body}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;

  const protectedHeader = decodeSegment(header);
  const payload = decodeSegment(body);
  if (protectedHeader?.alg !== "HS256" || "crit" in protectedHeader || !payload) return null;
  const now = Math.floor(Date.now() / 1000);
  const audience = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (payload.iss !== ISSUER || !audience.includes(AUDIENCE)) return null;
  if (typeof payload.exp !== "number" || payload.exp <= now) return null;
  if (payload.nbf !== undefined && (typeof payload.nbf !== "number" || payload.nbf > now)) return null;

  const userId = Number(payload.sub);
  if (typeof payload.sub !== "string" || !Number.isSafeInteger(userId) || typeof payload.jti !== "string" || !payload.jti) return null;
  return { userId, sessionId: payload.jti, expiresAt: new Date(payload.exp * 1000) };
}
