"use client";

import { useEffect, useState } from "react";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField } from "@/components/ui/select-field";
import { useToast } from "@/components/ui/toast";
import { endpoints } from "@/lib/api/endpoints";
import type { Channel, CommunityMember } from "@/lib/api/entities";
import { callApi } from "@/lib/api-client";
import { can } from "@/lib/permissions";

function messageOf(error: unknown) {
  return error instanceof Error ? error.message : "Something went wrong";
}

/**
 * Who reads a private channel: its members, whom owners and admins add and remove here, and the
 * owner and admins, who read every private channel and cannot be removed from one.
 */
export function PrivateChannelMembers({ channel, onClose }: { channel: Channel | null; onClose: () => void }) {
  const toast = useToast();
  const [readers, setReaders] = useState<CommunityMember[] | null>(null);
  const [community, setCommunity] = useState<CommunityMember[]>([]);
  const [adding, setAdding] = useState("");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!channel) return;
    setReaders(null);
    Promise.all([
      callApi(endpoints.listChannelMembers, { params: { id: channel.id }, query: { limit: 100 } }),
      callApi(endpoints.listMembers, { query: { community_id: channel.community_id, limit: 100 } }),
    ]).then(([channelReaders, members]) => {
      setReaders(channelReaders);
      setCommunity(members);
    }, (error) => toast.error(messageOf(error)));
  }, [channel, toast]);

  const readerIds = new Set(readers?.map((reader) => reader.id));
  const addable = community.filter((member) => !readerIds.has(member.id));

  async function add() {
    if (!channel || !adding) return;
    setBusy(true);
    try {
      const added = await callApi(endpoints.addChannelMember, { params: { id: channel.id }, body: { user_id: Number(adding) } });
      setReaders((list) => [...(list ?? []), added]);
      setAdding("");
    } catch (error) {
      toast.error(messageOf(error));
    } finally {
      setBusy(false);
    }
  }

  async function remove(member: CommunityMember) {
    if (!channel) return;
    try {
      await callApi(endpoints.removeChannelMember, { params: { id: channel.id, user_id: member.id } });
      setReaders((list) => list?.filter((reader) => reader.id !== member.id) ?? null);
    } catch (error) {
      toast.error(messageOf(error));
    }
  }

  return (
    <Dialog open={channel !== null} onClose={onClose} title={`Members of #${channel?.name ?? ""}`} description="Only these people can read this private channel.">
      {!readers ? (
        <p className="text-sm text-muted">Loading members…</p>
      ) : (
        <div className="space-y-4">
          <ul aria-label="Channel members" className="max-h-72 space-y-1 overflow-y-auto">
            {readers.map((reader) => (
              <li key={reader.id} className="flex items-center gap-3 rounded-md px-2 py-1.5 hover:bg-rail">
                <Avatar name={reader.display_name} url={reader.avatar_url} />
                <span className="min-w-0 flex-1 truncate">
                  {reader.display_name} <span className="text-xs text-muted">@{reader.username}</span>
                </span>
                {can(reader.role, "readPrivateChannels") ? (
                  <span className="text-xs text-muted">{reader.role === "owner" ? "Owner" : "Admin"}: reads every channel</span>
                ) : (
                  <Button size="sm" variant="secondary" onClick={() => remove(reader)}>
                    Remove
                  </Button>
                )}
              </li>
            ))}
          </ul>
          {addable.length > 0 && (
            <div className="flex items-end gap-2">
              <div className="flex-1">
                <SelectField
                  label="Add a member"
                  value={adding}
                  onChange={(event) => setAdding(event.target.value)}
                  options={[{ value: "", label: "Choose a community member…" }, ...addable.map((member) => ({ value: String(member.id), label: `${member.display_name} (@${member.username})` }))]}
                />
              </div>
              <Button disabled={!adding || busy} onClick={add}>
                Add
              </Button>
            </div>
          )}
        </div>
      )}
    </Dialog>
  );
}
