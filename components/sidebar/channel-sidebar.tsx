"use client";

import Link, { useLinkStatus } from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { isMuted, useUnread } from "@/components/app/unread-state";
import { CommunityMenu } from "@/components/community/community-menu";
import { useRealtimeEvent } from "@/components/realtime/realtime-provider";
import { HashIcon, LockIcon, MegaphoneIcon, VolumeIcon } from "@/components/ui/icons";
import { VoiceRoster } from "@/components/voice/voice-roster";
import { useVoiceRosters } from "@/components/voice/voice-provider";
import type { Channel, ChannelWithReadState, Community } from "@/lib/api/entities";

const GROUPS: { title: string; types: Channel["type"][] }[] = [
  { title: "Text channels", types: ["text", "announcement", "private"] },
  { title: "Voice channels", types: ["voice"] },
];

/** A channel's type as the sidebar draws it (the mentions inbox too). */
export function ChannelIcon({ type, className = "size-5 shrink-0 text-muted" }: { type: Channel["type"]; className?: string }) {
  if (type === "private") return <LockIcon className={className} />;
  if (type === "announcement") return <MegaphoneIcon className={className} />;
  if (type === "voice") return <VolumeIcon className={className} />;
  return <HashIcon className={className} />;
}

/**
 * Pulses in a channel's link while its page loads. The channel route has no loading.tsx: its
 * streamed skeleton made every first load show the messages only after React's reveal delay.
 */
function PendingMark() {
  const { pending } = useLinkStatus();
  return pending ? <span aria-hidden className="size-2 shrink-0 animate-pulse rounded-full bg-current" /> : null;
}

/** Red with the count of mentions, as in Discord; without any, a quieter count of unread messages. */
function UnreadBadge({ unread, mentions }: { unread: number; mentions: number }) {
  const count = (n: number) => (n > 99 ? "99+" : n);
  if (mentions > 0) {
    return (
      <span className="rounded-full bg-red-600 px-1.5 text-xs font-bold text-white" aria-label={`${mentions} ${mentions === 1 ? "mention" : "mentions"}, ${unread} unread`}>
        {count(mentions)}
      </span>
    );
  }
  return (
    <span className="rounded-full bg-raised px-1.5 text-xs font-bold text-muted" aria-label={`${unread} unread`}>
      {count(unread)}
    </span>
  );
}

function sortChannels(channels: ChannelWithReadState[]) {
  return [...channels].sort((a, b) => a.position - b.position || a.id - b.id);
}

/**
 * A community's channels by type, private ones marked, unread ones bold with a count
 * (unread-state.tsx), and who is in each voice channel, all live.
 */
export function ChannelSidebar({ community, channels: initial, activeChannelId }: { community: Community; channels: ChannelWithReadState[]; activeChannelId: number | null }) {
  const { channelUnread, channelMentions, channelSetting } = useUnread();
  const router = useRouter();
  const [channels, setChannels] = useState(initial);
  const [syncedFrom, setSyncedFrom] = useState(initial);
  if (syncedFrom !== initial) {
    // A server navigation brought fresher data.
    setSyncedFrom(initial);
    setChannels(initial);
  }

  const upsert = (channel: Channel) => {
    if (channel.community_id !== community.id) return;
    setChannels((list) =>
      list.some((c) => c.id === channel.id)
        ? list.map((c) => (c.id === channel.id ? { ...c, ...channel } : c))
        : [...list, { ...channel, unread_count: 0, last_message_id: null, mention_count: 0 }],
    );
  };
  useRealtimeEvent("channel_created", upsert);
  useRealtimeEvent("channel_updated", upsert);
  useRealtimeEvent("channel_deleted", ({ id }) => {
    setChannels((list) => list.filter((c) => c.id !== id));
    if (id === activeChannelId) router.push(`/channels/${community.id}`);
  });
  useVoiceRosters(channels.filter((c) => c.type === "voice").map((c) => c.id));
  return (
    <>
      <CommunityMenu community={community} />
      <nav aria-label={`${community.name} channels`} className="min-h-0 flex-1 overflow-y-auto px-2 py-3">
        {GROUPS.map((group) => {
          const list = sortChannels(channels.filter((c) => group.types.includes(c.type)));
          if (list.length === 0) return null;
          return (
            <section key={group.title} className="mb-4">
              <h2 className="px-2 pb-1 text-xs font-bold tracking-wide text-muted uppercase">{group.title}</h2>
              <ul className="space-y-0.5">
                {list.map((channel) => {
                  const active = channel.id === activeChannelId;
                  const unreadCount = channelUnread(channel.id);
                  const unread = !active && unreadCount > 0;
                  const mentionCount = active ? 0 : channelMentions(channel.id);
                  const muted = isMuted(channelSetting(channel.id));
                  return (
                    <li key={channel.id}>
                      <Link
                        href={`/channels/${community.id}/${channel.id}`}
                        aria-current={active ? "page" : undefined}
                        className={`flex items-center gap-1.5 rounded-md px-2 py-1.5 transition ${
                          active ? "bg-raised text-strong" : unread ? "font-semibold text-strong hover:bg-raised/60" : "text-muted hover:bg-raised/60 hover:text-normal"
                        } ${muted && !active ? "opacity-50" : ""}`}
                      >
                        <ChannelIcon type={channel.type} />
                        <span className="min-w-0 flex-1 truncate">{channel.name}</span>
                        {channel.type === "private" && <span className="sr-only">(private)</span>}
                        {muted && <span className="sr-only">(muted)</span>}
                        <PendingMark />
                        {unread && <UnreadBadge unread={unreadCount} mentions={mentionCount} />}
                      </Link>
                      {channel.type === "voice" && <VoiceRoster channelId={channel.id} channelName={channel.name} />}
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
      </nav>
    </>
  );
}
