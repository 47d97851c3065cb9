"use client";

import { useState } from "react";
import { useSessionGuard } from "@/components/app/session-guard";
import { Field, FormError } from "@/components/auth/field";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { endpoints } from "@/lib/api/endpoints";
import { ApiRequestError, callApi } from "@/lib/api-client";
import { deleteAccountSchema } from "@/lib/validations/users";
import { OwnedCommunitiesNotice } from "./owned-communities-notice";
import { formErrors } from "./server-error";

function ownedCommunityIds(error: unknown): number[] | null {
  if (!(error instanceof ApiRequestError) || error.code !== "owns_communities") return null;
  const ids = (error.details as { community_ids?: unknown } | undefined)?.community_ids;
  return Array.isArray(ids) ? ids.filter((id): id is number => typeof id === "number") : [];
}

/** Confirms the deletion with the password; on success this browser is signed out like every other. */
export function DeleteAccountDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { leave, expectSessionEnd } = useSessionGuard();
  const [passwordError, setPasswordError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [owned, setOwned] = useState<number[] | null>(null);
  const [pending, setPending] = useState(false);

  function close() {
    setPasswordError(undefined);
    setFormError(null);
    setOwned(null);
    onClose();
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = deleteAccountSchema.safeParse({ password: String(new FormData(event.currentTarget).get("password") ?? "") });
    setPasswordError(parsed.success ? undefined : parsed.error.issues[0].message);
    setFormError(null);
    setOwned(null);
    if (!parsed.success) return;

    setPending(true);
    try {
      // Deleting ends this session too: its socket may close before the answer arrives.
      await expectSessionEnd("account_deleted", () => callApi(endpoints.deleteAccount, { body: parsed.data }));
      await leave("account_deleted");
    } catch (error) {
      const communityIds = ownedCommunityIds(error);
      if (communityIds) {
        setOwned(communityIds);
      } else {
        const refused = formErrors(error, "password");
        setPasswordError(refused.fields.password);
        setFormError(refused.form);
      }
      setPending(false);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Delete your account?"
      description="This cannot be undone. You will be signed out on every device, and your messages will show “Deleted User” as their author."
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <FormError message={formError} />
        {owned && <OwnedCommunitiesNotice communityIds={owned} />}
        <Field label="Password" name="password" type="password" autoComplete="current-password" required autoFocus error={passwordError} />
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={pending}>
            {pending ? "Deleting…" : "Delete account"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
