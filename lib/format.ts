/** Display helpers shared by the browser UI. */

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
const dateFormat = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric" });

function sameDay(a: Date, b: Date) {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** "Today at 3:04 PM", "Yesterday at 9:12 AM" or "Mar 3, 2026 3:04 PM". */
export function messageTimestamp(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(date, now)) return `Today at ${timeFormat.format(date)}`;
  if (sameDay(date, yesterday)) return `Yesterday at ${timeFormat.format(date)}`;
  return `${dateFormat.format(date)} ${timeFormat.format(date)}`;
}

export function shortTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

export function lastSeen(iso: string | null): string {
  if (!iso) return "Offline";
  const minutes = Math.round((Date.now() - new Date(iso).getTime()) / 60_000);
  if (minutes < 1) return "Last seen just now";
  if (minutes < 60) return `Last seen ${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `Last seen ${hours} h ago`;
  return `Last seen ${dateFormat.format(new Date(iso))}`;
}

export const STATUS_LABEL = { online: "Online", idle: "Idle", dnd: "Do Not Disturb", offline: "Offline" } as const;

export function initials(name: string): string {
  const words = name.trim().split(/[\s_.]+/).filter(Boolean);
  return (words.length > 1 ? words[0][0] + words[1][0] : name.slice(0, 2)).toUpperCase();
}

export function newNonce(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
}

/** "45 s", "5 min", "2 h", "7 days": a short duration for slowmode, invite ages and countdowns. */
export function shortDuration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h`;
  const days = Math.round(seconds / 86_400);
  return `${days} day${days === 1 ? "" : "s"}`;
}

/** A moment in the viewer's local time: "3:04 PM" today, else with its date. */
export function localMoment(iso: string, now = new Date()): string {
  const date = new Date(iso);
  return sameDay(date, now) ? timeFormat.format(date) : `${dateFormat.format(date)} ${timeFormat.format(date)}`;
}

/** How long to wait, as a person would say it: "45 seconds", "3 minutes". */
export function waitTime(seconds: number): string {
  const whole = Math.max(1, Math.ceil(seconds));
  if (whole < 90) return `${whole} second${whole === 1 ? "" : "s"}`;
  return `${Math.ceil(whole / 60)} minutes`;
}

/** "512 B", "4.2 KB", "18 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
