"use client";

import { useMemo, useState } from "react";
import { useAppState } from "@/components/app/app-state";
import { Workspace } from "@/components/app/workspace";
import { InboxButton } from "@/components/inbox/inbox-button";
import { ProfileDialog } from "@/components/members/profile-dialog";
import { useCatchUp, useRealtimeEvent } from "@/components/realtime/realtime-provider";
import { AppTag } from "@/components/ui/app-tag";
import { Avatar } from "@/components/ui/avatar";
import { Button, IconButton } from "@/components/ui/button";
import { UserIcon } from "@/components/ui/icons";
import { useToast } from "@/components/ui/toast";
import type { DirectMessage, UserProfile } from "@/lib/api/entities";
import { endpoints } from "@/lib/api/endpoints";
import { callApi } from "@/lib/api-client";
import { lastSeen, STATUS_LABEL } from "@/lib/format";
import { SearchBox } from "@/components/search/search-box";
import { ConversationView } from "./conversation-view";
import { DirectSidebar } from "./direct-sidebar";

/** A DM conversation: the peer in the header, the message pane, and their profile card on demand. */
export function ConversationScreen({ peer: initialPeer, messages }: { peer: UserProfile; messages: DirectMessage[] }) {
  const { me } = useAppState();
  const toast = useToast();
  const [peer, setPeer] = useState(initialPeer);
  const [refused, setRefused] = useState(false);
  const [profileId, setProfileId] = useState<number | null>(null);
  const [unblocking, setUnblocking] = useState(false);

  // Presence and blocks may have changed before the socket connected, or while it was down.
  const changed = useCatchUp(() => callApi(endpoints.getUser, { params: { id: String(peer.id) } }), setPeer);

  useRealtimeEvent("user_status", (status) => {
    if (status.user_id !== peer.id) return;
    changed();
    setPeer((current) => ({ ...current, status: status.status, custom_status: status.custom_status, last_seen: status.last_seen, display_name: status.display_name, avatar_url: status.avatar_url }));
  });

  // An update, not a copy of `peer`: the presence change a block brings may have landed just before.
  useRealtimeEvent("block_changed", ({ user_id, relationship }) => {
    if (user_id !== peer.id) return;
    changed();
    setPeer((current) => ({ ...current, relationship }));
    setRefused(false);
  });

  // The conversation list follows blocks by itself (DirectProvider hears block_changed too).
  function relationshipChanged(profile: UserProfile) {
    if (profile.id !== peer.id) return;
    setPeer(profile);
    setRefused(false);
  }

  async function unblock() {
    setUnblocking(true);
    try {
      await callApi(endpoints.unblockUser, { params: { id: String(peer.id) } });
      toast.success(`You unblocked ${peer.display_name}`);
      relationshipChanged(await callApi(endpoints.getUser, { params: { id: String(peer.id) } }));
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Could not unblock");
    } finally {
      setUnblocking(false);
    }
  }

  // Either side's block closes the conversation: the viewer's own can be lifted right here.
  const disabledReason =
    peer.relationship === "blocked" ? (
      <>
        You blocked {peer.display_name}.
        <Button size="sm" className="ml-3" disabled={unblocking} onClick={() => void unblock()}>
          Unblock
        </Button>
      </>
    ) : peer.relationship === "blocked_you" || refused ? (
      `You cannot send messages to ${peer.display_name}.`
    ) : null;
  const searchNames = useMemo(() => ({ people: [me, peer], channels: [] }), [me, peer]);
  const searchPeople = useMemo(
    () => new Map([me, peer].map((p) => [p.id, { name: p.display_name, avatarUrl: p.avatar_url, isBot: p.is_bot }])),
    [me, peer],
  );
  const statusText = peer.custom_status || (peer.status === "offline" ? lastSeen(peer.last_seen) : STATUS_LABEL[peer.status]);

  return (
    <Workspace
      sidebar={<DirectSidebar />}
      header={
        <>
          <Avatar name={peer.display_name} url={peer.avatar_url} status={peer.status} size={28} />
          <h1 className="truncate font-semibold text-strong">{peer.display_name}</h1>
          {peer.is_bot && <AppTag />}
          <p className="hidden truncate border-l border-raised pl-2 text-sm text-muted sm:block" data-testid="peer-status">
            {statusText}
          </p>
          <div className="ml-auto flex shrink-0 items-center gap-1">
            <SearchBox scope={{ kind: "dm", peerId: peer.id }} names={searchNames} people={searchPeople} />
            <IconButton label="View profile" onClick={() => setProfileId(peer.id)}>
              <UserIcon />
            </IconButton>
            <InboxButton />
          </div>
        </>
      }
    >
      <ConversationView peer={peer} initialMessages={messages} disabledReason={disabledReason} onCannotMessage={() => setRefused(true)} onOpenProfile={setProfileId} />
      <ProfileDialog userId={profileId} onClose={() => setProfileId(null)} onChange={relationshipChanged} />
    </Workspace>
  );
}
