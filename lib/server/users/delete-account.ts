import type { DeleteAccountInput } from "@/lib/validations/users";
import { deleteAttachments } from "../attachments/purge-attachments";
import { confirmPassword } from "../auth/confirm-password";
import { revokeOtherSessions } from "../auth/end-other-sessions";
import type { Authenticated } from "../auth/session";
import { announceMemberLeft } from "../communities/announce-membership";
import { removeMembership } from "../communities/leave-community";
import { memberInclude, toCommunityMember } from "../communities/serialize";
import { db, transaction, type Tx } from "../db/client";
import { ApiError } from "../errors";
import { announceRequest, announceUnfriended } from "../friends/announce";
import { requestInclude, toFriendRequest } from "../friends/serialize";

/** The name a deleted account goes by: its profile's display name and the author of its messages. */
export const DELETED_USER_NAME = "Deleted User";

/**
 * What a deleted account's row becomes. The username has a hyphen and the email no dot in its
 * domain, both of which registration refuses, so nobody can take them (or block a deletion by
 * taking them first); the id keeps them unique. The password hash is no argon2 hash: nothing verifies.
 */
function anonymised(userId: number) {
  const username = `deleted-user-${userId}`;
  return {
    username,
    username_lower: username,
    email: `${username}@invalid`,
    password_hash: "!deleted",
    display_name: DELETED_USER_NAME,
    avatar_url: null,
    custom_status: null,
    status: "offline" as const,
    preferred_status: "offline" as const,
    last_seen: null,
    deleted_at: new Date(),
  };
}

async function assertOwnsNothing(client: Pick<Tx, "communityMember">, userId: number): Promise<void> {
  const owned = await client.communityMember.findMany({ where: { user_id: userId, role: "owner" }, select: { community_id: true }, orderBy: { community_id: "asc" } });
  if (owned.length === 0) return;
  throw new ApiError(
    "owns_communities",
    "Delete the communities you own (or hand them over) before deleting your account",
    { community_ids: owned.map((row) => row.community_id) },
    409,
  );
}

/**
 * Deletes the caller's account after they confirm their password, unless they own a community
 * (409). The row is anonymised rather than removed, so that messages keep an author: their
 * channel messages show "Deleted User"; their DMs stay. Memberships (with member counts and the
 * member-left events), private-channel access, read positions, friendships, friend requests,
 * blocks and sessions go; every socket of theirs closes. Every file they uploaded (sent or not) and
 * their avatar are deleted.
 */
export async function deleteAccount({ user }: Authenticated, input: DeleteAccountInput): Promise<void> {
  await confirmPassword(user, input.password);
  await eraseAccount(user.id);
  // Their bots go with them: nobody else could rotate or delete their tokens.
  const bots = await db.user.findMany({ where: { bot_owner_id: user.id, is_bot: true, deleted_at: null }, select: { id: true } });
  for (const bot of bots) await eraseAccount(bot.id);
}

/** What deleting an account does (see deleteAccount), once it is decided: also how a bot is deleted. */
export async function eraseAccount(userId: number): Promise<void> {
  await assertOwnsNothing(db, userId);
  const changed = () => new ApiError("conflict", "Your memberships changed meanwhile: try again");

  const outcome = await transaction(async (tx) => {
    // A community created since the check above.
    await assertOwnsNothing(tx, userId);
    await tx.user.update({ where: { id: userId }, data: anonymised(userId) });
    await tx.message.updateMany({ where: { sender_id: userId }, data: { author: DELETED_USER_NAME, avatar_url: null } });

    // Read after the anonymisation: the member-left events show the deleted profile.
    const memberships = await tx.communityMember.findMany({ where: { user_id: userId }, include: memberInclude });
    for (const membership of memberships) if (!(await removeMembership(tx, userId, membership.community_id))) throw changed();
    await tx.channelMember.deleteMany({ where: { user_id: userId } });
    await tx.channelReadState.deleteMany({ where: { user_id: userId } });

    const friendships = await tx.friend.findMany({ where: { OR: [{ user_id_1: userId }, { user_id_2: userId }] } });
    await tx.friend.deleteMany({ where: { id: { in: friendships.map((f) => f.id) } } });
    const pending = await tx.friendRequest.findMany({
      where: { status: "pending", OR: [{ sender_id: userId }, { receiver_id: userId }] },
      include: requestInclude,
    });
    await tx.friendRequest.deleteMany({ where: { OR: [{ sender_id: userId }, { receiver_id: userId }] } });
    await tx.blockedUser.deleteMany({ where: { OR: [{ user_id: userId }, { blocked_user_id: userId }] } });

    return {
      left: memberships.map((m) => ({ communityId: m.community_id, member: toCommunityMember(m) })),
      formerFriends: friendships.map((f) => (f.user_id_1 === userId ? f.user_id_2 : f.user_id_1)),
      withdrawn: pending.map((row) => toFriendRequest({ ...row, status: "cancelled" })),
      disconnect: await revokeOtherSessions(tx, userId, null),
    };
  });

  await outcome.disconnect();
  // Their files go with the account: what they sent and what they had not sent yet, and their avatar.
  await deleteAttachments({ uploader_id: userId, kind: { in: ["upload", "avatar"] } });
  for (const { communityId, member } of outcome.left) await announceMemberLeft(communityId, userId, member);
  for (const friendId of outcome.formerFriends) announceUnfriended(userId, friendId);
  outcome.withdrawn.forEach(announceRequest);
}
