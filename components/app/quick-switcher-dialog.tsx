"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { endpoints } from "@/lib/api/endpoints";
import { callApi } from "@/lib/api-client";
import { useAppState } from "./app-state";

interface Destination {
  key: string;
  label: string;
  /** Where it is: the community of a channel, "Direct message", "Community". */
  detail: string;
  href: string;
}

/** Prefix matches first, then other matches; each group in its original order. */
function rank(destinations: Destination[], query: string): Destination[] {
  const q = query.trim().toLowerCase();
  if (!q) return destinations;
  const prefix: Destination[] = [];
  const other: Destination[] = [];
  for (const destination of destinations) {
    const label = destination.label.toLowerCase();
    if (label.startsWith(q)) prefix.push(destination);
    else if (label.includes(q)) other.push(destination);
  }
  return [...prefix, ...other];
}

/** Everywhere the user can go: each community, its channels, and their DM conversations. */
async function loadDestinations(communities: { id: number; name: string }[]): Promise<Destination[]> {
  const [conversations, ...channelLists] = await Promise.all([
    callApi(endpoints.listConversations, { query: { limit: 100 } }),
    ...communities.map((community) => callApi(endpoints.listChannels, { params: { id: community.id } })),
  ]);
  return [
    ...conversations.map((c) => ({ key: `dm-${c.user.id}`, label: c.user.display_name, detail: `Direct message · @${c.user.username}`, href: `/channels/me/${c.user.id}` })),
    ...communities.flatMap((community, i) => [
      { key: `community-${community.id}`, label: community.name, detail: "Community", href: `/channels/${community.id}` },
      ...channelLists[i].map((channel) => ({ key: `channel-${channel.id}`, label: channel.name, detail: community.name, href: `/channels/${community.id}/${channel.id}` })),
    ]),
  ];
}

/** The quick switcher's dialog: type the name of a channel, a conversation or a community. */
export function QuickSwitcherDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { communities } = useAppState();
  const router = useRouter();
  const listId = useId();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const [destinations, setDestinations] = useState<Destination[] | null>(null);

  useEffect(() => {
    if (!open) return;
    setQuery("");
    setActive(0);
    setDestinations(null);
    loadDestinations(communities).then(setDestinations, () => setDestinations([]));
  }, [open, communities]);

  const results = useMemo(() => rank(destinations ?? [], query).slice(0, 20), [destinations, query]);
  const go = (destination: Destination | undefined) => {
    if (!destination) return;
    onClose();
    router.push(destination.href);
  };

  return (
    <Dialog open={open} onClose={onClose} title="Quick switcher" description="Type the name of a channel, a conversation or a community.">
      <input
        autoFocus
        role="combobox"
        aria-label="Where to?"
        aria-expanded
        aria-controls={listId}
        aria-activedescendant={results[active] ? `${listId}-${results[active].key}` : undefined}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") setActive((i) => Math.min(i + 1, results.length - 1));
          else if (event.key === "ArrowUp") setActive((i) => Math.max(i - 1, 0));
          else if (event.key === "Enter") go(results[active]);
          else return;
          event.preventDefault();
        }}
        placeholder="Where would you like to go?"
        className="w-full rounded-md bg-rail px-3 py-2.5 text-strong outline-none focus:ring-2 focus:ring-aura-500"
      />
      <ul id={listId} role="listbox" aria-label="Destinations" className="mt-3 max-h-80 space-y-0.5 overflow-y-auto">
        {destinations === null && <li className="px-2 py-1.5 text-sm text-muted">Loading…</li>}
        {destinations !== null && results.length === 0 && <li className="px-2 py-1.5 text-sm text-muted">Nothing matches.</li>}
        {results.map((destination, i) => (
          <li
            key={destination.key}
            id={`${listId}-${destination.key}`}
            role="option"
            aria-selected={i === active}
            onMouseEnter={() => setActive(i)}
            onClick={() => go(destination)}
            className={`flex cursor-pointer items-baseline justify-between gap-3 rounded-md px-2 py-1.5 ${i === active ? "bg-raised text-strong" : "text-normal"}`}
          >
            <span className="truncate">{destination.label}</span>
            <span className="shrink-0 truncate text-xs text-muted">{destination.detail}</span>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
