"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useAppState } from "@/components/app/app-state";
import { Field } from "@/components/auth/field";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { endpoints } from "@/lib/api/endpoints";
import type { Channel, Community, CommunityRole } from "@/lib/api/entities";
import { ApiRequestError, callApi } from "@/lib/api-client";
import { can } from "@/lib/permissions";
import { CommunitySettingsDialog } from "./community-settings-dialog";
import { InviteDialog } from "./invite-dialog";

export type CommunityDialog = "invite" | "channel" | "member" | "leave" | "delete" | "settings";

const CHANNEL_TYPES: { value: Channel["type"]; label: string; hint: string }[] = [
  { value: "text", label: "Text", hint: "Messages, links and replies" },
  { value: "announcement", label: "Announcement", hint: "Only owners and admins post" },
  { value: "private", label: "Private", hint: "Only members you add can see it" },
  { value: "voice", label: "Voice", hint: "No text messages" },
];

function fieldErrors(error: unknown): Record<string, string> {
  return error instanceof ApiRequestError ? Object.fromEntries(error.fieldIssues().map((i) => [i.path, i.message])) : {};
}

/** What the community menu opens: one dialog at a time, `open` names it. */
export function CommunityDialogs({ community, role, open, onClose }: { community: Community; role: CommunityRole | null; open: CommunityDialog | null; onClose: () => void }) {
  const router = useRouter();
  const toast = useToast();
  const { removeCommunity } = useAppState();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const [shown, setShown] = useState(open);
  if (shown !== open) {
    // Each dialog opens without the errors of the last one.
    setShown(open);
    setErrors({});
  }

  async function run(work: () => Promise<void>) {
    setPending(true);
    try {
      await work();
    } catch (error) {
      setErrors(fieldErrors(error));
      if (!Object.keys(fieldErrors(error)).length) toast.error(error instanceof Error ? error.message : "Something went wrong");
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <Dialog open={open === "channel"} onClose={onClose} title="Create channel" description={`in ${community.name}`}>
        <form
          noValidate
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            const form = new FormData(event.currentTarget);
            void run(async () => {
              const channel = await callApi(endpoints.createChannel, {
                params: { id: community.id },
                body: { name: String(form.get("name") ?? "").trim(), type: CHANNEL_TYPES.find((type) => type.value === form.get("type"))?.value, description: String(form.get("description") ?? "").trim() || undefined },
              });
              onClose();
              router.push(`/channels/${community.id}/${channel.id}`);
            });
          }}
        >
          <fieldset>
            <legend className="mb-1.5 text-xs font-bold tracking-wide text-muted uppercase">Channel type</legend>
            {CHANNEL_TYPES.map(({ value, label, hint }) => (
              <label key={value} className="mb-1 flex cursor-pointer items-center gap-3 rounded-md bg-rail px-3 py-2">
                <input type="radio" name="type" value={value} defaultChecked={value === "text"} />
                <span>
                  <span className="block text-sm text-strong">{label}</span>
                  <span className="block text-xs text-muted">{hint}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <Field label="Channel name" name="name" required maxLength={100} placeholder="new-channel" error={errors.name} />
          <Field label="Description" name="description" maxLength={1024} error={errors.description} />
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              Create channel
            </Button>
          </div>
        </form>
      </Dialog>

      <Dialog open={open === "member"} onClose={onClose} title="Add member" description={`Add someone to ${community.name} by their username.`}>
        <form
          noValidate
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            const username = String(new FormData(event.currentTarget).get("username") ?? "").trim();
            void run(async () => {
              await callApi(endpoints.addMember, { body: { community_id: community.id, username } });
              toast.success(`${username} was added to ${community.name}`);
              onClose();
            });
          }}
        >
          <Field label="Username" name="username" required error={errors.username} />
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              Add
            </Button>
          </div>
        </form>
      </Dialog>

      <Dialog open={open === "leave"} onClose={onClose} title={`Leave ${community.name}`} description="You will need to join again to see its channels.">
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            variant="danger"
            disabled={pending}
            onClick={() =>
              void run(async () => {
                await callApi(endpoints.leaveCommunity, { params: { id: community.id } });
                onClose();
                removeCommunity(community.id);
                router.push("/channels/me");
              })
            }
          >
            Leave community
          </Button>
        </div>
      </Dialog>

      <Dialog open={open === "delete"} onClose={onClose} title={`Delete ${community.name}`} description="Every channel and message in it will be deleted for everyone. This cannot be undone.">
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            const typed = String(new FormData(event.currentTarget).get("confirm") ?? "");
            if (typed !== community.name) return setErrors({ confirm: "Type the community's name exactly" });
            void run(async () => {
              await callApi(endpoints.deleteCommunity, { params: { id: community.id } });
              onClose();
              removeCommunity(community.id);
              router.push("/channels/me");
            });
          }}
        >
          <Field label={`Type "${community.name}" to confirm`} name="confirm" autoComplete="off" error={errors.confirm} />
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={pending}>
              Delete community
            </Button>
          </div>
        </form>
      </Dialog>

      <InviteDialog community={community} open={open === "invite"} onClose={onClose} />
      {role && can(role, "editCommunity") && <CommunitySettingsDialog open={open === "settings"} onClose={onClose} community={community} role={role} />}
    </>
  );
}
