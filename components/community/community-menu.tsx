"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useAppState } from "@/components/app/app-state";
import { Field } from "@/components/auth/field";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { endpoints } from "@/lib/api/endpoints";
import { channelTypeSchema, type Community } from "@/lib/api/entities";
import { ApiRequestError, callApi } from "@/lib/api-client";
import { can } from "@/lib/permissions";
import { CommunitySettingsDialog } from "./community-settings-dialog";
import { InviteDialog } from "./invite-dialog";

type Open = null | "invite" | "channel" | "member" | "leave" | "delete" | "settings";

function fieldErrors(error: unknown): Record<string, string> {
  return error instanceof ApiRequestError ? Object.fromEntries(error.fieldIssues().map((i) => [i.path, i.message])) : {};
}

/** The community's name as a menu: invite people; create channel, add member and settings for owners and admins; leave; delete for the owner. */
export function CommunityMenu({ community }: { community: Community }) {
  const router = useRouter();
  const toast = useToast();
  const { communities, removeCommunity } = useAppState();
  const role = communities.find((c) => c.id === community.id)?.role ?? community.role;
  const [menuOpen, setMenuOpen] = useState(false);
  const [open, setOpen] = useState<Open>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!menuOpen) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !menu.current?.contains(event.target as Node)) setMenuOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [menuOpen]);

  function show(dialog: Open) {
    setMenuOpen(false);
    setErrors({});
    setOpen(dialog);
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

  const items: { key: Open; label: string; danger?: boolean }[] = [
    { key: "invite", label: "Invite people" },
    ...(can(role, "manageChannels") ? [{ key: "channel" as Open, label: "Create channel" }] : []),
    ...(can(role, "addMembers") ? [{ key: "member" as Open, label: "Add member" }] : []),
    ...(can(role, "editCommunity") ? [{ key: "settings" as Open, label: "Community settings" }] : []),
    ...(can(role, "deleteCommunity") ? [{ key: "delete" as Open, label: "Delete community", danger: true }] : [{ key: "leave" as Open, label: "Leave community", danger: true }]),
  ];

  return (
    <div ref={menu} className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={menuOpen}
        onClick={() => setMenuOpen(!menuOpen)}
        className="flex h-12 w-full items-center justify-between border-b border-subtle px-4 font-semibold text-strong shadow-sm hover:bg-raised/40"
      >
        <span className="truncate">{community.name}</span>
        <span aria-hidden className="text-muted">{menuOpen ? "✕" : "⌄"}</span>
      </button>
      {menuOpen && (
        <ul role="menu" aria-label={`${community.name} options`} className="absolute inset-x-2 top-12 z-10 rounded-md bg-rail p-1.5 shadow-xl">
          {items.map((item) => (
            <li key={item.key} role="none">
              <button
                type="button"
                role="menuitem"
                onClick={() => show(item.key)}
                className={`w-full rounded px-2 py-1.5 text-left text-sm ${item.danger ? "text-red-400 hover:bg-red-500 hover:text-white" : "hover:bg-aura-600 hover:text-white"}`}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}

      <Dialog open={open === "channel"} onClose={() => setOpen(null)} title="Create channel" description={`in ${community.name}`}>
        <form
          noValidate
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            const form = new FormData(event.currentTarget);
            void run(async () => {
              const channel = await callApi(endpoints.createChannel, {
                params: { id: community.id },
                body: { name: String(form.get("name") ?? "").trim(), type: channelTypeSchema.options.find((type) => type === form.get("type")), description: String(form.get("description") ?? "").trim() || undefined },
              });
              setOpen(null);
              router.push(`/channels/${community.id}/${channel.id}`);
            });
          }}
        >
          <fieldset>
            <legend className="mb-1.5 text-xs font-bold tracking-wide text-muted uppercase">Channel type</legend>
            {[
              ["text", "Text", "Messages, links and replies"],
              ["announcement", "Announcement", "Only owners and admins post"],
              ["private", "Private", "Only members you add can see it"],
              ["voice", "Voice", "No text messages"],
            ].map(([value, label, hint]) => (
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
            <Button variant="ghost" onClick={() => setOpen(null)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              Create channel
            </Button>
          </div>
        </form>
      </Dialog>

      <Dialog open={open === "member"} onClose={() => setOpen(null)} title="Add member" description={`Add someone to ${community.name} by their username.`}>
        <form
          noValidate
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            const username = String(new FormData(event.currentTarget).get("username") ?? "").trim();
            void run(async () => {
              await callApi(endpoints.addMember, { body: { community_id: community.id, username } });
              toast.success(`${username} was added to ${community.name}`);
              setOpen(null);
            });
          }}
        >
          <Field label="Username" name="username" required error={errors.username} />
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={() => setOpen(null)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              Add
            </Button>
          </div>
        </form>
      </Dialog>

      <Dialog open={open === "leave"} onClose={() => setOpen(null)} title={`Leave ${community.name}`} description="You will need to join again to see its channels.">
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={() => setOpen(null)}>
            Cancel
          </Button>
          <Button
            variant="danger"
            disabled={pending}
            onClick={() =>
              void run(async () => {
                await callApi(endpoints.leaveCommunity, { params: { id: community.id } });
                setOpen(null);
                removeCommunity(community.id);
                router.push("/channels/me");
              })
            }
          >
            Leave community
          </Button>
        </div>
      </Dialog>

      <Dialog open={open === "delete"} onClose={() => setOpen(null)} title={`Delete ${community.name}`} description="Every channel and message in it will be deleted for everyone. This cannot be undone.">
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            const typed = String(new FormData(event.currentTarget).get("confirm") ?? "");
            if (typed !== community.name) return setErrors({ confirm: "Type the community's name exactly" });
            void run(async () => {
              await callApi(endpoints.deleteCommunity, { params: { id: community.id } });
              setOpen(null);
              removeCommunity(community.id);
              router.push("/channels/me");
            });
          }}
        >
          <Field label={`Type "${community.name}" to confirm`} name="confirm" autoComplete="off" error={errors.confirm} />
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={() => setOpen(null)}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={pending}>
              Delete community
            </Button>
          </div>
        </form>
      </Dialog>

      <InviteDialog community={community} open={open === "invite"} onClose={() => setOpen(null)} />
      {can(role, "editCommunity") && <CommunitySettingsDialog open={open === "settings"} onClose={() => setOpen(null)} community={community} role={role!} />}
    </div>
  );
}
