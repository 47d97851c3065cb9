"use client";

import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { endpoints } from "@/lib/api/endpoints";
import type { Community, CommunityBan } from "@/lib/api/entities";
import { callApi } from "@/lib/api-client";
import { localMoment } from "@/lib/format";
import { useList } from "./use-list";

/** Who is banned and why; a ban can be lifted. */
export function BansPanel({ community }: { community: Community }) {
  const toast = useToast();
  const { items: bans, remove } = useList(() => callApi(endpoints.listBans, { params: { id: community.id }, query: { limit: 100 } }), community.id);

  async function unban(ban: CommunityBan) {
    try {
      await callApi(endpoints.unbanMember, { params: { id: community.id, user_id: ban.user.id } });
      remove((b) => b.user.id !== ban.user.id);
      toast.success(`${ban.user.display_name} was unbanned`);
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Could not lift the ban");
    }
  }

  if (!bans) return <p className="text-sm text-muted">Loading bans…</p>;
  if (bans.length === 0) return <p className="text-sm text-muted">Nobody is banned.</p>;
  return (
    <ul aria-label="Bans" className="max-h-96 space-y-1 overflow-y-auto">
      {bans.map((ban) => (
        <li key={ban.user.id} className="flex items-center gap-3 rounded-md px-2 py-1.5 hover:bg-rail">
          <Avatar name={ban.user.display_name} url={ban.user.avatar_url} />
          <span className="min-w-0 flex-1">
            <span className="block truncate">
              {ban.user.display_name} <span className="text-xs text-muted">@{ban.user.username} · {localMoment(ban.created_at)}</span>
            </span>
            <span className="block truncate text-xs text-muted">{ban.reason ? `Reason: ${ban.reason}` : "No reason given"}</span>
          </span>
          <Button size="sm" variant="secondary" aria-label={`Unban ${ban.user.display_name}`} onClick={() => void unban(ban)}>
            Unban
          </Button>
        </li>
      ))}
    </ul>
  );
}
