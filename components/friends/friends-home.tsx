"use client";

import { useEffect, useId, useState } from "react";
import { Workspace } from "@/components/app/workspace";
import { DirectSidebar } from "@/components/dm/direct-sidebar";
import { useDirect } from "@/components/dm/direct-provider";
import { useRealtime, useRealtimeEvent } from "@/components/realtime/realtime-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { CountBadge, EmptyState } from "@/components/ui/feedback";
import { ChatIcon, CheckIcon, CloseIcon, UsersIcon } from "@/components/ui/icons";
import { Menu } from "@/components/ui/menu";
import { useToast } from "@/components/ui/toast";
import { endpoints } from "@/lib/api/endpoints";
import type { BlockedUser, Friend, FriendRequest } from "@/lib/api/entities";
import { callApi } from "@/lib/api-client";
import { STATUS_LABEL } from "@/lib/format";
import { AddFriendForm } from "./add-friend-form";
import { PersonRow, RoundButton, RoundLink } from "./person-row";

const TABS = [
  { key: "online", label: "Online" },
  { key: "all", label: "All" },
  { key: "pending", label: "Pending" },
  { key: "blocked", label: "Blocked" },
  { key: "add", label: "Add friend" },
] as const;
type Tab = (typeof TABS)[number]["key"];

type Confirm = { action: "remove" | "block"; user: { id: number; display_name: string } } | null;

function byPresenceThenName(a: Friend, b: Friend) {
  return Number(a.status === "offline") - Number(b.status === "offline") || a.display_name.localeCompare(b.display_name);
}

function SectionTitle({ children }: { children: React.ReactNode }) {
  return <h2 className="px-2.5 pt-4 pb-2 text-xs font-bold tracking-wide text-muted uppercase">{children}</h2>;
}

/** Tabs with automatic activation: arrows, Home and End move between them. */
function FriendTabs({ idPrefix, tab, onSelect, pendingCount }: { idPrefix: string; tab: Tab; onSelect: (tab: Tab, byPointer: boolean) => void; pendingCount: number }) {
  function onKeyDown(event: React.KeyboardEvent) {
    const index = TABS.findIndex((t) => t.key === tab);
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1 + TABS.length, Home: 0, End: TABS.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = TABS[moves[event.key] % TABS.length].key;
    onSelect(next, false);
    document.getElementById(`${idPrefix}-tab-${next}`)?.focus();
  }

  return (
    <div role="tablist" aria-label="Friends" onKeyDown={onKeyDown} className="-my-1 flex min-w-0 items-center gap-1 overflow-x-auto py-1 sm:gap-2">
      {TABS.map(({ key, label }) => {
        const selected = key === tab;
        const add = key === "add";
        return (
          <button
            key={key}
            id={`${idPrefix}-tab-${key}`}
            type="button"
            role="tab"
            aria-selected={selected}
            aria-controls={selected ? `${idPrefix}-panel` : undefined}
            tabIndex={selected ? 0 : -1}
            onClick={(event) => onSelect(key, event.detail > 0)}
            className={`flex shrink-0 items-center gap-1.5 rounded px-1 py-0.5 sm:px-2 text-sm font-medium whitespace-nowrap focus-visible:outline-2 focus-visible:outline-aura-400 ${
              add
                ? selected
                  ? "bg-transparent text-emerald-400"
                  : "bg-emerald-700 text-white hover:bg-emerald-800"
                : selected
                  ? "bg-raised text-strong"
                  : "text-muted hover:bg-raised/60 hover:text-normal"
            }`}
          >
            {label}
            {key === "pending" && pendingCount > 0 && <CountBadge count={pendingCount} label={`, ${pendingCount} incoming`} />}
          </button>
        );
      })}
    </div>
  );
}

