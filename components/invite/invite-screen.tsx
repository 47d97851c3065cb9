"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { Skeleton } from "@/components/ui/feedback";
import { endpoints } from "@/lib/api/endpoints";
import type { InvitePreview } from "@/lib/api/entities";
import { ApiRequestError, callApi } from "@/lib/api-client";
import { inviteParams } from "@/lib/validations/invites";
import { AcceptInvite } from "./accept-invite";
import { InviteCard } from "./invite-card";
import { SignedOutInvite } from "./signed-out-invite";

type State = { kind: "loading" } | { kind: "invalid" } | { kind: "error"; message: string } | { kind: "ready"; preview: InvitePreview };

/** What an invite leads to, and the way in: accept when signed in, register or log in first otherwise. */
export function InviteScreen({ code, signedIn }: { code: string; signedIn: boolean }) {
  const [state, setState] = useState<State>(() => (inviteParams.safeParse({ code }).success ? { kind: "loading" } : { kind: "invalid" }));

  useEffect(() => {
    if (!inviteParams.safeParse({ code }).success) return;
    callApi(endpoints.previewInvite, { params: { code } }).then(
      (preview) => setState({ kind: "ready", preview }),
      (error) =>
        setState(
          error instanceof ApiRequestError && error.status === 404
            ? { kind: "invalid" }
            : { kind: "error", message: error instanceof Error ? error.message : "Could not load the invite" },
        ),
    );
  }, [code]);

  if (state.kind === "loading") {
    return (
      <div role="status" aria-label="Loading the invite" className="flex flex-col items-center gap-3">
        <Skeleton className="size-20 rounded-3xl" />
        <Skeleton className="h-5 w-40" />
        <Skeleton className="h-3 w-56" />
      </div>
    );
  }
  if (state.kind !== "ready") {
    return (
      <div>
        <h1 className="text-xl font-semibold text-strong">{state.kind === "invalid" ? "This invite is invalid or has expired" : "Could not open the invite"}</h1>
        <p className="mt-2 text-sm text-muted">
          {state.kind === "invalid" ? "Ask whoever sent it for a new link." : state.message}
        </p>
        <Link href="/" className="mt-6 inline-block rounded-md bg-aura-600 px-4 py-2 text-sm font-medium text-white hover:bg-aura-700">
          Go to Auraflow
        </Link>
      </div>
    );
  }
  return (
    <>
      <InviteCard preview={state.preview} />
      <div className="mt-6">{signedIn ? <AcceptInvite preview={state.preview} /> : <SignedOutInvite code={code} />}</div>
    </>
  );
}
