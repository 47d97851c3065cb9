"use client";

import { usePathname, useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useMemo, useState } from "react";
import { endpoints } from "@/lib/api/endpoints";
import type { Community, SelfUser } from "@/lib/api/entities";
import { callApi } from "@/lib/api-client";
import { useRealtimeEvent } from "@/components/realtime/realtime-provider";
import { useToast } from "@/components/ui/toast";

interface AppState {
  me: SelfUser;
  setMe: (me: SelfUser) => void;
  communities: Community[];
  upsertCommunity: (community: Community) => void;
  removeCommunity: (id: number) => void;
  /** Phone layout: the navigation drawer (rail + sidebar) and the member list. */
  navOpen: boolean;
  setNavOpen: (open: boolean) => void;
  membersOpen: boolean;
  setMembersOpen: (open: boolean) => void;
}

const AppStateContext = createContext<AppState | null>(null);

/** The signed-in user and their communities, kept live across pages. */
export function AppStateProvider({ me: initialMe, communities: initial, children }: { me: SelfUser; communities: Community[]; children: React.ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const toast = useToast();
  const [me, setMe] = useState(initialMe);
  const [communities, setCommunities] = useState(initial);
  const [navOpen, setNavOpen] = useState(false);
  const [membersOpen, setMembersOpen] = useState(false);

  const upsertCommunity = useCallback((community: Community) => {
    setCommunities((list) => {
      const existing = list.find((c) => c.id === community.id);
      if (!existing) return [...list, community];
      return list.map((c) => (c.id === community.id ? { ...community, role: community.role ?? c.role } : c));
    });
  }, []);

  const removeCommunity = useCallback(
    (id: number) => {
      setCommunities((list) => list.filter((c) => c.id !== id));
      if (pathname.startsWith(`/channels/${id}/`) || pathname === `/channels/${id}`) router.push("/channels/me");
    },
    [pathname, router],
  );

  useRealtimeEvent("community_created", upsertCommunity);
  useRealtimeEvent("community_updated", (community) => {
    setCommunities((list) => list.map((c) => (c.id === community.id ? { ...community, role: c.role } : c)));
  });
  useRealtimeEvent("community_deleted", ({ id }) => {
    if (communities.some((c) => c.id === id)) toast.info("A community you were in was deleted.");
    removeCommunity(id);
  });
  useRealtimeEvent("community_member_added", ({ community_id, user }) => {
    if (user.id !== me.id || communities.some((c) => c.id === community_id)) return;
    callApi(endpoints.getCommunity, { params: { id: community_id } }).then(upsertCommunity, () => undefined);
  });
  // Leaving, a kick and a ban all arrive here; after a leave from this tab the community is already gone.
  useRealtimeEvent("community_member_left", ({ community_id, user }) => {
    if (user.id !== me.id) return;
    const community = communities.find((c) => c.id === community_id);
    if (community) toast.info(`You are no longer a member of ${community.name}.`);
    removeCommunity(community_id);
  });
  useRealtimeEvent("community_member_updated", ({ community_id, user }) => {
    if (user.id === me.id) setCommunities((list) => list.map((c) => (c.id === community_id ? { ...c, role: user.role } : c)));
  });
  useRealtimeEvent("user_status", (status) => {
    if (status.user_id === me.id) {
      setMe((current) => ({ ...current, status: status.status, custom_status: status.custom_status, display_name: status.display_name, avatar_url: status.avatar_url }));
    }
  });

  const value = useMemo(
    () => ({ me, setMe, communities, upsertCommunity, removeCommunity, navOpen, setNavOpen, membersOpen, setMembersOpen }),
    [me, communities, upsertCommunity, removeCommunity, navOpen, membersOpen],
  );
  return <AppStateContext.Provider value={value}>{children}</AppStateContext.Provider>;
}

export function useAppState(): AppState {
  const state = useContext(AppStateContext);
  if (!state) throw new Error("useAppState outside AppStateProvider");
  return state;
}
