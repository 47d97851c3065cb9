"use client";

import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { endpoints } from "@/lib/api/endpoints";
import type { Community, Invite } from "@/lib/api/entities";
import { callApi } from "@/lib/api-client";
import { localMoment } from "@/lib/format";
import { useList } from "./use-list";

/** The community's usable invites; any can be revoked. */
export function InvitesPanel({ community }: { community: Community }) {
  const toast = useToast();
  const { items: invites, remove } = useList(() => callApi(endpoints.listInvites, { params: { id: community.id } }), community.id);

  async function revoke(invite: Invite) {
    try {
      await callApi(endpoints.deleteInvite, { params: { code: invite.code } });
      remove((i) => i.code !== invite.code);
      toast.success(`Invite ${invite.code} revoked`);
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Could not revoke the invite");
    }
  }

  if (!invites) return <p className="text-sm text-muted">Loading invites…</p>;
  if (invites.length === 0) return <p className="text-sm text-muted">No active invites. Anyone can create one with “Invite people” in the community menu.</p>;
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Active invites</caption>
      <thead className="text-xs tracking-wide text-muted uppercase">
        <tr>
          <th className="py-1 font-bold">Code</th>
          <th className="py-1 font-bold">Inviter</th>
          <th className="py-1 font-bold">Uses</th>
          <th className="py-1 font-bold">Expires</th>
          <th className="py-1">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {invites.map((invite) => (
          <tr key={invite.code} className="border-t border-subtle">
            <td className="py-2 font-mono">{invite.code}</td>
            <td className="truncate py-2">{invite.inviter?.display_name ?? "Deleted User"}</td>
            <td className="py-2">
              {invite.uses} / {invite.max_uses || "∞"}
            </td>
            <td className="py-2">{invite.expires_at ? localMoment(invite.expires_at) : "Never"}</td>
            <td className="py-2 text-right">
              <Button size="sm" variant="danger" aria-label={`Revoke invite ${invite.code}`} onClick={() => void revoke(invite)}>
                Revoke
              </Button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
