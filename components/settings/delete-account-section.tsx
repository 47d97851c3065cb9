"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DeleteAccountDialog } from "./delete-account-dialog";
import { SettingsSection } from "./settings-section";

/** The danger zone: deleting the account, behind a dialog that asks for the password. */
export function DeleteAccountSection() {
  const [open, setOpen] = useState(false);
  return (
    <SettingsSection
      title="Delete account"
      danger
      description="Your profile, memberships, friends and sessions go for good. Your messages stay, shown as from “Deleted User”."
    >
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete account…
      </Button>
      <DeleteAccountDialog open={open} onClose={() => setOpen(false)} />
    </SettingsSection>
  );
}
