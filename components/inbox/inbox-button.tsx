"use client";

import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { useUnread } from "@/components/app/unread-state";
import { requestJump } from "@/components/search/jump-request";
import { IconButton } from "@/components/ui/button";
import { CountBadge } from "@/components/ui/feedback";
import { InboxIcon } from "@/components/ui/icons";
import { onDemand } from "@/components/ui/on-demand";
import { Popover } from "@/components/ui/popover";
import type { JumpTarget } from "./inbox-panel";

// The list loads with its code the first time it is opened.
const InboxPanel = onDemand(() => import("./inbox-panel").then((m) => m.InboxPanel));

/**
 * The header's inbox (Discord's, at the top right): the viewer's mentions in a popover, with the
 * count of unread ones on the button. A mention opens its channel at the message, highlighted.
 */
export function InboxButton() {
  const router = useRouter();
  const pathname = usePathname();
  const { allMentions } = useUnread();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const unread = allMentions === 1 ? "1 unread mention" : `${allMentions} unread mentions`;

  const jump = ({ communityId, channelId, messageId }: JumpTarget) => {
    setAnchor(null);
    requestJump(`channel:${channelId}`, messageId);
    const url = `/channels/${communityId}/${channelId}`;
    if (pathname !== url) router.push(url);
  };

  return (
    <>
      <IconButton
        label={allMentions > 0 ? `Inbox (${unread})` : "Inbox"}
        aria-haspopup="dialog"
        aria-expanded={anchor !== null}
        className="relative"
        onClick={(event) => setAnchor(event.currentTarget)}
      >
        <InboxIcon />
        {allMentions > 0 && (
          <span className="pointer-events-none absolute -right-1.5 -bottom-1">
            <CountBadge count={allMentions} label={unread} />
          </span>
        )}
      </IconButton>
      <Popover anchor={anchor} label="Mentions" onClose={() => setAnchor(null)}>
        <InboxPanel onJump={jump} />
      </Popover>
    </>
  );
}
