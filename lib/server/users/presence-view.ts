import { usersAcrossBlock } from "../access";

/** The presence fields of any user shape (REST rows and DTOs, live events). */
interface Presence {
  status: string;
  custom_status: string | null;
  last_seen: unknown;
}

/** The user as someone they must not be seen by sees them: offline, no custom status, no last seen. */
export function hidePresence<T extends Presence>(user: T): T {
  return { ...user, status: "offline", custom_status: null, last_seen: null };
}

/**
 * How `viewerId` sees other users' presence: as it is, except across a block (either way, see
 * access.ts usersAcrossBlock), where they appear offline. Every REST answer that shows another
 * user's status to a viewer goes through the function this returns.
 */
export async function presenceViewOf(viewerId: number): Promise<<T extends Presence & { id: number }>(user: T) => T> {
  const hidden = new Set(await usersAcrossBlock(viewerId));
  return (user) => (hidden.has(user.id) ? hidePresence(user) : user);
}
