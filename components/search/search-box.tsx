"use client";

import { useEffect, useRef, useState } from "react";
import type { Person } from "@/components/chat/types";
import { CloseIcon, SearchIcon } from "@/components/ui/icons";
import { onDemand, OnceOpened } from "@/components/ui/on-demand";
import type { SearchNames } from "./search-query";

// The results panel and its search load on the first search.
const SearchPanel = onDemand(() => import("./search-panel").then((m) => m.SearchPanel));

/**
 * The last search, kept across the channels of one community: opening a result shows another
 * channel's page, and its results stay beside it as in Discord.
 */
let lastSearch: { scope: string; input: string; query: string | null } | null = null;

/** Where a search looks: a community's channels, or the viewer's DMs with one person. */
export type SearchScope = { kind: "community"; communityId: number } | { kind: "dm"; peerId: number };

interface SearchBoxProps {
  scope: SearchScope;
  /** The usernames and channel names `from:` and `in:` may name. */
  names: SearchNames;
  /** Current names and avatars of authors. */
  people: Map<number, Person>;
}

/**
 * The header's search box (Discord's): Enter searches, with `from:`, `in:`, `has:`, `before:` and
 * `after:` filters, and opens the results beside the messages; Escape closes them.
 */
export function SearchBox({ scope, names, people }: SearchBoxProps) {
  const scopeKey = scope.kind === "community" ? `community:${scope.communityId}` : `dm:${scope.peerId}`;
  const remembered = lastSearch?.scope === scopeKey ? lastSearch : null;
  const [input, setInput] = useState(remembered?.input ?? "");
  const [query, setQuery] = useState<string | null>(remembered?.query ?? null);
  const [expanded, setExpanded] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    lastSearch = { scope: scopeKey, input, query };
  }, [scopeKey, input, query]);
  const placeholder = scope.kind === "community" ? "Search" : "Search this conversation";

  const close = () => {
    setQuery(null);
    setExpanded(false);
  };

  return (
    <div role="search" className="flex shrink-0 items-center">
      <button
        type="button"
        aria-label={placeholder}
        onClick={() => {
          setExpanded(true);
          // Shown only from this render on: focused once it is.
          requestAnimationFrame(() => field.current?.focus());
        }}
        className={`${expanded ? "hidden" : "grid"} size-9 place-items-center rounded text-muted hover:text-strong sm:hidden`}
      >
        <SearchIcon />
      </button>
      <div className={`${expanded ? "flex" : "hidden"} relative items-center sm:flex`}>
        <input
          ref={field}
          type="search"
          aria-label={placeholder}
          placeholder={placeholder}
          value={input}
          onChange={(event) => setInput(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && input.trim()) setQuery(input.trim());
            else if (event.key === "Escape") close();
          }}
          className="h-7 w-40 rounded bg-rail px-2 pr-7 text-sm text-normal transition-[width] outline-none placeholder:text-muted focus:w-60 focus:ring-2 focus:ring-aura-500 [&::-webkit-search-cancel-button]:hidden"
        />
        {input ? (
          <button
            type="button"
            aria-label="Clear search"
            onClick={() => {
              setInput("");
              close();
            }}
            className="absolute right-1.5 text-muted hover:text-strong"
          >
            <CloseIcon className="size-4" />
          </button>
        ) : (
          <SearchIcon className="pointer-events-none absolute right-1.5 size-4 text-muted" />
        )}
      </div>
      <OnceOpened open={query !== null}>
        <SearchPanel scope={scope} query={query} names={names} people={people} onQueryChange={(next) => (setInput(next), setQuery(next || null))} onClose={close} />
      </OnceOpened>
    </div>
  );
}
