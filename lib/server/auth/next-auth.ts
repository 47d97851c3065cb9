import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getConfig } from "../config";
import { CLIENT_ADDRESS_HEADER } from "../http/client-address";
import { ApiError } from "../errors";
import { checkCredentials } from "../users/check-credentials";
import { recordSession, renewBrowserSession, sessionClient, type SessionClient } from "./record-session";
import { revokeSession } from "./session";

interface SignedInUser {
  id: string;
  name: string;
  client: SessionClient;
}

/** The login page's error for a sign-in refused by the rate limits, followed by the seconds to wait. */
export const RATE_LIMITED_SIGN_IN = "rate_limited:";

const credentialsSchema = z.object({ login: z.string().min(1).max(254), password: z.string().min(1).max(128) });

/**
 * Browser sessions: next-auth's Credentials provider with JWT sessions. The token carries our own
 * user id (`uid`) and a session id (`sid`) that stays fixed for the session's life, so that logout
 * can revoke it just like an API token (see lib/server/auth/session.ts). Each session is recorded
 * (user_sessions) when it starts, with the client the authorize callback saw in the request.
 */
export function nextAuthOptions(): NextAuthOptions {
  const config = getConfig();
  return {
    secret: config.authSecret,
    session: { strategy: "jwt", maxAge: config.tokenTtlSeconds },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "Auraflow",
        credentials: {
          login: { label: "Username or email", type: "text" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, req) {
          const parsed = credentialsSchema.safeParse(credentials);
          if (!parsed.success) return null;
          const address = req.headers?.[CLIENT_ADDRESS_HEADER];
          try {
            const user = await checkCredentials({ ...parsed.data, address: typeof address === "string" ? address : "unknown" });
            // The jwt callback, which records the session, does not see the request: the client rides along.
            const signedIn: SignedInUser = { id: String(user.id), name: user.username, client: sessionClient((name) => req.headers?.[name]) };
            return signedIn;
          } catch (error) {
            if (error instanceof ApiError && error.status === 401) return null;
            // next-auth hands an error's message to the login page as `error`: it says how long to wait.
            if (error instanceof ApiError && error.status === 429) {
              const retryAfter = (error.details as { retry_after?: number } | undefined)?.retry_after ?? 1;
              throw new Error(`${RATE_LIMITED_SIGN_IN}${Math.ceil(retryAfter)}`);
            }
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        // next-auth signs the returned token with a fresh expiry, maxAge from now.
        const expiresAt = new Date(Date.now() + config.tokenTtlSeconds * 1000);
        if (user) {
          const session = { userId: Number(user.id), sessionId: randomUUID(), expiresAt };
          const client = (user as Partial<SignedInUser>).client ?? { userAgent: null, ip: null };
          await recordSession(session, "browser", client);
          return { ...token, uid: session.userId, sid: session.sessionId };
        }
        if (typeof token.sid !== "string" || typeof token.uid !== "number") return token;
        // An ended (or never recorded) session is not renewed: its cookie is emptied, which no request accepts.
        return (await renewBrowserSession(token.sid, token.uid, expiresAt)) ? token : {};
      },
      session({ session, token }) {
        return { ...session, user: { id: token.uid, name: token.name } };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid !== "string" || typeof token.uid !== "number") return;
        const expiresAt = new Date((typeof token.exp === "number" ? token.exp : Date.now() / 1000) * 1000);
        await revokeSession({ userId: token.uid, sessionId: token.sid, expiresAt });
      },
    },
  };
}
