"use client";

import { useEffect, useState } from "react";
import { useAppState } from "@/components/app/app-state";
import { Field } from "@/components/auth/field";
import { ImageUrlField } from "@/components/settings/image-upload";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { useConfirmation } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { SelectField } from "@/components/ui/select-field";
import { useToast } from "@/components/ui/toast";
import { endpoints } from "@/lib/api/endpoints";
import type { ChannelWithReadState, Community, CommunityMember, CommunityRole } from "@/lib/api/entities";
import { ApiRequestError, callApi, uploadFile } from "@/lib/api-client";
import { shortDuration } from "@/lib/format";
import { canSetRole, outranks } from "@/lib/permissions";
import { AuditLogPanel } from "./settings/audit-log-panel";
import { BansPanel } from "./settings/bans-panel";
import { ChannelWebhooks } from "./settings/channel-webhooks";
import { InvitesPanel } from "./settings/invites-panel";
import { PrivateChannelMembers } from "./settings/private-channel-members";

const TABS = { overview: "Overview", channels: "Channels", members: "Members", invites: "Invites", bans: "Bans", audit: "Audit log" } as const;
type Tab = keyof typeof TABS;

/** Slowmode choices, in seconds (0: off). */
const SLOWMODE = [0, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600].map((seconds) => ({
  value: String(seconds),
  label: seconds ? shortDuration(seconds) : "Off",
}));

function messageOf(error: unknown) {
  return error instanceof Error ? error.message : "Something went wrong";
}

function Overview({ community, onSaved }: { community: Community; onSaved: () => void }) {
  const { upsertCommunity } = useAppState();
  const toast = useToast();
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const text = (name: string) => String(form.get(name) ?? "").trim() || null;
        try {
          const updated = await callApi(endpoints.updateCommunity, {
            params: { id: community.id },
            body: {
              name: text("name") ?? "",
              description: text("description"),
              icon: text("icon"),
              color: text("color"),
              banner_url: text("banner_url"),
              is_public: form.get("is_public") === "on",
            },
          });
          upsertCommunity(updated);
          toast.success("Community updated");
          onSaved();
        } catch (error) {
          if (error instanceof ApiRequestError && error.fieldIssues().length) setErrors(Object.fromEntries(error.fieldIssues().map((i) => [i.path, i.message])));
          else toast.error(messageOf(error));
        }
      }}
    >
      <Field label="Name" name="name" defaultValue={community.name} required maxLength={100} error={errors.name} />
      <Field label="Description" name="description" defaultValue={community.description ?? ""} maxLength={1000} error={errors.description} />
      <ImageUrlField
        label="Icon URL"
        name="icon"
        initial={community.icon}
        error={errors.icon}
        uploadLabel="Upload icon"
        upload={async (file) => {
          const updated = await uploadFile(endpoints.uploadCommunityIcon, file, { params: { id: community.id } });
          upsertCommunity(updated);
          toast.success("Icon updated");
          return updated.icon;
        }}
      />
      <Field label="Banner URL" name="banner_url" type="url" defaultValue={community.banner_url ?? ""} error={errors.banner_url} />
      <Field label="Colour" name="color" defaultValue={community.color ?? ""} placeholder="#7c3aed" error={errors.color} />
      <label className="flex cursor-pointer items-start gap-3 rounded-md bg-rail px-3 py-2.5">
        <input type="checkbox" name="is_public" defaultChecked={community.is_public} className="mt-1" aria-describedby="is-public-hint" />
        <span>
          <span className="block text-sm text-strong">Public community (listed in Discover)</span>
          <span id="is-public-hint" className="block text-xs text-muted">
            Off: only people with an invite link, or added by an admin, can join.
          </span>
        </span>
      </label>
      <div className="flex justify-end">
        <Button type="submit">Save changes</Button>
      </div>
    </form>
  );
}

