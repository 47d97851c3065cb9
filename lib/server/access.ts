import {
  type CommunityPermission,
  can,
  canBecomeMemberVia,
  canDeleteInvite,
  canReadChannel,
  canSeeCommunity,
  isTimedOut,
  type MembershipSource,
  outranks,
  postingRefusal,
  rolesWith,
} from "@/lib/permissions";
import { db, queries, type Tx } from "./db/client";
import type { Channel, CommunityMember, CommunityRole } from "./db/generated/client";
import { ApiError, notFound } from "./errors";
import { isAssistant } from "./assistant/assistant-account";

// Where the server enforces who may do what: it reads the memberships, roles, bans and blocks,
// asks the rules in lib/permissions.ts (the ones the browser asks too) and answers a refusal.
// Route handlers and socket handlers reach these checks only through the domain functions that
// call them.
//
// A caller who may not see a resource gets exactly the 404 a missing one gets. A caller who may
// see it but not change it (a plain member trying an admin action) gets 403.

export type Role = CommunityRole;

export function findMembership(userId: number, communityId: number): Promise<CommunityMember | null> {
  return db.communityMember.findUnique({ where: { community_id_user_id: { community_id: communityId, user_id: userId } } });
}

/** The caller's membership, or the "Community not found" 404 for non-members. */
export async function requireMember(userId: number, communityId: number): Promise<CommunityMember> {
  const membership = await findMembership(userId, communityId);
  if (!membership) throw notFound("Community");
  return membership;
}

export function forbidden(message: string): ApiError {
  return new ApiError("forbidden", message);
}

/** The 403 for a member whose role lacks `permission`, naming the roles that have it. */
function lacking(permission: CommunityPermission, action: string): ApiError {
  const roles = rolesWith(permission);
  return forbidden(`Only ${roles.length === 1 ? `the ${roles[0]}` : roles.map((r) => `${r}s`).join(" and ")} can ${action}`);
}

/** Membership with `permission` (`action` words the refusal): non-members get 404, members without it 403. */
export async function requirePermission(userId: number, communityId: number, permission: CommunityPermission, action: string): Promise<CommunityMember> {
  const membership = await requireMember(userId, communityId);
  if (!can(membership.role, permission)) throw lacking(permission, action);
  return membership;
}

/** A non-public community exists only for its members (and for whoever holds an invite to it: the preview). */
export function isCommunityVisible(community: { is_public: boolean }, membership: CommunityMember | null): boolean {
  return canSeeCommunity(community, membership !== null);
}

const PAST_TENSE = { remove: "removed", ban: "banned", "time out": "timed out" } as const;

/** Refuses a kick, ban or timeout of someone the actor does not outrank, saying why. (Acting on oneself is the caller's 400.) */
export function assertOutranks(actor: Role, target: Role | null, action: keyof typeof PAST_TENSE): void {
  if (outranks(actor, target)) return;
  if (target === "owner") throw forbidden(`The owner cannot be ${PAST_TENSE[action]}`);
  throw forbidden(`Admins cannot ${action} other admins`);
}

/** True when the user is banned from the community; `client` is a transaction's, to read inside it. */
export async function isBanned(userId: number, communityId: number, client: Pick<Tx, "communityBan"> = db): Promise<boolean> {
  const ban = await client.communityBan.findUnique({
    where: { community_id_user_id: { community_id: communityId, user_id: userId } },
    select: { id: true },
  });
  return ban !== null;
}

/**
 * Whether `userId` may become a member of `community` (null: it does not exist) this way. Joining
 * on one's own needs a public community, and a non-public one answers exactly like a missing one;
 * an invite or a manager works for any community. Nobody banned becomes a member, whichever way.
 */
export async function assertCanBecomeMember(
  client: Pick<Tx, "communityBan">,
  userId: number,
  community: { id: number; is_public: boolean } | null,
  via: MembershipSource,
): Promise<void> {
  if (!community || !canBecomeMemberVia(community, via)) throw notFound("Community");
  if (await isBanned(userId, community.id, client)) throw new ApiError("banned", "You are banned from this community", undefined, 403);
}

/**
 * Who may delete an invite: its creator or a manager of its community. Other members get 403;
 * non-members the 404 an unknown code gets.
 */
