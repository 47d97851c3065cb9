"use client";

import { useState } from "react";
import { Field } from "@/components/auth/field";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField } from "@/components/ui/select-field";
import { useToast } from "@/components/ui/toast";
import { endpoints } from "@/lib/api/endpoints";
import type { CommunityMember } from "@/lib/api/entities";
import { callApi } from "@/lib/api-client";
import { BAN_DELETE_CHOICES } from "@/lib/moderation";

const OPTIONS = BAN_DELETE_CHOICES.map((choice) => ({ value: String(choice.seconds), label: choice.label }));

/** Confirm a ban: the member leaves at once and cannot come back, even with an invite. */
export function BanDialog({ communityId, communityName, member, onClose }: { communityId: number; communityName: string; member: CommunityMember | null; onClose: () => void }) {
  const toast = useToast();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(form: FormData) {
    if (!member) return;
    const reason = String(form.get("reason") ?? "").trim();
    setPending(true);
    setError(null);
    try {
      await callApi(endpoints.banMember, {
        params: { id: communityId, user_id: member.id },
        body: { delete_message_seconds: Number(form.get("delete_message_seconds")), ...(reason ? { reason } : {}) },
      });
      toast.success(`${member.display_name} was banned`);
      onClose();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : "Could not ban the member");
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog
      open={member !== null}
      onClose={onClose}
      title={`Ban ${member?.display_name ?? ""}?`}
      description={`They leave ${communityName} at once and cannot join again, even with an invite, until unbanned.`}
    >
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          void submit(new FormData(event.currentTarget));
        }}
      >
        <SelectField label="Delete messages from the last" name="delete_message_seconds" options={OPTIONS} defaultValue="0" />
        <Field label="Reason" name="reason" maxLength={512} hint="Optional. Shown in the ban list and the audit log." autoComplete="off" />
        {error && (
          <p role="alert" className="text-sm text-red-400">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={pending}>
            Ban
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
