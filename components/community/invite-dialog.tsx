"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField } from "@/components/ui/select-field";
import { endpoints } from "@/lib/api/endpoints";
import type { Community, Invite } from "@/lib/api/entities";
import { callApi } from "@/lib/api-client";
import { localMoment } from "@/lib/format";

const EXPIRY = [
  { value: "1800", label: "30 minutes" },
  { value: "3600", label: "1 hour" },
  { value: "21600", label: "6 hours" },
  { value: "43200", label: "12 hours" },
  { value: "86400", label: "1 day" },
  { value: "604800", label: "7 days" },
  { value: "0", label: "Never" },
] as const;

const MAX_USES = [
  { value: "0", label: "No limit" },
  ...[1, 5, 10, 25, 50, 100].map((n) => ({ value: String(n), label: `${n} use${n === 1 ? "" : "s"}` })),
];

/** The link people join by. */
export function inviteUrl(code: string): string {
  return `${window.location.origin}/invite/${code}`;
}

/** "Invite people": pick how long and how often the link works, create it, copy it. */
export function InviteDialog({ community, open, onClose }: { community: Community; open: boolean; onClose: () => void }) {
  const [invite, setInvite] = useState<Invite | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [copied, setCopied] = useState(false);

  function close() {
    setInvite(null);
    setError(null);
    setCopied(false);
    onClose();
  }

  async function create(form: FormData) {
    setPending(true);
    setError(null);
    setCopied(false);
    try {
      setInvite(
        await callApi(endpoints.createInvite, {
          params: { id: community.id },
          body: { max_age_seconds: Number(form.get("max_age_seconds")), max_uses: Number(form.get("max_uses")) },
        }),
      );
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : "Could not create the invite");
    } finally {
      setPending(false);
    }
  }

  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setError("Copying is blocked here: select the link and copy it yourself.");
    }
  }

  return (
    <Dialog open={open} onClose={close} title={`Invite people to ${community.name}`} description="Anyone with the link can join, even if the community is not public.">
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          void create(new FormData(event.currentTarget));
        }}
      >
        <div className="grid grid-cols-2 gap-3">
          <SelectField label="Expire after" name="max_age_seconds" options={EXPIRY} defaultValue="604800" />
          <SelectField label="Max number of uses" name="max_uses" options={MAX_USES} defaultValue="0" />
        </div>
        {error && (
          <p role="alert" className="text-sm text-red-400">
            {error}
          </p>
        )}
        {invite && (
          <div className="space-y-1.5">
            <label htmlFor="invite-link" className="block text-xs font-bold tracking-wide text-muted uppercase">
              Invite link
            </label>
            <div className="flex gap-2">
              <input
                id="invite-link"
                readOnly
                value={inviteUrl(invite.code)}
                onFocus={(event) => event.currentTarget.select()}
                className="min-w-0 flex-1 rounded-md bg-rail px-3 py-2.5 text-strong outline-none ring-aura-500 focus:ring-2"
              />
              <Button onClick={() => void copy(inviteUrl(invite.code))}>{copied ? "Copied" : "Copy"}</Button>
            </div>
            <p className="text-xs text-muted" role="status">
              {invite.expires_at ? `Expires ${localMoment(invite.expires_at)}` : "Never expires"}
              {invite.max_uses ? ` · ${invite.max_uses} use${invite.max_uses === 1 ? "" : "s"}` : " · No use limit"}
            </p>
          </div>
        )}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={close}>
            Done
          </Button>
          <Button type="submit" disabled={pending}>
            {invite ? "Create another link" : "Create invite link"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
