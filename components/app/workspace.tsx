"use client";

import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { CommunityRail } from "@/components/rail/community-rail";
import { UserPanel } from "@/components/sidebar/user-panel";
import { IconButton } from "@/components/ui/button";
import { MenuIcon, UsersIcon } from "@/components/ui/icons";
import { useAppState } from "./app-state";

interface WorkspaceProps {
  /** The sidebar's content: channels of a community, or DMs. */
  sidebar: React.ReactNode;
  /** The main pane's header (channel name, peer, page title). */
  header: React.ReactNode;
  /** The member list, when the page has one. */
  members?: React.ReactNode;
  children: React.ReactNode;
}

/**
 * Discord's four columns: community rail, sidebar (with the user panel), main pane, member list.
 * Below md the rail and sidebar become a drawer behind the menu button; below lg so does the
 * member list.
 */
export function Workspace({ sidebar, header, members, children }: WorkspaceProps) {
  const { navOpen, setNavOpen, membersOpen, setMembersOpen } = useAppState();
  const pathname = usePathname();

  useEffect(() => {
    setNavOpen(false);
    setMembersOpen(false);
  }, [pathname, setNavOpen, setMembersOpen]);

  return (
    <div className="flex h-full overflow-hidden text-normal">
      {(navOpen || membersOpen) && (
        <div
          aria-hidden
          className="fixed inset-0 z-20 bg-black/60 lg:hidden"
          onClick={() => {
            setNavOpen(false);
            setMembersOpen(false);
          }}
        />
      )}
      <div className={`${navOpen ? "fixed inset-y-0 left-0 z-30 flex" : "hidden"} md:static md:z-auto md:flex`}>
        <CommunityRail />
        <div className="flex w-60 flex-col bg-sidebar">
          <div className="flex min-h-0 flex-1 flex-col">{sidebar}</div>
          <UserPanel />
        </div>
      </div>

      <main className="flex min-w-0 flex-1 flex-col bg-main">
        <header className="flex h-12 shrink-0 items-center gap-2 border-b border-subtle px-3 shadow-sm">
          <IconButton label="Open navigation" className="md:hidden" onClick={() => setNavOpen(true)}>
            <MenuIcon />
          </IconButton>
          <div className="flex min-w-0 flex-1 items-center gap-2">{header}</div>
          {members && (
            <IconButton label="Members" className="lg:hidden" onClick={() => setMembersOpen(!membersOpen)} aria-expanded={membersOpen}>
              <UsersIcon />
            </IconButton>
          )}
        </header>
        {children}
      </main>

      {members && (
        <aside
          aria-label="Members"
          className={`${membersOpen ? "fixed inset-y-0 right-0 z-30 block" : "hidden"} w-60 shrink-0 overflow-y-auto bg-sidebar lg:static lg:block`}
        >
          {members}
        </aside>
      )}
    </div>
  );
}
