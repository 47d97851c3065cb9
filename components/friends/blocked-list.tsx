"use client";

import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/feedback";
import type { BlockedUser } from "@/lib/api/entities";
import { PeopleSection } from "./people-section";
import { PersonRow } from "./person-row";

/** The users the caller blocked, each with Unblock. */
export function BlockedList({ blocked, busy, onUnblock }: { blocked: BlockedUser[]; busy: boolean; onUnblock: (user: BlockedUser) => void }) {
  if (blocked.length === 0) {
    return (
      <EmptyState title="You haven't blocked anyone">
        Blocking someone from their profile or your friends list stops their messages and friend requests.
      </EmptyState>
    );
  }
  return (
    <PeopleSection title="Blocked" label="Blocked users" count={blocked.length}>
      {blocked.map((user) => (
        <PersonRow key={user.id} name={user.display_name} username={user.username} avatarUrl={user.avatar_url} subtitle="Blocked">
          <Button variant="secondary" size="sm" aria-label={`Unblock ${user.display_name}`} disabled={busy} onClick={() => onUnblock(user)}>
            Unblock
          </Button>
        </PersonRow>
      ))}
    </PeopleSection>
  );
}
