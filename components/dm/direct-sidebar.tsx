"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useAppState } from "@/components/app/app-state";
import { AppTag } from "@/components/ui/app-tag";
import { Avatar } from "@/components/ui/avatar";
import { plainText } from "@/components/chat/markdown";
import { CountBadge } from "@/components/ui/feedback";
import { UsersIcon } from "@/components/ui/icons";
import type { Conversation } from "@/lib/api/entities";
import { useDirect } from "./direct-provider";
import { UserSearch } from "./user-search";

function ConversationLink({ conversation, active, myId }: { conversation: Conversation; active: boolean; myId: number }) {
  const { user, last_message: last, unread_count: unread } = conversation;
  const preview = `${last.sender_id === myId ? "You: " : ""}${plainText(last.content)}`;
  return (
    <Link
      href={`/channels/me/${user.id}`}
      aria-current={active ? "page" : undefined}
      className={`flex items-center gap-3 rounded-md px-2 py-1.5 transition focus-visible:outline-2 focus-visible:outline-aura-400 ${
        active ? "bg-raised text-strong" : unread ? "text-strong hover:bg-raised/60" : "text-muted hover:bg-raised/60 hover:text-normal"
      }`}
    >
      <Avatar name={user.display_name} url={user.avatar_url} status={user.status} size={32} />
      <span className="min-w-0 flex-1 leading-tight">
        <span className="flex items-center gap-1.5">
          <span className={`truncate ${unread ? "font-semibold" : "font-medium"}`}>{user.display_name}</span>
          {user.is_bot && <AppTag />}
        </span>
        <span className={`block truncate text-xs ${unread ? "text-normal" : "text-muted"}`}>{preview}</span>
      </span>
      {unread > 0 && <CountBadge count={unread} label={`${unread} unread`} />}
    </Link>
  );
}

/** The sidebar of every /channels/me page: Friends, user search, and the DM conversations. */
export function DirectSidebar() {
  const { me } = useAppState();
  const { conversations, incoming, openPeerId } = useDirect();
  const pathname = usePathname();
  const onFriends = pathname === "/channels/me";

  return (
    <>
      <div className="flex h-12 shrink-0 items-center border-b border-subtle px-2.5 shadow-sm">
        <div className="w-full">
          <UserSearch />
        </div>
      </div>
      <nav aria-label="Direct messages" className="min-h-0 flex-1 overflow-y-auto px-2 py-2">
        <Link
          href="/channels/me"
          aria-current={onFriends ? "page" : undefined}
          className={`flex items-center gap-3 rounded-md px-2 py-2 font-medium transition focus-visible:outline-2 focus-visible:outline-aura-400 ${
            onFriends ? "bg-raised text-strong" : "text-muted hover:bg-raised/60 hover:text-normal"
          }`}
        >
          <UsersIcon className="size-6 shrink-0 px-0.5" />
          <span className="flex-1">Friends</span>
          {incoming.length > 0 && <CountBadge count={incoming.length} label={`${incoming.length} pending friend ${incoming.length === 1 ? "request" : "requests"}`} />}
        </Link>
        <h2 className="mt-4 px-2 pb-1 text-xs font-bold tracking-wide text-muted uppercase">Direct messages</h2>
        {conversations.length === 0 ? (
          <p className="px-2 py-2 text-sm text-muted">No conversations yet. Find someone above, or message a friend, to start one.</p>
        ) : (
          <ul className="space-y-0.5">
            {conversations.map((conversation) => (
              <li key={conversation.user.id}>
                <ConversationLink conversation={conversation} active={conversation.user.id === openPeerId} myId={me.id} />
              </li>
            ))}
          </ul>
        )}
      </nav>
    </>
  );
}
