"use client";

import Link from "next/link";
import { withNext } from "@/lib/next-path";
import { rememberInviteIntent } from "./invite-intent";

/** Register or log in, then come back to the invite, which then accepts itself. */
export function SignedOutInvite({ code }: { code: string }) {
  const back = `/invite/${encodeURIComponent(code)}`;
  return (
    <div className="space-y-3">
      <p className="text-sm text-muted">Create an account or log in to accept this invite.</p>
      <Link
        href={withNext("/register", back)}
        onClick={() => rememberInviteIntent(code)}
        className="block w-full rounded-md bg-aura-600 px-4 py-2.5 font-medium text-white transition hover:bg-aura-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-aura-300"
      >
        Register to accept
      </Link>
      <Link
        href={withNext("/login", back)}
        onClick={() => rememberInviteIntent(code)}
        className="block w-full rounded-md bg-raised px-4 py-2.5 font-medium text-strong transition hover:bg-zinc-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-aura-300"
      >
        I have an account: log in
      </Link>
    </div>
  );
}
