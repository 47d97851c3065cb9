// Discord's search syntax in one box: `from:alice in:general has:image before:2026-11-01 words`.
// Filters the page cannot resolve (an unknown user or channel) stay words, so nothing is dropped
// silently.

export const HAS_KINDS = ["image", "file", "link"] as const;
export type HasKind = (typeof HAS_KINDS)[number];

export interface SearchFilters {
  text: string;
  authorId?: number;
  channelId?: number;
  has?: HasKind;
  /** ISO dates, for the API's before/after. */
  before?: string;
  after?: string;
}

/** Who and where the box can name: usernames and channel names of the community (or the DM's two people). */
export interface SearchNames {
  people: { id: number; username: string }[];
  channels: { id: number; name: string }[];
}

const FILTER = /(?:^|\s)(from|in|has|before|after):(\S+)/gi;

function isoDay(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function parseSearch(input: string, names: SearchNames): SearchFilters {
  const filters: SearchFilters = { text: "" };
  const resolvers: Record<string, (value: string) => Partial<SearchFilters> | null> = {
    from: (value) => {
      const person = names.people.find((p) => p.username.toLowerCase() === value);
      return person ? { authorId: person.id } : null;
    },
    in: (value) => {
      const channel = names.channels.find((c) => c.name.toLowerCase() === value);
      return channel ? { channelId: channel.id } : null;
    },
    has: (value) => {
      const kind = HAS_KINDS.find((h) => h === value);
      return kind ? { has: kind } : null;
    },
    before: (value) => (isoDay(value) ? { before: isoDay(value) } : null),
    after: (value) => (isoDay(value) ? { after: isoDay(value) } : null),
  };
  const words = input.replace(FILTER, (whole, key: string, raw: string) => {
    const resolved = resolvers[key.toLowerCase()](raw.replace(/^[@#]/, "").toLowerCase());
    if (!resolved) return whole;
    Object.assign(filters, resolved);
    return " ";
  });
  filters.text = words.replace(/\s+/g, " ").trim();
  return filters;
}

/** Whether the filters ask for anything at all (an empty search is not sent). */
export function hasCriteria(filters: SearchFilters): boolean {
  return !!(filters.text || filters.authorId || filters.channelId || filters.has || filters.before || filters.after);
}
