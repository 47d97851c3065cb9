"use client";

import { EmptyState } from "@/components/ui/feedback";
import { CheckIcon, CloseIcon } from "@/components/ui/icons";
import type { FriendRequest } from "@/lib/api/entities";
import { PeopleSection } from "./people-section";
import { PersonRow, RoundButton } from "./person-row";

interface RequestSectionProps {
  direction: "Incoming" | "Outgoing";
  requests: FriendRequest[];
  /** The actions on one request; `name` is the other person's. */
  actions: (request: FriendRequest, name: string) => React.ReactNode;
}

/** One direction of requests, showing the other person of each; nothing when there are none. */
function RequestSection({ direction, requests, actions }: RequestSectionProps) {
  if (requests.length === 0) return null;
  return (
    <PeopleSection title={direction} label={`${direction} friend requests`} count={requests.length}>
      {requests.map((request) => {
        const person = direction === "Incoming" ? request.sender : request.receiver;
        return (
          <PersonRow key={request.id} name={person.display_name} username={person.username} avatarUrl={person.avatar_url} subtitle={`${direction} friend request`}>
            {actions(request, person.display_name)}
          </PersonRow>
        );
      })}
    </PeopleSection>
  );
}

interface PendingRequestsProps {
  incoming: FriendRequest[];
  outgoing: FriendRequest[];
  busy: boolean;
  addAction: React.ReactNode;
  onAccept: (request: FriendRequest) => void;
  onReject: (request: FriendRequest) => void;
  onCancel: (request: FriendRequest) => void;
}

/** Requests to the caller (accept or reject) and from them (cancel). */
export function PendingRequests({ incoming, outgoing, busy, addAction, onAccept, onReject, onCancel }: PendingRequestsProps) {
  if (incoming.length + outgoing.length === 0) {
    return (
      <EmptyState title="No pending friend requests" action={addAction}>
        Requests you send and receive wait here until they are answered.
      </EmptyState>
    );
  }
  return (
    <>
      <RequestSection
        direction="Incoming"
        requests={incoming}
        actions={(request, name) => (
          <>
            <RoundButton label={`Accept friend request from ${name}`} tone="accept" disabled={busy} onClick={() => onAccept(request)}>
              <CheckIcon />
            </RoundButton>
            <RoundButton label={`Reject friend request from ${name}`} tone="danger" disabled={busy} onClick={() => onReject(request)}>
              <CloseIcon />
            </RoundButton>
          </>
        )}
      />
      <RequestSection
        direction="Outgoing"
        requests={outgoing}
        actions={(request, name) => (
          <RoundButton label={`Cancel friend request to ${name}`} tone="danger" disabled={busy} onClick={() => onCancel(request)}>
            <CloseIcon />
          </RoundButton>
        )}
      />
    </>
  );
}
