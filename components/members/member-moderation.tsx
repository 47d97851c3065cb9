"use client";

import { useState } from "react";
import { useBefore } from "@/components/app/use-deadline";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { endpoints } from "@/lib/api/endpoints";
import type { CommunityMember, CommunityRole } from "@/lib/api/entities";
import { callApi } from "@/lib/api-client";
import { localMoment } from "@/lib/format";
import { outranks } from "@/lib/permissions";

export type ModerationKind = "timeout" | "ban";

interface MemberModerationProps {
  communityId: number;
  viewerRole: CommunityRole;
  member: CommunityMember;
  /** Time out or ban: the caller opens the matching dialog. */
  onChoose: (kind: ModerationKind) => void;
}

/** In a member's profile, for a viewer who outranks them: time out (or end the timeout) and ban. */
export function MemberModeration({ communityId, viewerRole, member, onChoose }: MemberModerationProps) {
  const toast = useToast();
  const timedOut = useBefore(member.timeout_until);
  const [pending, setPending] = useState(false);
  if (!outranks(viewerRole, member.role)) return null;

  async function removeTimeout() {
    setPending(true);
    try {
      await callApi(endpoints.updateMember, { params: { id: communityId, user_id: member.id }, body: { timeout_until: null } });
      toast.success(`${member.display_name}'s timeout was removed`);
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Could not remove the timeout");
    } finally {
      setPending(false);
    }
  }

  return (
    <section aria-label="Moderation" className="space-y-2 border-t border-subtle pt-4">
      <h3 className="text-xs font-bold tracking-wide text-muted uppercase">Moderation</h3>
      {timedOut && member.timeout_until && <p className="text-sm text-amber-700 dark:text-amber-400">Timed out until {localMoment(member.timeout_until)}</p>}
      <div className="flex flex-wrap gap-2">
        {timedOut ? (
          <Button variant="secondary" disabled={pending} onClick={() => void removeTimeout()}>
            Remove timeout
          </Button>
        ) : (
          <Button variant="secondary" onClick={() => onChoose("timeout")}>
            Time out
          </Button>
        )}
        <Button variant="danger" onClick={() => onChoose("ban")}>
          Ban
        </Button>
      </div>
    </section>
  );
}