function Channels({ community }: { community: Community }) {
  const toast = useToast();
  const { ask, dialog } = useConfirmation();
  const [channels, setChannels] = useState<ChannelWithReadState[] | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [sharing, setSharing] = useState<ChannelWithReadState | null>(null);
  const [hooking, setHooking] = useState<ChannelWithReadState | null>(null);

  useEffect(() => {
    callApi(endpoints.listChannels, { params: { id: community.id } }).then(setChannels, (e) => toast.error(messageOf(e)));
  }, [community.id, toast]);

  if (!channels) return <p className="text-sm text-muted">Loading channels…</p>;
  return (
    <>
      <ul className="space-y-2">
        {channels.map((channel) => (
          <li key={channel.id} className="rounded-md bg-rail px-3 py-2">
            {editing === channel.id ? (
              <form
                className="flex items-end gap-2"
                onSubmit={async (event) => {
                  event.preventDefault();
                  const form = new FormData(event.currentTarget);
                  try {
                    const updated = await callApi(endpoints.updateChannel, {
                      params: { id: channel.id },
                      body: {
                        name: String(form.get("name") ?? "").trim(),
                        description: String(form.get("description") ?? "").trim() || null,
                        rate_limit_per_user: Number(form.get("rate_limit_per_user")),
                      },
                    });
                    setChannels((list) => list!.map((c) => (c.id === channel.id ? { ...c, ...updated } : c)));
                    setEditing(null);
                  } catch (error) {
                    toast.error(messageOf(error));
                  }
                }}
              >
                <div className="flex-1 space-y-2">
                  <Field label="Name" name="name" defaultValue={channel.name} maxLength={100} />
                  <Field label="Description" name="description" defaultValue={channel.description ?? ""} maxLength={1024} />
                  <SelectField
                    label="Slowmode"
                    name="rate_limit_per_user"
                    options={SLOWMODE}
                    defaultValue={String(channel.rate_limit_per_user)}
                    hint="How long members wait between messages. Owners and admins are exempt."
                  />
                </div>
                <Button type="submit" size="sm">
                  Save
                </Button>
              </form>
            ) : (
              <div className="flex items-center gap-2">
                <span className="min-w-0 flex-1 truncate">
                  {channel.type === "private" ? "🔒" : "#"} {channel.name} <span className="text-xs text-muted">({channel.type})</span>
                  {channel.rate_limit_per_user > 0 && <span className="ml-1 text-xs text-muted">· slowmode {shortDuration(channel.rate_limit_per_user)}</span>}
                </span>
                {channel.type === "private" && (
                  <Button size="sm" variant="secondary" onClick={() => setSharing(channel)}>
                    Members
                  </Button>
                )}
                {channel.type !== "voice" && (
                  <Button size="sm" variant="secondary" aria-label={`Webhooks of #${channel.name}`} onClick={() => setHooking(channel)}>
                    Webhooks
                  </Button>
                )}
                <Button size="sm" variant="secondary" onClick={() => setEditing(channel.id)}>
                  Edit
                </Button>
                <Button
                  size="sm"
                  variant="danger"
                  onClick={() =>
                    ask({
                      title: `Delete #${channel.name}`,
                      description: `#${channel.name} and all its messages will be deleted for everyone. This cannot be undone.`,
                      confirmLabel: "Delete channel",
                      run: async () => {
                        try {
                          await callApi(endpoints.deleteChannel, { params: { id: channel.id } });
                          setChannels((list) => list!.filter((c) => c.id !== channel.id));
                        } catch (error) {
                          toast.error(messageOf(error));
                        }
                      },
                    })
                  }
                >
                  Delete
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {dialog}
      <PrivateChannelMembers channel={sharing} onClose={() => setSharing(null)} />
      <ChannelWebhooks channel={hooking} onClose={() => setHooking(null)} />
    </>
  );
}

function Members({ community, role }: { community: Community; role: CommunityRole }) {
  const toast = useToast();
  const { ask, dialog } = useConfirmation();
  const [members, setMembers] = useState<CommunityMember[] | null>(null);

  useEffect(() => {
    callApi(endpoints.listMembers, { query: { community_id: community.id, limit: 100 } }).then(setMembers, (e) => toast.error(messageOf(e)));
  }, [community.id, toast]);

  if (!members) return <p className="text-sm text-muted">Loading members…</p>;

  async function setRole(target: CommunityMember, next: "admin" | "member") {
    try {
      const updated = await callApi(endpoints.updateMember, { params: { id: community.id, user_id: target.id }, body: { role: next } });
      setMembers((list) => list!.map((m) => (m.id === target.id ? updated : m)));
    } catch (error) {
      toast.error(messageOf(error));
    }
  }

  return (
    <>
      <ul className="max-h-96 space-y-1 overflow-y-auto">
        {members.map((member) => (
          <li key={member.id} className="flex items-center gap-3 rounded-md px-2 py-1.5 hover:bg-rail">
            <Avatar name={member.display_name} url={member.avatar_url} status={member.status} />
            <span className="min-w-0 flex-1 truncate">
              {member.display_name} <span className="text-xs text-muted">@{member.username} · {member.role}</span>
            </span>
            {canSetRole(role, member.role) && (
              <Button size="sm" variant="secondary" onClick={() => setRole(member, member.role === "admin" ? "member" : "admin")}>
                {member.role === "admin" ? "Demote" : "Make admin"}
              </Button>
            )}
            {outranks(role, member.role) && (
              <Button
                size="sm"
                variant="danger"
                onClick={() =>
                  ask({
                    title: `Kick ${member.display_name}`,
                    description: `${member.display_name} will be removed from ${community.name}. They can join again with an invite.`,
                    confirmLabel: "Kick",
                    run: async () => {
                      try {
                        await callApi(endpoints.kickMember, { params: { id: community.id, user_id: member.id } });
                        setMembers((list) => list!.filter((m) => m.id !== member.id));
                      } catch (error) {
                        toast.error(messageOf(error));
                      }
                    },
                  })
                }
              >
                Kick
              </Button>
            )}
          </li>
        ))}
      </ul>
      {dialog}
    </>
  );
}

export function CommunitySettingsDialog({ open, onClose, community, role }: { open: boolean; onClose: () => void; community: Community; role: CommunityRole }) {
  const [tab, setTab] = useState<Tab>("overview");
  return (
    <Dialog open={open} onClose={onClose} title="Community settings" description={community.name} wide>
      <div role="tablist" aria-label="Settings sections" className="mb-4 flex gap-1 overflow-x-auto border-b border-subtle">
        {(Object.entries(TABS) as [Tab, string][]).map(([value, label]) => (
          <button
            key={value}
            type="button"
            role="tab"
            aria-selected={tab === value}
            onClick={() => setTab(value)}
            className={`shrink-0 px-3 py-2 text-sm ${tab === value ? "border-b-2 border-aura-400 text-strong" : "text-muted hover:text-normal"}`}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === "overview" && <Overview community={community} onSaved={onClose} />}
        {tab === "channels" && <Channels community={community} />}
        {tab === "members" && <Members community={community} role={role} />}
        {tab === "invites" && <InvitesPanel community={community} />}
        {tab === "bans" && <BansPanel community={community} />}
        {tab === "audit" && <AuditLogPanel community={community} />}
      </div>
    </Dialog>
  );
}
