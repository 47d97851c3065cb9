"use client";

import { usePathname } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { useBlockedUsers } from "@/components/friends/blocked-users";
import { useRealtime, useRealtimeEvent } from "@/components/realtime/realtime-provider";
import type { UnreadSummary } from "@/lib/api/entities";
import { endpoints } from "@/lib/api/endpoints";
import { callApi } from "@/lib/api-client";

interface ChannelUnread {
  communityId: number;
  count: number;
  /** Unread messages that mention the viewer (or pinged everyone). */
  mentions: number;
}

interface UnreadState {
  /** Others' messages after the read position in a channel (0 for an unknown one). */
  channelUnread: (channelId: number) => number;
  /** Whether any channel of the community has unread messages. */
  communityUnread: (communityId: number) => boolean;
  /** Unread mentions of the viewer in a channel, and over a community's channels. */
  channelMentions: (channelId: number) => number;
  communityMentions: (communityId: number) => number;
  /** Unread DMs, over every conversation. */
  directUnread: number;
  /** Unread DMs from one peer. */
  conversationUnread: (peerId: number) => number;
}

const UnreadContext = createContext<UnreadState | null>(null);

function fromSummary(summary: UnreadSummary) {
  return {
    channels: new Map(summary.channels.map((c) => [c.channel_id, { communityId: c.community_id, count: c.unread_count, mentions: c.mention_count }])),
    direct: new Map(summary.direct_messages.map((d) => [d.user_id, d.unread_count])),
  };
}

/** The open channel or conversation: what arrives there is read at once. */
function openStream(pathname: string): { channelId: number | null; peerId: number | null } {
  const dm = /^\/channels\/me\/(\d+)$/.exec(pathname);
  const channel = /^\/channels\/(\d+)\/(\d+)$/.exec(pathname);
  return { channelId: channel ? Number(channel[2]) : null, peerId: dm ? Number(dm[1]) : null };
}

/**
 * What the user has not read, across pages: per channel (the sidebar's counts, the rail's marker
 * per community) and per conversation (the home icon's count). Loaded with the page, kept live by
 * events, and reloaded after a reconnection that could not replay what was missed.
 */
export function UnreadProvider({ me, initial, children }: { me: number; initial: UnreadSummary; children: React.ReactNode }) {
  const pathname = usePathname();
  const { channelId: openChannel, peerId: openPeer } = openStream(pathname);
  const { connection } = useRealtime();
  const [state, setState] = useState(() => fromSummary(initial));
  const blocked = useBlockedUsers();

  const reload = useCallback(() => {
    callApi(endpoints.unreadSummary).then((summary) => setState(fromSummary(summary)), () => undefined);
  }, []);
  const wasConnected = useRef(false);
  useEffect(() => {
    if (connection === "connected" && wasConnected.current) reload();
    if (connection === "connected") wasConnected.current = true;
  }, [connection, reload]);

  const setChannel = (channelId: number, update: (current: ChannelUnread | undefined) => ChannelUnread | undefined) =>
    setState(({ channels, direct }) => {
      const next = new Map(channels);
      const value = update(channels.get(channelId));
      if (value) next.set(channelId, value);
      else next.delete(channelId);
      return { channels: next, direct };
    });
  const setDirect = (peerId: number, update: (current: number) => number) =>
    setState(({ channels, direct }) => ({ channels, direct: new Map(direct).set(peerId, update(direct.get(peerId) ?? 0)) }));

  useRealtimeEvent("message_sent", (message) => {
    if (message.sender_id === me || message.channel_id === openChannel) return;
    // A channel of a community joined since the page loaded: ask for the whole picture.
    if (!state.channels.has(message.channel_id)) return reload();
    // A blocked user's mention does not count, as the server does not count it either.
    const mention = !blocked.has(message.sender_id) && (message.mention_everyone || message.mentions.includes(me));
    setChannel(message.channel_id, (current) => current && { ...current, count: current.count + 1, mentions: current.mentions + (mention ? 1 : 0) });
  });
  useRealtimeEvent("direct_message_sent", (message) => {
    if (message.sender_id === me || message.sender_id === openPeer) return;
    setDirect(message.sender_id, (count) => count + 1);
  });
  useRealtimeEvent("message_read", (event) => {
    if ("channel_id" in event) setChannel(event.channel_id, (current) => current && { ...current, count: 0, mentions: 0 });
    // The same event tells both sides of a conversation that one of them read it: ask which.
    else reload();
  });
  // "Mark unread" in another tab (or this one): the count the server now has; which of those
  // messages mention the viewer only the server knows.
  useRealtimeEvent("message_unread", (event) => {
    if ("channel_id" in event) {
      setChannel(event.channel_id, (current) => current && { ...current, count: event.unread_count });
      reload();
    } else setDirect(event.user_id, () => event.unread_count);
  });
  useRealtimeEvent("channel_created", (channel) => setChannel(channel.id, (current) => current ?? { communityId: channel.community_id, count: 0, mentions: 0 }));
  useRealtimeEvent("channel_deleted", ({ id }) => setChannel(id, () => undefined));

  const value = useMemo<UnreadState>(() => {
    const unreadCommunities = new Set([...state.channels.values()].filter((c) => c.count > 0).map((c) => c.communityId));
    const mentionsByCommunity = new Map<number, number>();
    for (const c of state.channels.values()) mentionsByCommunity.set(c.communityId, (mentionsByCommunity.get(c.communityId) ?? 0) + c.mentions);
    return {
      channelUnread: (channelId) => state.channels.get(channelId)?.count ?? 0,
      communityUnread: (communityId) => unreadCommunities.has(communityId),
      channelMentions: (channelId) => state.channels.get(channelId)?.mentions ?? 0,
      communityMentions: (communityId) => mentionsByCommunity.get(communityId) ?? 0,
      directUnread: [...state.direct.values()].reduce((sum, count) => sum + count, 0),
      conversationUnread: (peerId) => state.direct.get(peerId) ?? 0,
    };
  }, [state]);
  return <UnreadContext.Provider value={value}>{children}</UnreadContext.Provider>;
}

export function useUnread(): UnreadState {
  const state = useContext(UnreadContext);
  if (!state) throw new Error("useUnread outside UnreadProvider");
  return state;
}
