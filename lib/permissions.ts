import type { Channel, CommunityRole, Message } from "./api/entities";

// Who may do what in a community, as pure rules over roles and ids: the server enforces them
// (lib/server/access.ts and the domain functions, after reading the rows) and the browser asks
// the same functions to show only what will succeed. Nothing here reads or throws.

const OWNER = ["owner"] as const satisfies readonly CommunityRole[];
const MANAGERS = ["owner", "admin"] as const satisfies readonly CommunityRole[];

/** The roles that may do each thing; the order is how refusals name them ("Only owners and admins can …"). */
const ROLES_ALLOWED = {
  /** Name, description, images, colour and whether the community is public. */
  editCommunity: MANAGERS,
  deleteCommunity: OWNER,
  /** Everyone but the owner, who deletes the community instead. */
  leaveCommunity: ["admin", "member"],
  /** Create, edit and delete channels, and give or take private-channel access. */
  manageChannels: MANAGERS,
  addMembers: MANAGERS,
  /** Make a member an admin or an admin a member; the owner's role never changes. */
  setRoles: OWNER,
  /** Kick, ban and time out: only over someone the actor outranks. */
  moderateMembers: MANAGERS,
  /** See the bans and lift them. */
  manageBans: MANAGERS,
  /** See every usable invite and delete anyone's (any member creates invites and deletes their own). */
  manageInvites: MANAGERS,
  readAuditLog: MANAGERS,
  /** Read every private channel without being added to it. */
  readPrivateChannels: MANAGERS,
  postInAnnouncements: MANAGERS,
  /** Make `@everyone` / `@here` take effect (from anyone else they are plain text). */
  mentionEveryone: MANAGERS,
  deleteOthersMessages: MANAGERS,
  /** Post without waiting out a channel's slowmode. */
  skipSlowmode: MANAGERS,
  /** Pin and unpin messages (Discord's Manage Messages: authors do not pin their own). */
  pinMessages: MANAGERS,
  /** Create, list and delete a channel's incoming webhooks (Discord's Manage Webhooks). */
  manageWebhooks: MANAGERS,
} as const satisfies Record<string, readonly CommunityRole[]>;

export type CommunityPermission = keyof typeof ROLES_ALLOWED;

/** The roles that have `permission`, e.g. for a database filter or a refusal's wording. */
export function rolesWith(permission: CommunityPermission): readonly CommunityRole[] {
  return ROLES_ALLOWED[permission];
}

/** Whether a member with `role` has `permission`; a non-member (null) has none. */
export function can(role: CommunityRole | null | undefined, permission: CommunityPermission): boolean {
  return role != null && rolesWith(permission).includes(role);
}

/**
 * The moderation rank, for kicks, bans and timeouts: the owner acts on anyone but themself, an
 * admin on plain members and on users who are not members (`target` null); plain members on nobody.
 * Nobody outranks themself, since nobody outranks their own role.
 */
export function outranks(actor: CommunityRole | null | undefined, target: CommunityRole | null): boolean {
  if (!can(actor, "moderateMembers") || target === "owner") return false;
  return actor === "owner" || target !== "admin";
}

/** Whether `actor` may make `target` an admin or a plain member. */
export function canSetRole(actor: CommunityRole | null | undefined, target: CommunityRole): boolean {
  return can(actor, "setRoles") && target !== "owner";
}

/** Why a member with `role` may not post text in a channel of `type` (timeouts aside), or null when they may. */
export function postingRefusal(type: Channel["type"], role: CommunityRole): "voice_channel" | "announcement" | null {
  if (type === "voice") return "voice_channel";
  if (type === "announcement" && !can(role, "postInAnnouncements")) return "announcement";
  return null;
}

/** A timed-out member reads but cannot send, edit, react or type until then. */
export function isTimedOut(timeoutUntil: Date | string | null | undefined, now = Date.now()): boolean {
  return timeoutUntil != null && new Date(timeoutUntil).getTime() > now;
}

/** Whether a community member with `role` reads a channel: every one but a private one, which needs access of its own. */
export function canReadChannel(type: Channel["type"], role: CommunityRole, isChannelMember: boolean): boolean {
  return type !== "private" || isChannelMember || can(role, "readPrivateChannels");
}

type MessageAuthorship = { sender_id: number; message_type: Message["message_type"] };

/**
 * Only its author edits a message. Nobody edits a system message: Auraflow wrote it, its sender
 * (the pinner, the newcomer) did not.
 */
export function canEditMessage(userId: number, message: MessageAuthorship): boolean {
  return message.message_type !== "system" && message.sender_id === userId;
}

/** Its author deletes a message, and so do the community's managers; a system message only they delete. */
export function canDeleteMessage(viewer: { id: number; role: CommunityRole }, message: MessageAuthorship): boolean {
  return (message.message_type !== "system" && message.sender_id === viewer.id) || can(viewer.role, "deleteOthersMessages");
}

/** Its creator deletes an invite, and so do the community's managers. */
export function canDeleteInvite(viewer: { id: number; role: CommunityRole }, invite: { inviter_id: number | null }): boolean {
  return invite.inviter_id === viewer.id || can(viewer.role, "manageInvites");
}

/** A non-public community exists only for its members (and for whoever holds an invite to it: the preview). */
export function canSeeCommunity(community: { is_public: boolean }, isMember: boolean): boolean {
  return community.is_public || isMember;
}

/** How someone becomes a member: on their own (Discover), through an invite, or added by a manager. */
export type MembershipSource = "join" | "invite" | "add";

/** Joining on one's own needs a public community; an invite or a manager brings anyone into any (bans aside). */
export function canBecomeMemberVia(community: { is_public: boolean }, via: MembershipSource): boolean {
  return via !== "join" || community.is_public;
}
