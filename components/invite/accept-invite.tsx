"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { FormError } from "@/components/auth/field";
import { Button } from "@/components/ui/button";
import { endpoints } from "@/lib/api/endpoints";
import type { InvitePreview } from "@/lib/api/entities";
import { ApiRequestError, callApi } from "@/lib/api-client";
import { takeInviteIntent } from "./invite-intent";

function refusal(error: unknown): string {
  if (error instanceof ApiRequestError) {
    if (error.code === "banned") return "You are banned from this community.";
    if (error.status === 404) return "This invite is invalid or has expired.";
    return error.message;
  }
  return "Could not accept the invite. Please try again.";
}

/** Joins through the invite and opens the community (its first readable channel); a member just goes there. */
export function AcceptInvite({ preview }: { preview: InvitePreview }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);
  const communityPath = `/channels/${preview.community.id}`;

  const accept = useCallback(async () => {
    setPending(true);
    setError(null);
    try {
      await callApi(endpoints.acceptInvite, { params: { code: preview.code } });
      router.push(communityPath);
    } catch (failure) {
      if (failure instanceof ApiRequestError && failure.status === 409) return router.push(communityPath);
      setError(refusal(failure));
      setPending(false);
    }
  }, [communityPath, preview.code, router]);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    if (takeInviteIntent(preview.code)) void accept();
  }, [accept, preview.code]);

  return (
    <div className="space-y-3">
      <FormError message={error} />
      <Button className="w-full py-2.5" disabled={pending} onClick={() => void accept()}>
        {pending ? "Joining…" : "Accept invite"}
      </Button>
    </div>
  );
}