export async function requireInviteManager(userId: number, invite: { community_id: number; inviter_id: number | null }): Promise<void> {
  const membership = await findMembership(userId, invite.community_id);
  if (!membership) throw notFound("Invite");
  if (!canDeleteInvite({ id: userId, role: membership.role }, invite)) {
    throw forbidden("Only the invite's creator, owners and admins can delete an invite");
  }
}

export interface ChannelAccess {
  channel: Channel;
  membership: CommunityMember;
  /** Holds an explicit private-channel membership row. */
  isChannelMember: boolean;
}

/**
 * Whether `userId` can read the channel: a member of its community, and for a private channel its
 * owner, an admin or one of its members. One round trip.
 */
export async function findChannelAccess(userId: number, channelId: number): Promise<ChannelAccess | null> {
  const row = await queries.channelAccess(userId, channelId);
  if (!row) return null;
  const { channel, role } = row;
  if (!canReadChannel(channel.type, role, row.isChannelMember)) return null;
  const membership = { id: row.membershipId, community_id: channel.community_id, user_id: userId, role, joined_at: row.joinedAt, timeout_until: row.timeoutUntil };
  return { channel, membership, isChannelMember: row.isChannelMember };
}

export async function requireChannelAccess(userId: number, channelId: number): Promise<ChannelAccess> {
  const access = await findChannelAccess(userId, channelId);
  if (!access) throw notFound("Channel");
  return access;
}

/** A readable channel where the caller's role has `permission`: readers without it get 403, everyone else 404. */
export async function requireChannelPermission(userId: number, channelId: number, permission: CommunityPermission, action: string): Promise<ChannelAccess> {
  const access = await requireChannelAccess(userId, channelId);
  if (!can(access.membership.role, permission)) throw lacking(permission, action);
  return access;
}

/** A readable channel the caller also manages (owner or admin of its community). */
export function requireChannelManager(userId: number, channelId: number, action: string): Promise<ChannelAccess> {
  return requireChannelPermission(userId, channelId, "manageChannels", action);
}

/**
 * Who may delete a webhook: an owner or admin of its community who can read its channel. Whoever
 * cannot read the channel gets the 404 an unknown webhook gets; other readers 403.
 */
export async function requireWebhookManager(userId: number, webhook: { channel_id: number }): Promise<ChannelAccess> {
  const access = await findChannelAccess(userId, webhook.channel_id);
  if (!access) throw notFound("Webhook");
  if (!can(access.membership.role, "manageWebhooks")) throw lacking("manageWebhooks", "manage webhooks");
  return access;
}

/** A timed-out member reads but cannot send, edit, react or type until `timeout_until`. */
export function assertNotTimedOut(membership: Pick<CommunityMember, "timeout_until">): void {
  const until = membership.timeout_until;
  if (until && isTimedOut(until)) {
    throw new ApiError("timed_out", `You are timed out in this community until ${until.toISOString()}`, { until: until.toISOString() }, 403);
  }
}

export const voiceChannelRefusal = () => new ApiError("voice_channel", "Voice channels do not take text messages", undefined, 400);

/** Posting rules on top of read access: not timed out, no text in voice channels, announcements by managers. */
export function assertCanPost({ channel, membership }: ChannelAccess): void {
  assertNotTimedOut(membership);
  const refusal = postingRefusal(channel.type, membership.role);
  if (refusal === "voice_channel") throw voiceChannelRefusal();
  if (refusal === "announcement") throw lacking("postInAnnouncements", "post in announcement channels");
}

/** Where clause for the channels of a community that a member with `role` can read. */
export function readableChannelsWhere(userId: number, communityId: number, role: Role) {
  return can(role, "readPrivateChannels")
    ? { community_id: communityId }
    : { community_id: communityId, OR: [{ type: { not: "private" as const } }, { members: { some: { user_id: userId } } }] };
}

/**
 * How `viewerId` stands with `otherId` as far as blocks go: "blocked" when the viewer blocked them
 * (whether or not they blocked back), "blocked_you" when only they blocked the viewer, else null.
 */
