"use client";

import { useState } from "react";
import { useRealtimeEvent } from "@/components/realtime/realtime-provider";
import type { CommunityMember } from "@/lib/api/entities";
import { applyUserStatus } from "@/lib/realtime/presence";

/** A community's members, kept live: presence and profile changes, joins, leaves and role changes. */
export function useCommunityMembers(communityId: number, initial: CommunityMember[]): CommunityMember[] {
  const [members, setMembers] = useState(initial);
  const [syncedFrom, setSyncedFrom] = useState(initial);
  if (syncedFrom !== initial) {
    // A server navigation brought fresher data.
    setSyncedFrom(initial);
    setMembers(initial);
  }

  useRealtimeEvent("user_status", (status) => setMembers((list) => applyUserStatus(list, status)));
  useRealtimeEvent("community_member_added", ({ community_id, user }) => {
    if (community_id === communityId) setMembers((list) => (list.some((m) => m.id === user.id) ? list : [...list, user]));
  });
  useRealtimeEvent("community_member_left", ({ community_id, user }) => {
    if (community_id === communityId) setMembers((list) => list.filter((m) => m.id !== user.id));
  });
  useRealtimeEvent("community_member_updated", ({ community_id, user }) => {
    if (community_id === communityId) setMembers((list) => list.map((m) => (m.id === user.id ? user : m)));
  });
  return members;
}
