"use client";

import { useId, useState } from "react";
import { Workspace } from "@/components/app/workspace";
import { DirectSidebar } from "@/components/dm/direct-sidebar";
import { useDirect } from "@/components/dm/direct-provider";
import { InboxButton } from "@/components/inbox/inbox-button";
import { Button } from "@/components/ui/button";
import { UsersIcon } from "@/components/ui/icons";
import type { BlockedUser, Friend } from "@/lib/api/entities";
import { AddFriendForm } from "./add-friend-form";
import { BlockedList } from "./blocked-list";
import { ConfirmFriendAction } from "./confirm-friend-action";
import { FriendList } from "./friend-list";
import { type FriendTab, FriendTabs } from "./friend-tabs";
import { PendingRequests } from "./pending-requests";
import { useFriendActions } from "./use-friend-actions";
import { useFriends } from "./use-friends";

/** The Friends home: online and all friends, pending requests, blocked users and add-friend, all live. */
export function FriendsHome({ friends: initialFriends, blocked: initialBlocked }: { friends: Friend[]; blocked: BlockedUser[] }) {
  const idPrefix = useId();
  const { incoming, outgoing, applyRequest } = useDirect();
  const { friends, blocked, setBlocked, addFriend, dropFriend } = useFriends(initialFriends, initialBlocked);
  const actions = useFriendActions({ addFriend, dropFriend, setBlocked });
  const [tab, setTab] = useState<FriendTab>("online");
  // Clicking "Add friend" puts the cursor in its field; arrowing through the tabs leaves focus on them.
  const [focusAddField, setFocusAddField] = useState(false);

  const selectTab = (next: FriendTab, byPointer: boolean) => {
    setTab(next);
    setFocusAddField(byPointer);
  };

  const addAction = (
    <Button variant="success" onClick={() => selectTab("add", true)}>
      Add friend
    </Button>
  );

  function panel() {
    switch (tab) {
      case "online":
      case "all":
        return (
          <FriendList
            friends={friends}
            onlineOnly={tab === "online"}
            addAction={addAction}
            onShowAll={() => setTab("all")}
            onRemove={actions.askToRemove}
            onBlock={actions.askToBlock}
          />
        );
      case "pending":
        return (
          <PendingRequests
            incoming={incoming}
            outgoing={outgoing}
            busy={actions.busy}
            addAction={addAction}
            onAccept={actions.accept}
            onReject={actions.reject}
            onCancel={actions.cancel}
          />
        );
      case "blocked":
        return <BlockedList blocked={blocked} busy={actions.busy} onUnblock={actions.unblock} />;
    }
  }

  return (
    <Workspace
      sidebar={<DirectSidebar />}
      header={
        <>
          <UsersIcon className="hidden size-6 shrink-0 text-muted sm:block" />
          <h1 className="sr-only font-semibold text-strong sm:not-sr-only sm:mr-2">Friends</h1>
          <span aria-hidden className="mr-2 hidden h-6 w-px bg-raised sm:block" />
          <FriendTabs idPrefix={idPrefix} tab={tab} onSelect={selectTab} pendingCount={incoming.length} />
          <div className="ml-auto flex shrink-0 items-center">
            <InboxButton />
          </div>
        </>
      }
    >
      <div id={`${idPrefix}-panel`} role="tabpanel" aria-labelledby={`${idPrefix}-tab-${tab}`} className="min-h-0 flex-1 overflow-y-auto">
        {tab === "add" ? (
          <AddFriendForm
            autoFocus={focusAddField}
            onResult={({ request, friend }) => {
              applyRequest(request);
              if (friend) addFriend(friend);
            }}
          />
        ) : (
          <div className="px-3 pb-6 sm:px-5">{panel()}</div>
        )}
      </div>
      <ConfirmFriendAction confirm={actions.confirm} busy={actions.busy} onCancel={actions.dismissConfirm} onConfirm={actions.confirmAction} />
    </Workspace>
  );
}
