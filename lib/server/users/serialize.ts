import type { User } from "../db/generated/client";

/** The User shape as anyone may see it: never an email, never a password hash. */
export function toPublicUser(user: User) {
  return {
    id: user.id,
    username: user.username,
    display_name: user.display_name ?? user.username,
    avatar_url: user.avatar_url,
    status: user.status,
    custom_status: user.custom_status,
    last_seen: user.last_seen,
    created_at: user.created_at,
  };
}

/** The caller's own account: the only shape that carries an email. */
export function toSelfUser(user: User) {
  return { ...toPublicUser(user), email: user.email };
}

export type PublicUser = ReturnType<typeof toPublicUser>;
export type SelfUser = ReturnType<typeof toSelfUser>;
