"use client";

import { AppTag } from "@/components/ui/app-tag";
import { Avatar } from "@/components/ui/avatar";
import type { CommunityMember } from "@/lib/api/entities";
import { TimedOutBadge } from "./timed-out-badge";

const GROUPS: { role: CommunityMember["role"]; title: string }[] = [
  { role: "owner", title: "Owner" },
  { role: "admin", title: "Admins" },
  { role: "member", title: "Members" },
];

/** Members grouped by role, online ones first; an APP tag marks bots, a clock those timed out. */
export function MemberList({ members, onOpenProfile }: { members: CommunityMember[]; onOpenProfile?: (userId: number) => void }) {
  return (
    <div className="px-2 py-4">
      {GROUPS.map((group) => {
        const list = members
          .filter((m) => m.role === group.role)
          .sort((a, b) => Number(a.status === "offline") - Number(b.status === "offline") || a.display_name.localeCompare(b.display_name));
        if (list.length === 0) return null;
        return (
          <section key={group.role} className="mb-4">
            <h2 className="px-2 pb-1 text-xs font-bold tracking-wide text-muted uppercase">
              {group.title} — {list.length}
            </h2>
            <ul>
              {list.map((member) => (
                <li key={member.id}>
                  <button
                    type="button"
                    onClick={() => onOpenProfile?.(member.id)}
                    className="flex w-full items-center gap-2.5 rounded-md px-2 py-1.5 text-left hover:bg-raised/60"
                  >
                    {/* Offline members get a muted name (and the status dot), never a faded, unreadable one. */}
                    <Avatar name={member.display_name} url={member.avatar_url} status={member.status} size={32} />
                    <span className="min-w-0 flex-1 leading-tight">
                      <span className="flex items-center gap-1.5">
                        <span className={`truncate text-sm font-medium ${member.status === "offline" ? "text-muted" : "text-normal"}`}>{member.display_name}</span>
                        {member.is_bot && <AppTag />}
                      </span>
                      {member.custom_status && <span className="block truncate text-xs text-muted">{member.custom_status}</span>}
                    </span>
                    <TimedOutBadge until={member.timeout_until} />
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