export async function blockBetween(viewerId: number, otherId: number, client: Pick<Tx, "blockedUser"> = db): Promise<"blocked" | "blocked_you" | null> {
  const blocks = await client.blockedUser.findMany({
    where: { OR: [{ user_id: viewerId, blocked_user_id: otherId }, { user_id: otherId, blocked_user_id: viewerId }] },
    select: { user_id: true },
  });
  if (blocks.some((block) => block.user_id === viewerId)) return "blocked";
  return blocks.length > 0 ? "blocked_you" : null;
}

/** True when either user has blocked the other; `client` is a transaction's, to read inside it. */
export async function isBlockedBetween(a: number, b: number, client: Pick<Tx, "blockedUser"> = db): Promise<boolean> {
  return (await blockBetween(a, b, client)) !== null;
}

/**
 * The users on the other side of a block with `userId`, whichever of the two blocked. Presence is
 * hidden across a block both ways: each sees the other offline, without custom status or last
 * seen, in every REST answer and every live event (users/presence-view.ts, realtime/presence.ts).
 */
export async function usersAcrossBlock(userId: number): Promise<number[]> {
  const blocks = await db.blockedUser.findMany({
    where: { OR: [{ user_id: userId }, { blocked_user_id: userId }] },
    select: { user_id: true, blocked_user_id: true },
  });
  return [...new Set(blocks.map((b) => (b.user_id === userId ? b.blocked_user_id : b.user_id)))];
}

export const cannotMessage = () => new ApiError("cannot_message_user", "You cannot send messages to this user", undefined, 403);

/** Whether the two users are members of one community at least. */
export async function shareCommunity(a: number, b: number): Promise<boolean> {
  return (await db.communityMember.findFirst({ where: { user_id: a, community: { members: { some: { user_id: b } } } }, select: { id: true } })) !== null;
}

/**
 * Whether `senderId` may write to `receiverId` (a direct message, a typing indicator): anyone else
 * whose account still exists, unless either of the two has blocked the other. A bot and a user
 * (or two bots) write to each other only while they share a community: nobody is spammed by a bot
 * they never met.
 */
export async function assertCanMessage(senderId: number, receiverId: number): Promise<void> {
  if (receiverId === senderId) throw new ApiError("invalid_request", "You cannot send a direct message to yourself");
  const [receiver, sender] = await Promise.all([requireActiveUser(receiverId), db.user.findUnique({ where: { id: senderId }, select: { is_bot: true, email: true } })]);
  if (await isBlockedBetween(senderId, receiverId)) throw cannotMessage();
  const withAssistant = isAssistant(receiver) || (sender !== null && isAssistant(sender));
  if ((receiver.is_bot || sender?.is_bot) && !withAssistant && !(await shareCommunity(senderId, receiverId))) {
    throw new ApiError("cannot_message_user", "A bot and a user exchange direct messages only while they share a community", undefined, 403);
  }
}

/** Bots have no friends and create no communities: what they may not do answers 403. */
export async function assertNotBot(userId: number, action: string): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { is_bot: true } });
  if (user?.is_bot) throw forbidden(`Bots cannot ${action}`);
}

/**
 * A direct message its author is changing (editing, deleting). Only its two parties know it
 * exists: anyone else gets the 404 a missing one gets, the other party 403. A block changes
 * nothing here: as in Discord, people can still edit and delete their own messages afterwards.
 */
export async function requireOwnDirectMessage(userId: number, messageId: number, action: string) {
  const message = await db.directMessage.findUnique({ where: { id: messageId } });
  if (!message || (message.sender_id !== userId && message.receiver_id !== userId)) throw notFound("Message");
  if (message.sender_id !== userId) throw forbidden(`Only the author can ${action} a direct message`);
  return message;
}

/** Any user, deleted accounts included (their profile and DM history stay readable). */
export async function requireUser(userId: number) {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw notFound("User");
  return user;
}

/** A user who can still be reached (messaged, blocked, befriended, added): a deleted account is missing. */
export async function requireActiveUser(userId: number) {
  const user = await requireUser(userId);
  if (user.deleted_at) throw notFound("User");
  return user;
}

export function assertPrivateChannel(channel: Channel): void {
  if (channel.type !== "private") {
    throw new ApiError("invalid_request", "Only private channels have a member list of their own");
  }
}
