"use client";

import { CountBadge } from "@/components/ui/feedback";

const TABS = [
  { key: "online", label: "Online" },
  { key: "all", label: "All" },
  { key: "pending", label: "Pending" },
  { key: "blocked", label: "Blocked" },
  { key: "add", label: "Add friend" },
] as const;
export type FriendTab = (typeof TABS)[number]["key"];

/** Tabs with automatic activation: arrows, Home and End move between them. */
export function FriendTabs({
  idPrefix,
  tab,
  onSelect,
  pendingCount,
}: {
  idPrefix: string;
  tab: FriendTab;
  onSelect: (tab: FriendTab, byPointer: boolean) => void;
  pendingCount: number;
}) {
  function onKeyDown(event: React.KeyboardEvent) {
    const index = TABS.findIndex((t) => t.key === tab);
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1 + TABS.length, Home: 0, End: TABS.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = TABS[moves[event.key] % TABS.length].key;
    onSelect(next, false);
    document.getElementById(`${idPrefix}-tab-${next}`)?.focus();
  }

  return (
    <div role="tablist" aria-label="Friends" onKeyDown={onKeyDown} className="-my-1 flex min-w-0 items-center gap-1 overflow-x-auto py-1 sm:gap-2">
      {TABS.map(({ key, label }) => {
        const selected = key === tab;
        const add = key === "add";
        return (
          <button
            key={key}
            id={`${idPrefix}-tab-${key}`}
            type="button"
            role="tab"
            aria-selected={selected}
            aria-controls={selected ? `${idPrefix}-panel` : undefined}
            tabIndex={selected ? 0 : -1}
            onClick={(event) => onSelect(key, event.detail > 0)}
            className={`flex shrink-0 items-center gap-1.5 rounded px-1 py-0.5 sm:px-2 text-sm font-medium whitespace-nowrap focus-visible:outline-2 focus-visible:outline-aura-400 ${
              add
                ? selected
                  ? "bg-transparent text-emerald-400"
                  : "bg-emerald-700 text-white hover:bg-emerald-800"
                : selected
                  ? "bg-raised text-strong"
                  : "text-muted hover:bg-raised/60 hover:text-normal"
            }`}
          >
            {label}
            {key === "pending" && pendingCount > 0 && <CountBadge count={pendingCount} label={`, ${pendingCount} incoming`} />}
          </button>
        );
      })}
    </div>
  );
}
