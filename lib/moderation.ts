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
