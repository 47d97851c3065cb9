import type { CommunityRole } from "./api/entities";

/**
 * The moderation rank the server enforces (assertOutranks in lib/server/access.ts), for showing
 * only the actions that will succeed: the owner acts on anyone but themself, an admin on plain
 * members; plain members on nobody.
 */
export function outranks(actor: CommunityRole | null | undefined, target: CommunityRole): boolean {
  if (actor === "owner") return target !== "owner";
  if (actor === "admin") return target === "member";
  return false;
}

/** Timeout lengths a moderator picks from, in seconds. */
export const TIMEOUT_CHOICES = [
  { seconds: 60, label: "60 seconds" },
  { seconds: 5 * 60, label: "5 minutes" },
  { seconds: 10 * 60, label: "10 minutes" },
  { seconds: 60 * 60, label: "1 hour" },
  { seconds: 24 * 60 * 60, label: "1 day" },
  { seconds: 7 * 24 * 60 * 60, label: "1 week" },
] as const;

/** How far back a ban also deletes the user's messages, in seconds. */
export const BAN_DELETE_CHOICES = [
  { seconds: 0, label: "None" },
  { seconds: 60 * 60, label: "1 hour" },
  { seconds: 24 * 60 * 60, label: "24 hours" },
  { seconds: 7 * 24 * 60 * 60, label: "7 days" },
] as const;
