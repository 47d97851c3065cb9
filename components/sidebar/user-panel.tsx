"use client";

import { useState } from "react";
import { useAppState } from "@/components/app/app-state";
import { Avatar } from "@/components/ui/avatar";
import { IconButton } from "@/components/ui/button";
import { SettingsIcon } from "@/components/ui/icons";
import { onDemand, OnceOpened } from "@/components/ui/on-demand";
import { VoiceBar } from "@/components/voice/voice-bar";
import { VoiceToggles } from "@/components/voice/voice-toggles";
import { STATUS_LABEL } from "@/lib/format";

// Settings load when first opened: every signed-in page shows this panel, few visits open them.
const UserSettingsDialog = onDemand(() => import("@/components/settings/user-settings-dialog").then((m) => m.UserSettingsDialog));

/** Bottom of the sidebar: the call if there is one, who you are, your status, mute and deafen, and the way into settings. */
export function UserPanel() {
  const { me } = useAppState();
  const [settingsOpen, setSettingsOpen] = useState(false);
  return (
    <>
      <VoiceBar />
      <section aria-label="User panel" className="flex items-center gap-1 bg-rail/70 px-2 py-2">
        <Avatar name={me.display_name} url={me.avatar_url} status={me.status} size={32} />
        <div className="ml-1 min-w-0 flex-1 leading-tight">
          <p className="truncate text-sm font-semibold text-strong" data-testid="current-user">
            {me.display_name}
          </p>
          <p className="truncate text-xs text-muted">{me.custom_status || STATUS_LABEL[me.status]}</p>
        </div>
        <VoiceToggles />
        <IconButton label="User settings" onClick={() => setSettingsOpen(true)}>
          <SettingsIcon />
        </IconButton>
        <OnceOpened open={settingsOpen}>
          <UserSettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
        </OnceOpened>
      </section>
    </>
  );
}
