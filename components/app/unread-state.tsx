"use client";

import { usePathname } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { useBlockedUsers } from "@/components/friends/blocked-users";
import { useRealtime, useRealtimeEvent } from "@/components/realtime/realtime-provider";
import type { NotificationSetting, UnreadSummary } from "@/lib/api/entities";
import { endpoints } from "@/lib/api/endpoints";
import { callApi } from "@/lib/api-client";

interface ChannelUnread {
  communityId: number;
  count: number;
  /** Unread messages that mention the viewer (or pinged everyone). */
  mentions: number;
  /** The notification setting that holds for the channel: what its new messages add. */
  setting: NotificationSetting;
}

/** Whether a setting's mute is on now (one that has run out is off). */
export function isMuted(setting: NotificationSetting | undefined): boolean {
  return !!setting?.muted_until && new Date(setting.muted_until).getTime() > Date.now();
}

/** What one new message adds to a channel's counts under its setting (the server's rule for the summary). */
function counted(setting: NotificationSetting, mention: boolean): { count: number; mentions: number } {
  if (isMuted(setting) || setting.level === "none") return { count: 0, mentions: 0 };
  return { count: setting.level === "all" ? 1 : 0, mentions: mention ? 1 : 0 };
}

interface UnreadState {
  /** Others' messages after the read position in a channel (0 for an unknown one). */
  channelUnread: (channelId: number) => number;
  /** Whether any channel of the community has unread messages. */
  communityUnread: (communityId: number) => boolean;
  /** Unread mentions of the viewer in a channel, and over a community's channels. */
  channelMentions: (channelId: number) => number;
  communityMentions: (communityId: number) => number;
  /** Unread mentions over every channel (the inbox button's count). */
  allMentions: number;
  /** Unread DMs, over every conversation. */
  directUnread: number;
  /** Unread DMs from one peer. */
  conversationUnread: (peerId: number) => number;
  /** The community of a channel the viewer can read (undefined for an unknown one). */
  channelCommunity: (channelId: number) => number | undefined;
  /** The viewer's notification setting for a channel, as the summary gave it (undefined for an unknown channel). */
  channelSetting: (channelId: number) => NotificationSetting | undefined;
  /** After the viewer changed a setting: counts follow the new one. */
  settingChanged: (kind: "channel" | "community", id: number, setting: NotificationSetting) => void;
}

/** A new channel's until the summary says which holds (the community's, when it has one). */
const DEFAULT_SETTING: NotificationSetting = { level: "all", muted_until: null, source: "default" };

const UnreadContext = createContext<UnreadState | null>(null);

function fromSummary(summary: UnreadSummary) {
  return {
    channels: new Map(summary.channels.map((c) => [c.channel_id, { communityId: c.community_id, count: c.unread_count, mentions: c.mention_count, setting: c.notification }])),
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
    setChannel(message.channel_id, (current) => {
      if (!current) return current;
      const added = counted(current.setting, mention);
      return { ...current, count: current.count + added.count, mentions: current.mentions + added.mentions };
    });
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
  useRealtimeEvent("channel_created", (channel) => {
    setChannel(channel.id, (current) => current ?? { communityId: channel.community_id, count: 0, mentions: 0, setting: DEFAULT_SETTING });
    reload();
  });
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
      allMentions: [...mentionsByCommunity.values()].reduce((sum, count) => sum + count, 0),
      directUnread: [...state.direct.values()].reduce((sum, count) => sum + count, 0),
      conversationUnread: (peerId) => state.direct.get(peerId) ?? 0,
      channelCommunity: (channelId) => state.channels.get(channelId)?.communityId,
      channelSetting: (channelId) => state.channels.get(channelId)?.setting,
      settingChanged: (kind, id, setting) => {
        if (kind === "channel") setChannel(id, (current) => current && { ...current, setting });
        // The counts under the new setting, and (for a community) which channels follow it.
        reload();
      },
    };
  }, [state, reload]);
  return <UnreadContext.Provider value={value}>{children}</UnreadContext.Provider>;
}

export function useUnread(): UnreadState {
  const state = useContext(UnreadContext);
  if (!state) throw new Error("useUnread outside UnreadProvider");
  return state;
}
