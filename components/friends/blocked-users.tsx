"use client";

import { createContext, useContext, useState } from "react";
import { useCatchUp, useRealtimeEvent } from "@/components/realtime/realtime-provider";
import { endpoints } from "@/lib/api/endpoints";
import { callApi } from "@/lib/api-client";

const BlockedUsersContext = createContext<ReadonlySet<number>>(new Set());

/**
 * The ids of the users the signed-in user has blocked, on every signed-in page, kept live: a block
 * or an unblock made anywhere arrives as block_changed, and whatever changed while the socket was
 * down is fetched again on each (re)connect.
 */
export function BlockedUsersProvider({ blocked: initial, children }: { blocked: number[]; children: React.ReactNode }) {
  const [blocked, setBlocked] = useState<ReadonlySet<number>>(() => new Set(initial));
  const changed = useCatchUp(
    () => callApi(endpoints.listBlocked),
    (users) => setBlocked(new Set(users.map((user) => user.id))),
  );

  useRealtimeEvent("block_changed", ({ user_id, relationship }) => {
    changed();
    setBlocked((current) => {
      if ((relationship === "blocked") === current.has(user_id)) return current;
      const next = new Set(current);
      if (relationship === "blocked") next.add(user_id);
      else next.delete(user_id);
      return next;
    });
  });

  return <BlockedUsersContext.Provider value={blocked}>{children}</BlockedUsersContext.Provider>;
}

export function useBlockedUsers(): ReadonlySet<number> {
  return useContext(BlockedUsersContext);
}
