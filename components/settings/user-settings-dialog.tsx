"use client";

import { useEffect, useState } from "react";
import { useAppState } from "@/components/app/app-state";
import { Dialog } from "@/components/ui/dialog";
import { AccountSettings } from "./account-settings";
import { BotSettings } from "./bots/bot-settings";
import { ProfileSettings } from "./profile-settings";

const TABS = [
  { key: "profile", label: "Profile" },
  { key: "account", label: "My account" },
  { key: "bots", label: "Bots" },
] as const;
type Tab = (typeof TABS)[number]["key"];

/** The user's settings: their profile, their account's security (password, sessions, data, deletion), and their bots. */
export function UserSettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { me } = useAppState();
  const [tab, setTab] = useState<Tab>("profile");

  useEffect(() => {
    if (open) setTab("profile");
  }, [open]);

  return (
    <Dialog open={open} onClose={onClose} title="User settings" description={`Signed in as @${me.username}`} wide>
      <div role="tablist" aria-label="Settings sections" className="mb-4 flex gap-1 border-b border-subtle">
        {TABS.map(({ key, label }) => (
          <button
            key={key}
            id={`user-settings-tab-${key}`}
            type="button"
            role="tab"
            aria-selected={tab === key}
            aria-controls="user-settings-panel"
            onClick={() => setTab(key)}
            className={`px-3 py-2 text-sm ${tab === key ? "border-b-2 border-aura-400 text-strong" : "text-muted hover:text-normal"}`}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="user-settings-panel" aria-labelledby={`user-settings-tab-${tab}`}>
        {tab === "profile" ? <ProfileSettings onClose={onClose} /> : tab === "account" ? <AccountSettings /> : <BotSettings />}
      </div>
    </Dialog>
  );
}