/** The Friends home: online and all friends, pending requests, blocked users and add-friend, all live. */
export function FriendsHome({ friends: initialFriends, blocked: initialBlocked }: { friends: Friend[]; blocked: BlockedUser[] }) {
  const toast = useToast();
  const { connection } = useRealtime();
  const idPrefix = useId();
  const { incoming, outgoing, applyRequest, refreshConversations } = useDirect();
  const [tab, setTab] = useState<Tab>("online");
  const [friends, setFriends] = useState(initialFriends);
  const [blocked, setBlocked] = useState(initialBlocked);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [busy, setBusy] = useState(false);
  // Clicking "Add friend" puts the cursor in its field; arrowing through the tabs leaves focus on them.
  const [focusAddField, setFocusAddField] = useState(false);

  const selectTab = (next: Tab, byPointer: boolean) => {
    setTab(next);
    setFocusAddField(byPointer);
  };

  const addFriend = (friend: Friend) => setFriends((list) => [...list.filter((f) => f.id !== friend.id), friend]);
  const dropFriend = (id: number) => setFriends((list) => list.filter((f) => f.id !== id));

  // Whatever changed between the page's render and the socket (re)connecting is only in the API.
  useEffect(() => {
    if (connection !== "connected") return;
    Promise.all([callApi(endpoints.listFriends), callApi(endpoints.listBlocked)]).then(([latestFriends, latestBlocked]) => {
      setFriends(latestFriends);
      setBlocked(latestBlocked);
    }, () => undefined);
  }, [connection]);

  useRealtimeEvent("friend_added", addFriend);
  useRealtimeEvent("friend_removed", ({ user_id }) => dropFriend(user_id));
  useRealtimeEvent("user_status", (status) => {
    setFriends((list) =>
      list.map((f) =>
        f.id === status.user_id
          ? { ...f, status: status.status, custom_status: status.custom_status, last_seen: status.last_seen, display_name: status.display_name, avatar_url: status.avatar_url }
          : f,
      ),
    );
  });

  async function act<T>(work: () => Promise<T>, done: (result: T) => void) {
    setBusy(true);
    try {
      done(await work());
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Something went wrong");
    } finally {
      setBusy(false);
    }
  }

  const accept = (request: FriendRequest) =>
    act(
      () => callApi(endpoints.acceptFriendRequest, { params: { id: request.id } }),
      ({ request: accepted, friend }) => {
        applyRequest(accepted);
        if (!friend) return;
        addFriend(friend);
        toast.success(`You and ${friend.display_name} are now friends`);
      },
    );
  const withdraw = (request: FriendRequest, verb: "reject" | "cancel") =>
    act(() => callApi(verb === "reject" ? endpoints.rejectFriendRequest : endpoints.cancelFriendRequest, { params: { id: request.id } }), applyRequest);

  function confirmAction() {
    if (!confirm) return;
    const { action, user } = confirm;
    const done = () => {
      setConfirm(null);
      dropFriend(user.id);
    };
    if (action === "remove") {
      void act(
        () => callApi(endpoints.removeFriend, { params: { id: user.id } }),
        () => {
          done();
          toast.success(`${user.display_name} is no longer your friend`);
        },
      );
      return;
    }
    void act(
      () => callApi(endpoints.blockUser, { params: { id: user.id } }),
      (blockedUser) => {
        done();
        setBlocked((list) => [blockedUser, ...list.filter((b) => b.id !== user.id)]);
        refreshConversations();
        toast.success(`You blocked ${user.display_name}`);
      },
    );
  }

  const unblock = (user: BlockedUser) =>
    act(
      () => callApi(endpoints.unblockUser, { params: { id: user.id } }),
      () => {
        setBlocked((list) => list.filter((b) => b.id !== user.id));
        refreshConversations();
        toast.success(`You unblocked ${user.display_name}`);
      },
    );

  const sorted = [...friends].sort(byPresenceThenName);
  const shown = tab === "online" ? sorted.filter((f) => f.status !== "offline") : sorted;
  const addAction = (
    <Button variant="success" onClick={() => selectTab("add", true)}>
      Add friend
    </Button>
  );

  function friendList() {
    if (friends.length === 0) {
      return (
        <EmptyState title="You don't have any friends yet" action={addAction}>
          Add someone by their username, or accept a request in Pending.
        </EmptyState>
      );
    }
    if (shown.length === 0) {
      return (
        <EmptyState
          title="No friends are online right now"
          action={
            <Button variant="secondary" onClick={() => setTab("all")}>
              Show all friends
            </Button>
          }
        >
          Your offline friends are in All: you can message them anyway.
        </EmptyState>
      );
    }
    return (
      <>
        <SectionTitle>
          {tab === "online" ? "Online" : "All friends"} — {shown.length}
        </SectionTitle>
        <ul aria-label={tab === "online" ? "Online friends" : "All friends"}>
          {shown.map((friend) => (
            <PersonRow
              key={friend.id}
              name={friend.display_name}
              username={friend.username}
              avatarUrl={friend.avatar_url}
              status={friend.status}
              subtitle={friend.custom_status || STATUS_LABEL[friend.status]}
              href={`/channels/me/${friend.id}`}
            >
              <RoundLink label={`Message ${friend.display_name}`} href={`/channels/me/${friend.id}`}>
                <ChatIcon />
              </RoundLink>
              <Menu
                label={`More options for ${friend.display_name}`}
                items={[
                  { label: "Remove friend", danger: true, onSelect: () => setConfirm({ action: "remove", user: friend }) },
                  { label: "Block", danger: true, onSelect: () => setConfirm({ action: "block", user: friend }) },
                ]}
              />
            </PersonRow>
          ))}
        </ul>
      </>
    );
  }

  function pendingList() {
    if (incoming.length + outgoing.length === 0) {
      return (
        <EmptyState title="No pending friend requests" action={addAction}>
          Requests you send and receive wait here until they are answered.
        </EmptyState>
      );
    }
    return (
      <>
        {incoming.length > 0 && (
          <>
            <SectionTitle>Incoming — {incoming.length}</SectionTitle>
            <ul aria-label="Incoming friend requests">
              {incoming.map((request) => (
                <PersonRow key={request.id} name={request.sender.display_name} username={request.sender.username} avatarUrl={request.sender.avatar_url} subtitle="Incoming friend request">
                  <RoundButton label={`Accept friend request from ${request.sender.display_name}`} tone="accept" disabled={busy} onClick={() => void accept(request)}>
                    <CheckIcon />
                  </RoundButton>
                  <RoundButton label={`Reject friend request from ${request.sender.display_name}`} tone="danger" disabled={busy} onClick={() => void withdraw(request, "reject")}>
                    <CloseIcon />
                  </RoundButton>
                </PersonRow>
              ))}
            </ul>
          </>
        )}
        {outgoing.length > 0 && (
          <>
            <SectionTitle>Outgoing — {outgoing.length}</SectionTitle>
            <ul aria-label="Outgoing friend requests">
              {outgoing.map((request) => (
                <PersonRow key={request.id} name={request.receiver.display_name} username={request.receiver.username} avatarUrl={request.receiver.avatar_url} subtitle="Outgoing friend request">
                  <RoundButton label={`Cancel friend request to ${request.receiver.display_name}`} tone="danger" disabled={busy} onClick={() => void withdraw(request, "cancel")}>
                    <CloseIcon />
                  </RoundButton>
                </PersonRow>
              ))}
            </ul>
          </>
        )}
      </>
    );
  }

  function blockedList() {
    if (blocked.length === 0) {
      return (
        <EmptyState title="You haven't blocked anyone">
          Blocking someone from their profile or your friends list stops their messages and friend requests.
        </EmptyState>
      );
    }
    return (
      <>
        <SectionTitle>Blocked — {blocked.length}</SectionTitle>
        <ul aria-label="Blocked users">
          {blocked.map((user) => (
            <PersonRow key={user.id} name={user.display_name} username={user.username} avatarUrl={user.avatar_url} subtitle="Blocked">
              <Button variant="secondary" size="sm" aria-label={`Unblock ${user.display_name}`} disabled={busy} onClick={() => void unblock(user)}>
                Unblock
              </Button>
            </PersonRow>
          ))}
        </ul>
      </>
    );
  }

  const panel = { online: friendList, all: friendList, pending: pendingList, blocked: blockedList, add: null }[tab];

  return (
    <Workspace
      sidebar={<DirectSidebar />}
      header={
        <>
          <UsersIcon className="hidden size-6 shrink-0 text-muted sm:block" />
          <h1 className="sr-only font-semibold text-strong sm:not-sr-only sm:mr-2">Friends</h1>
          <span aria-hidden className="mr-2 hidden h-6 w-px bg-raised sm:block" />
          <FriendTabs idPrefix={idPrefix} tab={tab} onSelect={selectTab} pendingCount={incoming.length} />
        </>
      }
    >
      <div id={`${idPrefix}-panel`} role="tabpanel" aria-labelledby={`${idPrefix}-tab-${tab}`} className="min-h-0 flex-1 overflow-y-auto">
        {panel ? (
          <div className="px-3 pb-6 sm:px-5">{panel()}</div>
        ) : (
          <AddFriendForm
            autoFocus={focusAddField}
            onResult={({ request, friend }) => {
              applyRequest(request);
              if (friend) addFriend(friend);
            }}
          />
        )}
      </div>
      <Dialog
        open={confirm !== null}
        onClose={() => setConfirm(null)}
        title={confirm?.action === "block" ? `Block ${confirm.user.display_name}?` : `Remove ${confirm?.user.display_name ?? "friend"}`}
        description={
          confirm?.action === "block"
            ? "They will no longer be your friend, their pending requests are withdrawn, and neither of you can message the other."
            : `Are you sure you want to remove ${confirm?.user.display_name ?? "them"} from your friends?`
        }
      >
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={() => setConfirm(null)}>
            Cancel
          </Button>
          <Button variant="danger" disabled={busy} onClick={confirmAction}>
            {confirm?.action === "block" ? "Block" : "Remove friend"}
          </Button>
        </div>
      </Dialog>
    </Workspace>
  );
}
