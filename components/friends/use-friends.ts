"use client";

import { useEffect, useState } from "react";
import { useRealtime, useRealtimeEvent } from "@/components/realtime/realtime-provider";
import { endpoints } from "@/lib/api/endpoints";
import type { BlockedUser, Friend } from "@/lib/api/entities";
import { callApi } from "@/lib/api-client";
import { applyUserStatus } from "@/lib/realtime/presence";

/** The caller's friends and blocked users, kept live: socket events as they come, the API after every (re)connect. */
export function useFriends(initialFriends: Friend[], initialBlocked: BlockedUser[]) {
  const { connection } = useRealtime();
  const [friends, setFriends] = useState(initialFriends);
  const [blocked, setBlocked] = useState(initialBlocked);

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
  useRealtimeEvent("user_status", (status) => setFriends((list) => applyUserStatus(list, status)));

  return { friends, blocked, setBlocked, addFriend, dropFriend };
}
