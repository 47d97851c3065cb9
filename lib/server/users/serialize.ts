import type { PublicUser, SelfUser, UserIdentity } from "@/lib/api/entities";
import type { User } from "../db/generated/client";

export const iso = (date: Date) => date.toISOString();
export const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

type UserRow = Pick<User, "id" | "username" | "display_name" | "avatar_url" | "status" | "custom_status" | "last_seen" | "created_at" | "is_bot">;

/** The User shape as anyone may see it: never an email, never a password hash. */
export function toPublicUser(user: UserRow): PublicUser {
  return {
    id: user.id,
    username: user.username,
    display_name: user.display_name ?? user.username,
    avatar_url: user.avatar_url,
    status: user.status,
    custom_status: user.custom_status,
    last_seen: isoOrNull(user.last_seen),
    created_at: iso(user.created_at),
    is_bot: user.is_bot,
  };
}

/** The caller's own account: the only shape that carries an email. */
export function toSelfUser(user: User): SelfUser {
  return { ...toPublicUser(user), email: user.email };
}

export function toUserSummary(user: Pick<User, "username" | "display_name" | "avatar_url">) {
  return { username: user.username, display_name: user.display_name ?? user.username, avatar_url: user.avatar_url };
}

/** Columns of a UserIdentity; use as a Prisma `select`. */
export const userIdentitySelect = { id: true, username: true, display_name: true, avatar_url: true } as const;

export function toUserIdentity(user: Pick<User, "id" | "username" | "display_name" | "avatar_url">): UserIdentity {
  return { id: user.id, ...toUserSummary(user) };
}

/** Columns every public user shape needs; use as a Prisma `select`. */
export const publicUserSelect = {
  id: true,
  username: true,
  display_name: true,
  avatar_url: true,
  status: true,
  custom_status: true,
  last_seen: true,
  created_at: true,
  is_bot: true,
} as const;
