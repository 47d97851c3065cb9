"use client";

import { createContext, useContext, useMemo } from "react";
import type { CommunityMember, CommunityRole } from "@/lib/api/entities";
import { can } from "@/lib/permissions";
import type { Mentionable } from "./mention-codec";

export interface MentionScope {
  /** The viewer: their own pill is stronger. */
  me: number;
  people: Mentionable[];
  byId: Map<number, Mentionable>;
  /** Owners and admins are offered `@everyone` and `@here`; from anyone else they do nothing. */
  canMentionEveryone: boolean;
}

const MentionContext = createContext<MentionScope | null>(null);

/** The people a community's messages can mention, for the composer, the edit box and the pills. */
export function MentionProvider({ me, members, role, children }: { me: number; members: CommunityMember[]; role: CommunityRole; children: React.ReactNode }) {
  const people = useMemo(() => members.map((m) => ({ id: m.id, username: m.username, displayName: m.display_name, avatarUrl: m.avatar_url })), [members]);
  return (
    <KnownPeopleProvider me={me} people={people} canMentionEveryone={can(role, "mentionEveryone")}>
      {children}
    </KnownPeopleProvider>
  );
}

/** Pills for messages from anywhere (the mentions inbox): the people the page has looked up; no composer. */
export function KnownPeopleProvider({ me, people, canMentionEveryone = false, children }: { me: number; people: Mentionable[]; canMentionEveryone?: boolean; children: React.ReactNode }) {
  const value = useMemo<MentionScope>(() => ({ me, people, byId: new Map(people.map((p) => [p.id, p])), canMentionEveryone }), [me, people, canMentionEveryone]);
  return <MentionContext.Provider value={value}>{children}</MentionContext.Provider>;
}

/** Null outside a community (DMs): no autocomplete, and tokens show as unknown users. */
export function useMentionScope(): MentionScope | null {
  return useContext(MentionContext);
}
