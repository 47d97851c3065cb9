import { initials, STATUS_LABEL } from "@/lib/format";

const STATUS_COLOURS = {
  online: "bg-emerald-500",
  idle: "bg-amber-400",
  dnd: "bg-red-500",
  offline: "bg-zinc-500",
} as const;

export type PresenceStatus = keyof typeof STATUS_COLOURS;

/** Default avatar backgrounds, each dark enough for white initials (at least 4.5:1). */
const DEFAULT_COLOURS = ["#7c3aed", "#1d4ed8", "#047857", "#be123c", "#b45309", "#0e7490", "#a21caf"];

/** The same person always gets the same default colour, and people differ from one another. */
function defaultColour(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return DEFAULT_COLOURS[hash % DEFAULT_COLOURS.length];
}

interface AvatarProps {
  name: string;
  url?: string | null;
  status?: PresenceStatus;
  size?: number;
}

/** A round avatar: the image when there is one, else initials; an optional presence dot. */
export function Avatar({ name, url, status, size = 32 }: AvatarProps) {
  const letters = initials(name);
  return (
    <span className="relative inline-block shrink-0" style={{ width: size, height: size }}>
      {url ? (
        // eslint-disable-next-line @next/next/no-img-element -- avatars are arbitrary user URLs
        <img src={url} alt="" className="size-full rounded-full object-cover" referrerPolicy="no-referrer" />
      ) : (
        <span
          aria-hidden
          className="grid size-full place-items-center rounded-full font-semibold text-white"
          style={{ fontSize: Math.max(10, size * 0.38), backgroundColor: defaultColour(name) }}
        >
          {letters}
        </span>
      )}
      {status && (
        <span
          role="img"
          aria-label={STATUS_LABEL[status]}
          className={`absolute -right-0.5 -bottom-0.5 size-3.5 rounded-full border-[3px] border-sidebar ${STATUS_COLOURS[status]}`}
        />
      )}
    </span>
  );
}
