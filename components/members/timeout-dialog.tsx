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
import { TIMEOUT_CHOICES } from "@/lib/moderation";

const OPTIONS = TIMEOUT_CHOICES.map((choice) => ({ value: String(choice.seconds), label: choice.label }));

/** Time a member out: they can read but not send, edit or react until it ends. */
export function TimeoutDialog({ communityId, member, onClose }: { communityId: number; member: CommunityMember | null; onClose: () => void }) {
  const toast = useToast();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(form: FormData) {
    if (!member) return;
    const seconds = Number(form.get("duration"));
    const reason = String(form.get("reason") ?? "").trim();
    setPending(true);
    setError(null);
    try {
      await callApi(endpoints.updateMember, {
        params: { id: communityId, user_id: member.id },
        body: { timeout_until: new Date(Date.now() + seconds * 1000).toISOString(), ...(reason ? { reason } : {}) },
      });
      toast.success(`${member.display_name} was timed out`);
      onClose();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : "Could not time the member out");
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog
      open={member !== null}
      onClose={onClose}
      title={`Time out ${member?.display_name ?? ""}`}
      description="They can still read, but cannot send messages, edit, react or type until the timeout ends."
    >
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          void submit(new FormData(event.currentTarget));
        }}
      >
        <SelectField label="Duration" name="duration" options={OPTIONS} defaultValue={String(TIMEOUT_CHOICES[1].seconds)} />
        <Field label="Reason" name="reason" maxLength={512} hint="Optional. Recorded in the audit log." autoComplete="off" />
        {error && (
          <p role="alert" className="text-sm text-red-400">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            Time out
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
