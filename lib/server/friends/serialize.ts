import type { BlockedUser as BlockedUserDto, Friend as FriendDto, FriendRequest as FriendRequestDto } from "@/lib/api/entities";
import type { FriendRequest, User } from "../db/generated/client";
import { iso, isoOrNull, toUserSummary } from "../users/serialize";

type FriendUser = Pick<User, "id" | "username" | "display_name" | "avatar_url" | "status" | "custom_status" | "last_seen" | "is_bot">;

export function toFriend(user: FriendUser, since: Date): FriendDto {
  return {
    id: user.id,
    username: user.username,
    display_name: user.display_name ?? user.username,
    avatar_url: user.avatar_url,
    status: user.status,
    custom_status: user.custom_status,
    last_seen: isoOrNull(user.last_seen),
    is_bot: user.is_bot,
    friends_since: iso(since),
  };
}

const summarySelect = { select: { username: true, display_name: true, avatar_url: true } } as const;
export const requestInclude = { sender: summarySelect, receiver: summarySelect } as const;

type RequestRow = FriendRequest & {
  sender: Pick<User, "username" | "display_name" | "avatar_url">;
  receiver: Pick<User, "username" | "display_name" | "avatar_url">;
};

export function toFriendRequest(row: RequestRow): FriendRequestDto {
  return {
    id: row.id,
    sender_id: row.sender_id,
    receiver_id: row.receiver_id,
    status: row.status,
    created_at: iso(row.created_at),
    sender: toUserSummary(row.sender),
    receiver: toUserSummary(row.receiver),
  };
}

export function toBlockedUser(user: Pick<User, "id" | "username" | "display_name" | "avatar_url">, blockedAt: Date): BlockedUserDto {
  return { id: user.id, ...toUserSummary(user), blocked_at: iso(blockedAt) };
}

/** Friendships are stored once, smaller id first. */
export function friendPair(a: number, b: number) {
  return a < b ? { user_id_1: a, user_id_2: b } : { user_id_1: b, user_id_2: a };
}
