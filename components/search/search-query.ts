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
  const words = input.replace(FILTER, (whole, key: string, raw: string) => {
    const value = raw.replace(/^[@#]/, "").toLowerCase();
    const kind = key.toLowerCase();
    if (kind === "from") filters.authorId = names.people.find((p) => p.username.toLowerCase() === value)?.id;
    else if (kind === "in") filters.channelId = names.channels.find((c) => c.name.toLowerCase() === value)?.id;
    else if (kind === "has") filters.has = HAS_KINDS.find((h) => h === value);
    else if (kind === "before") filters.before = isoDay(value);
    else filters.after = isoDay(value);
    const resolved = { from: filters.authorId, in: filters.channelId, has: filters.has, before: filters.before, after: filters.after }[kind];
    return resolved === undefined ? whole : " ";
  });
  filters.text = words.replace(/\s+/g, " ").trim();
  return filters;
}

/** Whether the filters ask for anything at all (an empty search is not sent). */
export function hasCriteria(filters: SearchFilters): boolean {
  return !!(filters.text || filters.authorId || filters.channelId || filters.has || filters.before || filters.after);
}
