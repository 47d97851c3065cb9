"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { AppTag } from "@/components/ui/app-tag";
import { Avatar } from "@/components/ui/avatar";
import type { PublicUser } from "@/lib/api/entities";
import { endpoints } from "@/lib/api/endpoints";
import { callApi } from "@/lib/api-client";

const DEBOUNCE_MS = 200;
const LABEL = "Find or start a conversation";

type Results = { query: string; users: PublicUser[] } | { query: string; error: string };

/** A combobox over the user search: arrows move, Enter opens the DM with the highlighted user. */
export function UserSearch() {
  const router = useRouter();
  const listId = useId();
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [results, setResults] = useState<Results | null>(null);
  const [active, setActive] = useState(0);
  const latest = useRef("");

  const trimmed = query.trim();

  useEffect(() => {
    latest.current = trimmed;
    if (!trimmed) return;
    const timer = setTimeout(() => {
      callApi(endpoints.searchUsers, { query: { q: trimmed } }).then(
        (users) => latest.current === trimmed && setResults({ query: trimmed, users }),
        (error) => latest.current === trimmed && setResults({ query: trimmed, error: error instanceof Error ? error.message : "Search failed" }),
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [trimmed]);

  const current = results?.query === trimmed ? results : null;
  const users = current && "users" in current ? current.users : [];
  const expanded = open && trimmed.length > 0;

  function choose(user: PublicUser) {
    setQuery("");
    setResults(null);
    setOpen(false);
    router.push(`/channels/me/${user.id}`);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      if (users.length) setActive((i) => (i + (event.key === "ArrowDown" ? 1 : users.length - 1)) % users.length);
    } else if (event.key === "Enter" && users[active]) {
      event.preventDefault();
      choose(users[active]);
    } else if (event.key === "Escape") {
      if (expanded) event.preventDefault();
      setQuery("");
      setOpen(false);
    }
  }

  return (
    <div className="relative">
      <input
        type="text"
        role="combobox"
        aria-label={LABEL}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && users[active] ? `${listId}-${users[active].id}` : undefined}
        placeholder={LABEL}
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        className="h-7 w-full rounded bg-rail px-2 text-sm text-strong outline-none placeholder:text-muted focus-visible:ring-2 focus-visible:ring-aura-400"
      />
      <div
        id={listId}
        role="listbox"
        aria-label="Users"
        hidden={!expanded}
        className="absolute inset-x-0 top-9 z-20 max-h-80 overflow-y-auto rounded-md border border-subtle bg-rail p-1 shadow-xl"
      >
        {!current && <p className="px-2 py-1.5 text-sm text-muted">Searching…</p>}
        {current && "error" in current && (
          <p role="alert" className="px-2 py-1.5 text-sm text-red-400">
            {current.error}
          </p>
        )}
        {current && "users" in current && users.length === 0 && <p className="px-2 py-1.5 text-sm text-muted">No one goes by “{trimmed}”.</p>}
        {users.map((user, i) => (
          <div
            key={user.id}
            id={`${listId}-${user.id}`}
            role="option"
            aria-selected={i === active}
            onMouseDown={(event) => event.preventDefault()}
            onMouseEnter={() => setActive(i)}
            onClick={() => choose(user)}
            className={`flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 ${i === active ? "bg-aura-600 text-white" : "text-normal"}`}
          >
            <Avatar name={user.display_name} url={user.avatar_url} size={24} />
            <span className="min-w-0 truncate text-sm font-medium">{user.display_name}</span>
            {user.is_bot && <AppTag />}
            <span className={`min-w-0 truncate text-xs ${i === active ? "text-white/80" : "text-muted"}`}>@{user.username}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
