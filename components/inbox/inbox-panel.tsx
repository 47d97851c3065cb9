"use client";

import { useMemo, useState } from "react";
import { useAppState } from "@/components/app/app-state";
import { useUnread } from "@/components/app/unread-state";
import { MessagePreview } from "@/components/chat/pins/message-preview";
import { fromMessage, withAuthor, type ChatMessage } from "@/components/chat/types";
import { useBlockedUsers } from "@/components/friends/blocked-users";
import type { Mentionable } from "@/components/mentions/mention-codec";
import { KnownPeopleProvider } from "@/components/mentions/mention-context";
import { useRealtimeEvent } from "@/components/realtime/realtime-provider";
import { ChannelIcon } from "@/components/sidebar/channel-sidebar";
import { Button } from "@/components/ui/button";
import { AtSignIcon } from "@/components/ui/icons";
import { endpoints } from "@/lib/api/endpoints";
import type { Channel } from "@/lib/api/entities";
import { callApi } from "@/lib/api-client";
import { useLookedUp } from "./use-looked-up";
import { useMentions } from "./use-mentions";

/**
 * The people a message mentions are looked up one by one, for their pills: the first few of each
 * message (the preview shows six lines). The viewer's own pill is always known; others beyond these
 * show as unknown.
 */
const PILLS_LOOKED_UP = 5;

/** Where a message was sent, as the viewer can read it now. */
interface Place {
  name: string;
  type: Channel["type"];
  communityId: number;
}

interface KnownPerson extends Mentionable {
  isBot: boolean;
}

export interface JumpTarget {
  communityId: number;
  channelId: number;
  messageId: number;
}

async function lookUpChannel(id: number): Promise<Place> {
  const channel = await callApi(endpoints.getChannel, { params: { id } });
  return { name: channel.name, type: channel.type, communityId: channel.community_id };
}

async function lookUpPerson(id: number): Promise<KnownPerson> {
  const user = await callApi(endpoints.getUser, { params: { id } });
  return { id: user.id, username: user.username, displayName: user.display_name, avatarUrl: user.avatar_url, isBot: user.is_bot };
}

interface MentionEntryProps {
  message: ChatMessage;
  place: Place | null | undefined;
  communityName: string | undefined;
  /** Absent while it is unknown where the message is. */
  onJump?: () => void;
}

/**
 * One mention: where it was sent, then the message. The whole card is one button: a transparent one
 * over it, so that the links in the message stay links of their own, above it.
 */
function MentionEntry({ message, place, communityName, onJump }: MentionEntryProps) {
  const where = `${place ? `#${place.name}` : "a channel"}${communityName ? ` (${communityName})` : ""}`;
  return (
    <li className="group relative rounded-md border border-subtle bg-main p-3 text-sm hover:border-aura-500">
      <button
        type="button"
        onClick={onJump}
        disabled={!onJump}
        aria-label={`Jump to the message from ${message.authorName} in ${where}`}
        className="absolute inset-0 z-[5] rounded-md focus-visible:outline-2 focus-visible:outline-aura-500"
      >
        <span
          aria-hidden
          className="absolute top-2 right-2 rounded bg-raised px-2 py-0.5 text-xs font-semibold text-strong opacity-0 shadow group-hover:opacity-100 group-focus-within:opacity-100 pointer-coarse:opacity-100"
        >
          Jump
        </span>
      </button>
      <p className="mb-2 flex min-w-0 items-center gap-1 pr-14 text-xs text-muted">
        <ChannelIcon type={place?.type ?? "text"} className="size-3.5 shrink-0" />
        <span className="truncate font-semibold text-normal">{place?.name ?? "…"}</span>
        {communityName && (
          <>
            <span aria-hidden>·</span>
            <span className="truncate">{communityName}</span>
          </>
        )}
      </p>
      <div className="[&_a]:relative [&_a]:z-10">
        <MessagePreview message={message} />
      </div>
    </li>
  );
}

/**
 * The mentions inbox (Discord's Inbox → Mentions): the viewer's mentions across their communities,
 * newest first, each with its community and channel, live while open; older ones page by page. A
 * mention opens its channel at the message.
 */
