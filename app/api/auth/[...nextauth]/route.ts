import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { nextAuthOptions } from "@/lib/server/auth/next-auth";

// GET|POST /api/auth/{signin,signout,session,csrf,providers,callback/credentials} – next-auth (browser sessions)
async function handler(req: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(req, context, nextAuthOptions());
}

export { handler as GET, handler as POST };
