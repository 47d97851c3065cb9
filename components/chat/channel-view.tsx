"use client";

import { useMemo } from "react";
import { useUnread } from "@/components/app/unread-state";
import { useBlockedUsers } from "@/components/friends/blocked-users";
import type { Channel, CommunityRole, Message } from "@/lib/api/entities";
import { can } from "@/lib/permissions";
import { channelSource } from "./channel-source";
import { MessagePane } from "./pane/message-pane";
import { fromMessage, type Person } from "./types";
import { usePostingLimits } from "./use-posting-limits";

interface ChannelViewProps {
  channel: Channel;
  role: CommunityRole;
  initialMessages: Message[];
  /** Until when the viewer is timed out in this community (null: not). */
  timeoutUntil: string | null;
  /** Display names and avatars of members, shown instead of the username cached on a message. */
  people?: Map<number, Person>;
  onOpenProfile?: (userId: number) => void;
}

function postingBlockedReason(channel: Channel, role: CommunityRole): string | null {
  if (channel.type === "announcement" && role === "member") return "Only owners and admins can post in this announcement channel.";
  return null;
}

export function ChannelView({ channel, role, initialMessages, timeoutUntil, people, onOpenProfile }: ChannelViewProps) {
  const limits = usePostingLimits(channel, role, timeoutUntil);
  const source = useMemo(() => channelSource(channel.id), [channel.id]);
  const blocked = useBlockedUsers();
  const { channelUnread } = useUnread();

  return (
    <MessagePane
      source={source}
      conversation={`channel:${channel.id}`}
      initialMessages={initialMessages.map(fromMessage)}
      unreadAtOpen={channelUnread(channel.id)}
      people={people}
      hiddenAuthors={blocked}
      canModerate={role === "owner" || role === "admin"}
      canPin={can(role, "pinMessages")}
      placeholder={channel.type === "announcement" ? `Message #${channel.name} (announcement)` : `Message #${channel.name}`}
      disabledReason={postingBlockedReason(channel, role) ?? limits.timedOutReason}
      limits={limits}
      emptyTitle={`Welcome to #${channel.name}!`}
      emptyText={channel.description ?? "This is the start of the channel."}
      onOpenProfile={onOpenProfile}
    />
  );
}
