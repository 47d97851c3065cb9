"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { useAppState } from "@/components/app/app-state";
import { useUnread } from "@/components/app/unread-state";
import { ChatIcon, CompassIcon, PlusIcon } from "@/components/ui/icons";
import { onDemand, OnceOpened } from "@/components/ui/on-demand";
import type { Community } from "@/lib/api/entities";
import { initials } from "@/lib/format";

const CreateCommunityDialog = onDemand(() => import("@/components/community/create-community-dialog").then((m) => m.CreateCommunityDialog));

function RailItem({
  href, label, active, children, colour, unread = false, badge = 0, badgeNoun = "unread",
}: { href: string; label: string; active: boolean; children: React.ReactNode; colour?: string | null; unread?: boolean; badge?: number; badgeNoun?: "unread" | "mentions" }) {
  const pill = active ? "h-10" : unread ? "h-2" : "h-0";
  const state = [badge > 0 && `${badge} ${badge === 1 && badgeNoun === "mentions" ? "mention" : badgeNoun}`, unread && !badge && "unread messages"].filter(Boolean).join(", ");
  return (
    <li className="relative flex justify-center">
      <span aria-hidden className={`absolute top-1/2 left-0 w-1 -translate-y-1/2 rounded-r bg-strong transition-all ${pill}`} />
      <Link
        href={href}
        aria-current={active ? "page" : undefined}
        title={label}
        style={colour && !active ? { backgroundColor: colour } : undefined}
        className={`grid size-12 place-items-center overflow-hidden text-sm font-semibold transition-all focus-visible:outline-2 focus-visible:outline-aura-300 ${
          active ? "rounded-2xl bg-aura-600 text-white" : `rounded-3xl bg-raised hover:rounded-2xl hover:bg-aura-600 hover:text-white ${colour ? "text-white" : "text-strong"}`
        }`}
      >
        <span className="sr-only">
          {label}
          {state && ` (${state})`}
        </span>
        {children}
      </Link>
      {badge > 0 && (
        <span aria-hidden className="pointer-events-none absolute right-2 -bottom-0.5 min-w-5 rounded-full border-4 border-rail bg-red-600 px-1 text-center text-xs leading-3.5 font-bold text-white">
          {badge > 99 ? "99+" : badge}
        </span>
      )}
    </li>
  );
}

function CommunityIcon({ community }: { community: Community }) {
  if (community.icon) {
    // eslint-disable-next-line @next/next/no-img-element -- user-supplied icon URL
    return <img src={community.icon} alt="" aria-hidden className="size-full object-cover" referrerPolicy="no-referrer" />;
  }
  return <span aria-hidden>{initials(community.name)}</span>;
}

/** The left rail: home (DMs and friends), the user's communities, create and discover. */
export function CommunityRail() {
  const { communities } = useAppState();
  const { communityUnread, communityMentions, directUnread } = useUnread();
  const pathname = usePathname();
  const [creating, setCreating] = useState(false);

  return (
    <nav aria-label="Communities" className="flex w-[72px] shrink-0 flex-col items-center overflow-y-auto bg-rail py-3">
      <ul className="flex w-full flex-col gap-2">
        <RailItem href="/channels/me" label="Direct messages" active={pathname.startsWith("/channels/me")} badge={directUnread}>
          <ChatIcon className="size-6" />
        </RailItem>
        <li aria-hidden className="mx-auto h-0.5 w-8 rounded bg-raised" />
        {communities.map((community) => (
          <RailItem
            key={community.id}
            href={`/channels/${community.id}`}
            label={community.name}
            colour={community.color}
            unread={communityUnread(community.id)}
            badge={communityMentions(community.id)}
            badgeNoun="mentions"
            active={pathname === `/channels/${community.id}` || pathname.startsWith(`/channels/${community.id}/`)}
          >
            <CommunityIcon community={community} />
          </RailItem>
        ))}
        <li className="flex justify-center">
          <button
            type="button"
            onClick={() => setCreating(true)}
            aria-label="Create a community"
            title="Create a community"
            className="grid size-12 place-items-center rounded-3xl bg-raised text-emerald-400 transition-all hover:rounded-2xl hover:bg-emerald-600 hover:text-white focus-visible:outline-2 focus-visible:outline-aura-300"
          >
            <PlusIcon className="size-6" />
          </button>
        </li>
        <RailItem href="/channels/discover" label="Discover communities" active={pathname === "/channels/discover"}>
          <CompassIcon className="size-6" />
        </RailItem>
      </ul>
      <OnceOpened open={creating}>
        <CreateCommunityDialog open={creating} onClose={() => setCreating(false)} />
      </OnceOpened>
    </nav>
  );
}
