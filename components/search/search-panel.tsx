"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { Person } from "@/components/chat/types";
import { AppTag } from "@/components/ui/app-tag";
import { Avatar } from "@/components/ui/avatar";
import { CloseIcon, HashIcon } from "@/components/ui/icons";
import { endpoints } from "@/lib/api/endpoints";
import type { DirectMessageSearchResult, MessageSearchResult } from "@/lib/api/entities";
import { callApi } from "@/lib/api-client";
import { messageTimestamp } from "@/lib/format";
import { requestJump } from "./jump-request";
import type { SearchScope } from "./search-box";
import { FILTER, hasWords, parseSearch, type SearchFilters, type SearchNames } from "./search-query";

const PAGE = 25;

type Result = MessageSearchResult["messages"][number] | DirectMessageSearchResult["messages"][number];

/** The snippet as text with its matched ranges in <mark>: never HTML. */
export function Highlighted({ text, ranges }: { text: string; ranges: [number, number][] }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const from = Math.max(start, at);
    const to = Math.min(end, text.length);
    if (to <= from) continue;
    if (from > at) parts.push(text.slice(at, from));
    parts.push(
      <mark key={from} className="rounded-sm bg-amber-300 px-px text-neutral-950">
        {text.slice(from, to)}
      </mark>,
    );
    at = to;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

function search(scope: SearchScope, filters: SearchFilters, offset: number): Promise<{ total: number; messages: Result[] }> {
  const where =
    scope.kind === "dm" ? { dm_user_id: scope.peerId } : filters.channelId ? { channel_id: filters.channelId } : { community_id: scope.communityId };
  return callApi(endpoints.searchMessages, {
    query: { q: filters.text, ...where, ...(filters.authorId ? { author_id: filters.authorId } : {}), ...(filters.has ? { has: filters.has } : {}), limit: PAGE, offset },
  });
}

const FILTER_LABELS = { from: "From", in: "In", has: "Has" } as const;

/** The filters the query named, as removable chips. */
function FilterChips({ query, onQueryChange }: { query: string; onQueryChange: (query: string) => void }) {
  const chips = [...query.matchAll(FILTER)];
  if (chips.length === 0) return null;
  return (
    <ul aria-label="Filters" className="flex flex-wrap gap-1.5 px-4 pb-2">
      {chips.map(([, token, key, value]) => (
        <li key={token} className="flex items-center gap-1 rounded bg-raised py-0.5 pr-1 pl-2 text-xs text-normal">
          <span className="font-semibold">{FILTER_LABELS[key.toLowerCase() as keyof typeof FILTER_LABELS]}:</span> {value}
          <button type="button" aria-label={`Remove filter ${token}`} onClick={() => onQueryChange(query.replace(token, "").replace(/\s+/g, " ").trim())} className="rounded text-muted hover:text-strong">
            <CloseIcon className="size-3.5" />
          </button>
        </li>
      ))}
    </ul>
  );
}

interface SearchPanelProps {
  scope: SearchScope;
  query: string | null;
  names: SearchNames;
  people: Map<number, Person>;
  onQueryChange: (query: string) => void;
  onClose: () => void;
}

/**
 * Search results beside the messages (over the member list; the whole screen on a phone): author,
 * channel, time and the matching snippet, 25 a page. A result opens its channel at the message,
 * loading the history around it, and highlights it there.
 */
export function SearchPanel({ scope, query, names, people, onQueryChange, onClose }: SearchPanelProps) {
  const router = useRouter();
  const filters = parseSearch(query ?? "", names);
  const filtersKey = JSON.stringify(filters);
  // A new search starts at its first page.
  const [paging, setPaging] = useState({ filtersKey, offset: 0 });
  const offset = paging.filtersKey === filtersKey ? paging.offset : 0;
  const setOffset = (next: number) => setPaging({ filtersKey, offset: next });
  const [state, setState] = useState<{ status: "loading" } | { status: "error"; message: string } | { status: "done"; total: number; messages: Result[] }>({ status: "loading" });
  useEffect(() => {
    if (query === null) return;
    const parsed: SearchFilters = JSON.parse(filtersKey);
    if (!hasWords(parsed)) return setState({ status: "error", message: "Add a word to search for: filters only narrow a search." });
    let current = true;
    setState({ status: "loading" });
    search(scope, parsed, offset).then(
      (answer) => current && setState({ status: "done", ...answer }),
      (error: unknown) => current && setState({ status: "error", message: error instanceof Error ? error.message : "Search failed" }),
    );
    return () => {
      current = false;
    };
    // The scope is one conversation's for the panel's life: a new object each render is the same scope.
  }, [query, filtersKey, offset]);

  if (query === null) return null;

  const open = (message: Result) => {
    if ("channel_id" in message) {
      requestJump(`channel:${message.channel_id}`, message.id);
      if (scope.kind === "community") router.push(`/channels/${scope.communityId}/${message.channel_id}`);
    } else {
      requestJump(`dm:${scope.kind === "dm" ? scope.peerId : 0}`, message.id);
    }
    // On a phone the panel covers the messages: it makes way for the one opened.
    if (window.matchMedia("(max-width: 639px)").matches) onClose();
  };

  const channelName = (id: number) => names.channels.find((c) => c.id === id)?.name ?? "unknown";
  const total = state.status === "done" ? state.total : 0;
  const pages = Math.max(1, Math.ceil(total / PAGE));

  return (
    <aside
      aria-label="Search results"
      onKeyDown={(event) => event.key === "Escape" && onClose()}
      className="fixed top-12 right-0 bottom-0 z-40 flex w-full flex-col border-l border-subtle bg-sidebar shadow-2xl sm:w-[26rem]"
    >
      <div className="flex h-12 shrink-0 items-center justify-between gap-2 border-b border-subtle px-4">
        <h2 className="truncate font-semibold text-strong" aria-live="polite">
          {state.status === "loading" ? "Searching…" : state.status === "error" ? "Search" : `${total.toLocaleString()} ${total === 1 ? "result" : "results"}`}
        </h2>
        <button type="button" aria-label="Close search results" onClick={onClose} className="rounded p-1 text-muted hover:text-strong">
          <CloseIcon />
        </button>
      </div>
      <div className="pt-2">
        <FilterChips query={query} onQueryChange={onQueryChange} />
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-2 pb-2">
        {state.status === "error" && <p className="px-2 py-4 text-sm text-red-600 dark:text-red-400">{state.message}</p>}
        {state.status === "done" && state.messages.length === 0 && (
          <div className="px-4 py-8 text-center text-sm text-muted">
            <p className="font-semibold text-normal">No results</p>
            <p className="mt-1">
              Try other words, or narrow them with <code>from:username</code>, <code>in:channel</code> or <code>has:link</code> (or image, file).
            </p>
          </div>
        )}
        {state.status === "done" && state.messages.length > 0 && (
          <ol aria-label="Results" className="space-y-2">
            {state.messages.map((message) => {
              const person = people.get(message.sender_id);
              const name = person?.name ?? ("author" in message ? message.author : "Unknown user");
              const isBot = ("is_bot" in message && message.is_bot) || !!person?.isBot;
              return (
                <li key={message.id}>
                  <button
                    type="button"
                    onClick={() => open(message)}
                    className="block w-full rounded-md border border-subtle bg-main p-3 text-left hover:border-aura-500 focus-visible:outline-2 focus-visible:outline-aura-500"
                  >
                    {"channel_id" in message && (
                      <span className="mb-1 flex items-center gap-1 text-xs font-semibold text-muted">
                        <HashIcon className="size-3.5" />
                        {channelName(message.channel_id)}
                      </span>
                    )}
                    <span className="flex gap-2.5">
                      <Avatar name={name} url={person?.avatarUrl ?? ("avatar_url" in message ? message.avatar_url : null)} size={32} />
                      <span className="min-w-0 flex-1">
                        <span className="flex items-baseline gap-2">
                          <span className="truncate font-semibold text-strong">{name}</span>
                          {isBot && <AppTag />}
                          <time className="shrink-0 text-xs text-muted" dateTime={message.created_at}>
                            {messageTimestamp(message.created_at)}
                          </time>
                        </span>
                        <span className="block text-sm break-words whitespace-pre-wrap text-normal">
                          <Highlighted text={message.snippet} ranges={message.highlights} />
                        </span>
                      </span>
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
        )}
      </div>
      {pages > 1 && (
        <nav aria-label="Result pages" className="flex shrink-0 items-center justify-between border-t border-subtle px-4 py-2 text-sm">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(offset - PAGE)} className="rounded px-2 py-1 font-semibold text-normal hover:bg-raised disabled:opacity-40">
            Previous
          </button>
          <span className="text-muted">
            Page {offset / PAGE + 1} of {pages}
          </span>
          <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)} className="rounded px-2 py-1 font-semibold text-normal hover:bg-raised disabled:opacity-40">
            Next
          </button>
        </nav>
      )}
    </aside>
  );
}
