"use client";

import { useState } from "react";
import { ChangePasswordForm } from "./change-password-form";
import { DeleteAccountSection } from "./delete-account-section";
import { ExportDataLink } from "./export-data-link";
import { SessionList } from "./session-list";
import { SettingsSection } from "./settings-section";

/** "My account": password, the devices signed in, a copy of one's data, and deleting the account. */
export function AccountSettings() {
  // A password change ends the other sessions: the list is read again.
  const [sessionsRead, setSessionsRead] = useState(0);
  return (
    <div className="max-h-[65vh] space-y-4 overflow-y-auto pr-1">
      <SettingsSection title="Change password" description="Changing it signs you out everywhere else; this browser stays signed in.">
        <ChangePasswordForm onChanged={() => setSessionsRead((n) => n + 1)} />
      </SettingsSection>
      <SettingsSection title="Devices" description="Where your account is signed in: browsers and apps with an API token.">
        <SessionList key={sessionsRead} />
      </SettingsSection>
      <SettingsSection title="Your data" description="Your profile, communities, friends, blocks and messages (the newest 10,000 of each kind) as a JSON file.">
        <ExportDataLink />
      </SettingsSection>
      <DeleteAccountSection />
    </div>
  );
}