export function InboxPanel({ onJump }: { onJump: (target: JumpTarget) => void }) {
  const { me, communities } = useAppState();
  const { channelCommunity } = useUnread();
  const blocked = useBlockedUsers();
  const { messages, error, more, loadingMore, moreError, retry, loadMore } = useMentions(me.id);
  // Communities the viewer left (or that were deleted) since the list came: their mentions go.
  const [gone, setGone] = useState<ReadonlySet<number>>(new Set());
  const listed = messages?.filter((m) => !blocked.has(m.sender_id));

  const places = useLookedUp(listed?.map((m) => m.channel_id) ?? [], lookUpChannel);
  const people = useLookedUp(listed?.flatMap((m) => [m.sender_id, ...m.mentions.slice(0, PILLS_LOOKED_UP)]).filter((id) => id !== me.id) ?? [], lookUpPerson);
  useRealtimeEvent("channel_updated", (channel) => places.update(channel.id, (place) => ({ ...place, name: channel.name, type: channel.type })));
  useRealtimeEvent("user_status", (status) => people.update(status.user_id, (person) => ({ ...person, displayName: status.display_name, avatarUrl: status.avatar_url })));
  useRealtimeEvent("community_member_left", ({ community_id, user }) => user.id === me.id && setGone((set) => new Set(set).add(community_id)));
  useRealtimeEvent("community_deleted", ({ id }) => setGone((set) => new Set(set).add(id)));

  const mentionable = useMemo(() => {
    const viewer: Mentionable = { id: me.id, username: me.username, displayName: me.display_name, avatarUrl: me.avatar_url };
    return [viewer, ...[...people.known.values()].filter((person) => person !== null)];
  }, [me, people.known]);

  const communityOf = (channelId: number) => places.known.get(channelId)?.communityId ?? channelCommunity(channelId);
  const shown = listed?.filter((m) => !gone.has(communityOf(m.channel_id) ?? -1));

  let body: React.ReactNode;
  if (shown === undefined) {
    body = error ? (
      <div role="alert" className="px-4 py-8 text-center text-sm">
        <p className="text-red-700 dark:text-red-400">Could not load your mentions. {error}</p>
        <Button variant="secondary" size="sm" className="mt-3" onClick={retry}>
          Try again
        </Button>
      </div>
    ) : (
      <p role="status" className="py-6 text-center text-sm text-muted">
        Loading mentions…
      </p>
    );
  } else if (shown.length === 0 && !more) {
    body = (
      <div className="px-4 py-8 text-center">
        <AtSignIcon className="mx-auto size-10 text-muted" />
        <p className="mt-3 text-sm font-semibold text-strong">Nothing mentions you yet</p>
        <p className="mt-1 text-xs text-muted">When someone @mentions you, or pings @everyone in a channel you can read, it shows up here.</p>
      </div>
    );
  } else {
    body = (
      <>
        <ol aria-label="Mentions" className="flex flex-col gap-2">
          {shown.map((message) => {
            const person = people.known.get(message.sender_id);
            const place = places.known.get(message.channel_id);
            const communityId = communityOf(message.channel_id);
            return (
              <MentionEntry
                key={message.id}
                message={withAuthor(fromMessage(message), person ? { name: person.displayName, avatarUrl: person.avatarUrl, isBot: person.isBot } : undefined)}
                place={place}
                communityName={communities.find((c) => c.id === communityId)?.name}
                onJump={communityId === undefined ? undefined : () => onJump({ communityId, channelId: message.channel_id, messageId: message.id })}
              />
            );
          })}
        </ol>
        {more && (
          <div className="mt-3 flex flex-col items-center gap-2">
            {moreError && (
              <p role="alert" className="text-center text-xs text-red-700 dark:text-red-400">
                Could not load older mentions. {moreError}
              </p>
            )}
            <Button variant="secondary" size="sm" disabled={loadingMore} onClick={loadMore}>
              {loadingMore ? "Loading…" : "Load more"}
            </Button>
          </div>
        )}
      </>
    );
  }

  return (
    <div className="flex max-h-[min(36rem,75dvh)] w-full flex-col sm:w-[28rem]">
      <h2 className="flex items-center gap-2 bg-rail px-4 py-3 font-semibold text-strong">
        <AtSignIcon className="size-5 text-muted" />
        Mentions
      </h2>
      <div className="min-h-0 flex-1 overflow-y-auto p-3">
        <KnownPeopleProvider me={me.id} people={mentionable}>
          {body}
        </KnownPeopleProvider>
      </div>
    </div>
  );
}
