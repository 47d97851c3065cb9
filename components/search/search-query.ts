// Discord's search syntax in one box: `from:alice in:general has:image words`.
// Filters the page cannot resolve (an unknown user or channel) stay words, so nothing is dropped
// silently.

export const HAS_KINDS = ["image", "file", "link"] as const;
export type HasKind = (typeof HAS_KINDS)[number];

export interface SearchFilters {
  text: string;
  authorId?: number;
  channelId?: number;
  has?: HasKind;
}

/** Who and where the box can name: usernames and channel names of the community (or the DM's two people). */
export interface SearchNames {
  people: { id: number; username: string }[];
  channels: { id: number; name: string }[];
}

export const FILTER = /(?:^|\s)((from|in|has):(\S+))/gi;

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
  };
  const words = input.replace(FILTER, (whole, _token: string, key: string, raw: string) => {
    const resolved = resolvers[key.toLowerCase()](raw.replace(/^[@#]/, "").toLowerCase());
    if (!resolved) return whole;
    Object.assign(filters, resolved);
    return " ";
  });
  filters.text = words.replace(/\s+/g, " ").trim();
  return filters;
}

/** The API searches for words: filters alone only narrow a search. */
export function hasWords(filters: SearchFilters): boolean {
  return /[\p{L}\p{N}]/u.test(filters.text);
}
