"use client";

import { useMemo, useState } from "react";
import { isMuted, useUnread } from "@/components/app/unread-state";
import { IconButton } from "@/components/ui/button";
import { BellIcon, BellOffIcon } from "@/components/ui/icons";
import { onDemand, OnceOpened } from "@/components/ui/on-demand";
import type { NotificationTarget } from "./notification-settings-dialog";

const NotificationSettingsDialog = onDemand(() => import("./notification-settings-dialog").then((m) => m.NotificationSettingsDialog));

/** The channel header's bell: crossed out while the channel is muted; opens its notification settings. */
export function NotificationBell({ channel }: { channel: { id: number; name: string } }) {
  const { channelSetting } = useUnread();
  const [open, setOpen] = useState(false);
  const muted = isMuted(channelSetting(channel.id));
  const target = useMemo<NotificationTarget>(() => ({ kind: "channel", id: channel.id, name: channel.name }), [channel.id, channel.name]);
  return (
    <>
      <IconButton label={muted ? "Notification settings (muted)" : "Notification settings"} onClick={() => setOpen(true)}>
        {muted ? <BellOffIcon /> : <BellIcon />}
      </IconButton>
      <OnceOpened open={open}>
        <NotificationSettingsDialog target={target} open={open} onClose={() => setOpen(false)} />
      </OnceOpened>
    </>
  );
}
