"use client";

import { useId, useState } from "react";
import { Field } from "@/components/auth/field";
import { Button } from "@/components/ui/button";
import { endpoints } from "@/lib/api/endpoints";
import type { FriendRequestResult } from "@/lib/api/entities";
import { ApiRequestError, callApi } from "@/lib/api-client";

type Outcome = { kind: "success"; message: string } | { kind: "error"; message: string } | null;

/** Sends a friend request by username and says plainly what happened. */
export function AddFriendForm({ autoFocus, onResult }: { autoFocus: boolean; onResult: (result: FriendRequestResult) => void }) {
  const [username, setUsername] = useState("");
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [pending, setPending] = useState(false);
  const headingId = useId();

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = username.trim().replace(/^@/, "");
    if (!name) return;
    setPending(true);
    try {
      const result = await callApi(endpoints.sendFriendRequest, { body: { username: name } });
      onResult(result);
      setOutcome({
        kind: "success",
        message: result.friend
          ? `You and ${result.friend.display_name} are now friends: they had already sent you a request.`
          : `Friend request sent to ${result.request.receiver.username}.`,
      });
      setUsername("");
    } catch (error) {
      const issue = error instanceof ApiRequestError ? error.fieldIssues()[0]?.message : undefined;
      setOutcome({ kind: "error", message: issue ?? (error instanceof Error ? error.message : "Could not send the friend request") });
    } finally {
      setPending(false);
    }
  }

  return (
    <section aria-labelledby={headingId} className="border-b border-raised px-6 py-5">
      <h2 id={headingId} className="font-semibold text-strong uppercase">
        Add friend
      </h2>
      <p className="mt-1 mb-4 text-sm text-muted">You can add friends with their Auraflow username.</p>
      <form onSubmit={submit} noValidate className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <div className="flex-1">
          <Field
            label="Username"
            name="username"
            value={username}
            onChange={(event) => {
              setUsername(event.target.value);
              if (outcome?.kind === "error") setOutcome(null);
            }}
            placeholder="Enter a username"
            autoComplete="off"
            spellCheck={false}
            maxLength={33}
            autoFocus={autoFocus}
            error={outcome?.kind === "error" ? outcome.message : undefined}
          />
        </div>
        <Button type="submit" disabled={pending || !username.trim()} className="sm:mt-[22px] sm:h-11">
          {pending ? "Sending…" : "Send friend request"}
        </Button>
      </form>
      <p role="status" className="mt-2 min-h-5 text-sm text-emerald-400">
        {outcome?.kind === "success" ? outcome.message : ""}
      </p>
    </section>
  );
}
