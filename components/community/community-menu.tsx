"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { useAppState } from "@/components/app/app-state";
import { onDemand, OnceOpened } from "@/components/ui/on-demand";
import type { Community } from "@/lib/api/entities";
import { can } from "@/lib/permissions";
import type { CommunityDialog } from "./community-dialogs";

// Loaded the first time one of them opens: most visits never open any.
const CommunityDialogs = onDemand(() => import("./community-dialogs").then((m) => m.CommunityDialogs));
const NotificationSettingsDialog = onDemand(() => import("@/components/notifications/notification-settings-dialog").then((m) => m.NotificationSettingsDialog));

/** The community's name as a menu: invite people; create channel, add member and settings for owners and admins; leave; delete for the owner. */
export function CommunityMenu({ community }: { community: Community }) {
  const { communities } = useAppState();
  const role = communities.find((c) => c.id === community.id)?.role ?? community.role;
  const [menuOpen, setMenuOpen] = useState(false);
  const [open, setOpen] = useState<CommunityDialog | "notifications" | null>(null);
  const menu = useRef<HTMLDivElement>(null);
  const notificationTarget = useMemo(() => ({ kind: "community" as const, id: community.id, name: community.name }), [community.id, community.name]);

  useEffect(() => {
    if (!menuOpen) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !menu.current?.contains(event.target as Node)) setMenuOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [menuOpen]);

  function show(dialog: CommunityDialog | "notifications") {
    setMenuOpen(false);
    setOpen(dialog);
  }

  const items: { key: CommunityDialog | "notifications"; label: string; danger?: boolean }[] = [
    { key: "invite", label: "Invite people" },
    { key: "notifications", label: "Notification settings" },
    ...(can(role, "manageChannels") ? [{ key: "channel" as CommunityDialog, label: "Create channel" }] : []),
    ...(can(role, "addMembers") ? [{ key: "member" as CommunityDialog, label: "Add member" }] : []),
    ...(can(role, "editCommunity") ? [{ key: "settings" as CommunityDialog, label: "Community settings" }] : []),
    ...(can(role, "deleteCommunity") ? [{ key: "delete" as CommunityDialog, label: "Delete community", danger: true }] : [{ key: "leave" as CommunityDialog, label: "Leave community", danger: true }]),
  ];

  return (
    <div ref={menu} className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={menuOpen}
        onClick={() => setMenuOpen(!menuOpen)}
        className="flex h-12 w-full items-center justify-between border-b border-subtle px-4 font-semibold text-strong shadow-sm hover:bg-raised/40"
      >
        <span className="truncate">{community.name}</span>
        <span aria-hidden className="text-muted">{menuOpen ? "✕" : "⌄"}</span>
      </button>
      {menuOpen && (
        <ul role="menu" aria-label={`${community.name} options`} className="absolute inset-x-2 top-12 z-10 rounded-md bg-rail p-1.5 shadow-xl">
          {items.map((item) => (
            <li key={item.key} role="none">
              <button
                type="button"
                role="menuitem"
                onClick={() => show(item.key)}
                className={`w-full rounded px-2 py-1.5 text-left text-sm ${item.danger ? "text-red-400 hover:bg-red-500 hover:text-white" : "hover:bg-aura-600 hover:text-white"}`}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}

      <OnceOpened open={open !== null && open !== "notifications"}>
        <CommunityDialogs community={community} role={role} open={open === "notifications" ? null : open} onClose={() => setOpen(null)} />
      </OnceOpened>
      <OnceOpened open={open === "notifications"}>
        <NotificationSettingsDialog target={notificationTarget} open={open === "notifications"} onClose={() => setOpen(null)} />
      </OnceOpened>
    </div>
  );
}
