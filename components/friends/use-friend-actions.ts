"use client";

import { useState } from "react";
import { useDirect } from "@/components/dm/direct-provider";
import { useToast } from "@/components/ui/toast";
import { endpoints } from "@/lib/api/endpoints";
import type { BlockedUser, Friend, FriendRequest } from "@/lib/api/entities";
import { callApi } from "@/lib/api-client";
import type { useFriends } from "./use-friends";

export type FriendConfirm = { action: "remove" | "block"; user: { id: number; display_name: string } } | null;

/**
 * What the Friends home does to requests, friends and blocks. One action at a time: `busy` holds
 * every action button while one is in flight; removing and blocking ask first (`confirm`).
 */
export function useFriendActions({ addFriend, dropFriend, setBlocked }: Pick<ReturnType<typeof useFriends>, "addFriend" | "dropFriend" | "setBlocked">) {
  const toast = useToast();
  const { applyRequest, refreshConversations } = useDirect();
  const [confirm, setConfirm] = useState<FriendConfirm>(null);
  const [busy, setBusy] = useState(false);

  async function act<T>(work: () => Promise<T>, done: (result: T) => void) {
    setBusy(true);
    try {
      done(await work());
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Something went wrong");
    } finally {
      setBusy(false);
    }
  }

  const accept = (request: FriendRequest) =>
    act(
      () => callApi(endpoints.acceptFriendRequest, { params: { id: request.id } }),
      ({ request: accepted, friend }) => {
        applyRequest(accepted);
        if (!friend) return;
        addFriend(friend);
        toast.success(`You and ${friend.display_name} are now friends`);
      },
    );
  const reject = (request: FriendRequest) => act(() => callApi(endpoints.rejectFriendRequest, { params: { id: request.id } }), applyRequest);
  const cancel = (request: FriendRequest) => act(() => callApi(endpoints.cancelFriendRequest, { params: { id: request.id } }), applyRequest);

  function confirmAction() {
    if (!confirm) return;
    const { action, user } = confirm;
    const done = () => {
      setConfirm(null);
      dropFriend(user.id);
    };
    if (action === "remove") {
      void act(
        () => callApi(endpoints.removeFriend, { params: { id: user.id } }),
        () => {
          done();
          toast.success(`${user.display_name} is no longer your friend`);
        },
      );
      return;
    }
    void act(
      () => callApi(endpoints.blockUser, { params: { id: user.id } }),
      (blockedUser) => {
        done();
        setBlocked((list) => [blockedUser, ...list.filter((b) => b.id !== user.id)]);
        refreshConversations();
        toast.success(`You blocked ${user.display_name}`);
      },
    );
  }

  const unblock = (user: BlockedUser) =>
    act(
      () => callApi(endpoints.unblockUser, { params: { id: user.id } }),
      () => {
        setBlocked((list) => list.filter((b) => b.id !== user.id));
        refreshConversations();
        toast.success(`You unblocked ${user.display_name}`);
      },
    );

  return {
    busy,
    confirm,
    askToRemove: (user: Friend) => setConfirm({ action: "remove", user }),
    askToBlock: (user: Friend) => setConfirm({ action: "block", user }),
    dismissConfirm: () => setConfirm(null),
    confirmAction,
    accept,
    reject,
    cancel,
    unblock,
  };
}
