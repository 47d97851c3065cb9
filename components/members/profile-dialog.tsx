"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useAppState } from "@/components/app/app-state";
import { AppTag } from "@/components/ui/app-tag";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { endpoints } from "@/lib/api/endpoints";
import type { UserProfile } from "@/lib/api/entities";
import { callApi } from "@/lib/api-client";
import { lastSeen, STATUS_LABEL } from "@/lib/format";

/**
 * A user's card: who they are (an APP tag for a bot), and message / friend / block actions that fit
 * the relationship (bots are never friends).
 * `onChange` receives the profile again after one of those actions changed it; `children` adds a
 * section below (a community's moderation actions).
 */
export function ProfileDialog({
  userId,
  onClose,
  onChange,
  children,
}: {
  userId: number | null;
  onClose: () => void;
  onChange?: (profile: UserProfile) => void;
  children?: React.ReactNode;
}) {
  const router = useRouter();
  const toast = useToast();
  const { me } = useAppState();
  const [profile, setProfile] = useState<UserProfile | null>(null);

  useEffect(() => {
    setProfile(null);
    if (userId === null) return;
    callApi(endpoints.getUser, { params: { id: userId } }).then(setProfile, (error) => toast.error(error.message));
  }, [userId, toast]);

  async function act(work: () => Promise<unknown>, success: string) {
    try {
      await work();
      toast.success(success);
      if (userId === null) return;
      const fresh = await callApi(endpoints.getUser, { params: { id: userId } });
      setProfile(fresh);
      onChange?.(fresh);
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Something went wrong");
    }
  }

  async function acceptIncoming() {
    const incoming = await callApi(endpoints.listIncomingRequests);
    const request = incoming.find((r) => r.sender_id === userId);
    if (request) await callApi(endpoints.acceptFriendRequest, { params: { id: request.id } });
  }

  return (
    <Dialog open={userId !== null} onClose={onClose} title={profile?.display_name ?? "Profile"} description={profile ? `@${profile.username}` : undefined}>
      {!profile ? (
        <p className="text-sm text-muted">Loading…</p>
      ) : (
        <div className="space-y-4">
          <div className="flex items-center gap-4">
            <Avatar name={profile.display_name} url={profile.avatar_url} status={profile.status} size={64} />
            <div>
              {profile.is_bot && (
                <p className="mb-1 flex items-center gap-1.5 text-xs text-muted">
                  <AppTag /> Automated account
                </p>
              )}
              <p className="text-sm text-strong">{STATUS_LABEL[profile.status]}</p>
              {profile.custom_status && <p className="text-sm text-muted">{profile.custom_status}</p>}
              {profile.status === "offline" && profile.last_seen && <p className="text-xs text-muted">{lastSeen(profile.last_seen)}</p>}
              <p className="text-xs text-muted">Member since {new Date(profile.created_at).toLocaleDateString()}</p>
            </div>
          </div>
          {profile.id !== me.id && (
            <div className="flex flex-wrap gap-2">
              {profile.relationship !== "blocked" && (
                <Button
                  onClick={() => {
                    onClose();
                    router.push(`/channels/me/${profile.id}`);
                  }}
                >
                  Message
                </Button>
              )}
              {profile.relationship === "none" && !profile.is_bot && (
                <Button variant="success" onClick={() => act(() => callApi(endpoints.sendFriendRequest, { body: { receiver_id: profile.id } }), "Friend request sent")}>
                  Add friend
                </Button>
              )}
              {profile.relationship === "incoming_request" && (
                <Button variant="success" onClick={() => act(acceptIncoming, "You are now friends")}>
                  Accept friend request
                </Button>
              )}
              {profile.relationship === "outgoing_request" && (
                <Button variant="secondary" disabled>
                  Friend request sent
                </Button>
              )}
              {profile.relationship === "friend" && (
                <Button variant="secondary" onClick={() => act(() => callApi(endpoints.removeFriend, { params: { id: profile.id } }), "Friend removed")}>
                  Remove friend
                </Button>
              )}
              {profile.relationship === "blocked" ? (
                <Button variant="secondary" onClick={() => act(() => callApi(endpoints.unblockUser, { params: { id: profile.id } }), "User unblocked")}>
                  Unblock
                </Button>
              ) : (
                <Button variant="danger" onClick={() => act(() => callApi(endpoints.blockUser, { params: { id: profile.id } }), "User blocked")}>
                  Block
                </Button>
              )}
            </div>
          )}
          {children}
        </div>
      )}
    </Dialog>
  );
}
