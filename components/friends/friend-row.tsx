"use client";

import { ChatIcon } from "@/components/ui/icons";
import { Menu } from "@/components/ui/menu";
import type { Friend } from "@/lib/api/entities";
import { STATUS_LABEL } from "@/lib/format";
import { PersonRow, RoundLink } from "./person-row";

/** A friend with their presence: message them, or remove or block them from the menu. */
export function FriendRow({ friend, onRemove, onBlock }: { friend: Friend; onRemove: (friend: Friend) => void; onBlock: (friend: Friend) => void }) {
  return (
    <PersonRow
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
          { label: "Remove friend", danger: true, onSelect: () => onRemove(friend) },
          { label: "Block", danger: true, onSelect: () => onBlock(friend) },
        ]}
      />
    </PersonRow>
  );
}
