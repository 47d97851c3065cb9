"use client";

import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/feedback";
import type { Friend } from "@/lib/api/entities";
import { FriendRow } from "./friend-row";
import { PeopleSection } from "./people-section";

function byPresenceThenName(a: Friend, b: Friend) {
  return Number(a.status === "offline") - Number(b.status === "offline") || a.display_name.localeCompare(b.display_name);
}

interface FriendListProps {
  friends: Friend[];
  onlineOnly: boolean;
  /** The way to the Add friend tab, offered when there is nobody to list. */
  addAction: React.ReactNode;
  onShowAll: () => void;
  onRemove: (friend: Friend) => void;
  onBlock: (friend: Friend) => void;
}

/** Friends online first, then by name; only those online when `onlineOnly`. */
export function FriendList({ friends, onlineOnly, addAction, onShowAll, onRemove, onBlock }: FriendListProps) {
  const sorted = [...friends].sort(byPresenceThenName);
  const shown = onlineOnly ? sorted.filter((f) => f.status !== "offline") : sorted;

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
          <Button variant="secondary" onClick={onShowAll}>
            Show all friends
          </Button>
        }
      >
        Your offline friends are in All: you can message them anyway.
      </EmptyState>
    );
  }
  return (
    <PeopleSection title={onlineOnly ? "Online" : "All friends"} label={onlineOnly ? "Online friends" : "All friends"} count={shown.length}>
      {shown.map((friend) => (
        <FriendRow key={friend.id} friend={friend} onRemove={onRemove} onBlock={onBlock} />
      ))}
    </PeopleSection>
  );
}
