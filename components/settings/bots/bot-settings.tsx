"use client";

import { useEffect, useState } from "react";
import { useConfirmation } from "@/components/ui/confirm-dialog";
import { Skeleton } from "@/components/ui/feedback";
import { endpoints } from "@/lib/api/endpoints";
import type { Bot, BotWithToken } from "@/lib/api/entities";
import { callApi } from "@/lib/api-client";
import { SettingsSection } from "../settings-section";
import { BotRow } from "./bot-row";
import { CreateBotForm } from "./create-bot-form";

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong";
}

/**
 * "Bots": the caller's bot accounts, and a new one. A token shows once, in its bot's row, as it is
 * issued (at creation or regeneration); one at a time, gone when the settings close.
 */
export function BotSettings() {
  const [bots, setBots] = useState<Bot[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [issued, setIssued] = useState<BotWithToken | null>(null);
  const { ask, dialog } = useConfirmation();

  useEffect(() => {
    callApi(endpoints.listBots).then(setBots, (error) => setLoadError(messageOf(error)));
  }, []);

  const replace = (bot: Bot) => setBots((list) => list?.map((b) => (b.id === bot.id ? bot : b)) ?? null);
  const tokenIssued = (fresh: BotWithToken) => {
    replace(fresh.bot);
    setIssued(fresh);
  };
  const created = (fresh: BotWithToken) => {
    setBots((list) => [...(list ?? []), fresh.bot]);
    setIssued(fresh);
  };
  const deleted = (bot: Bot) => {
    setBots((list) => list?.filter((b) => b.id !== bot.id) ?? null);
    setIssued((current) => (current?.bot.id === bot.id ? null : current));
  };

  return (
    <div className="max-h-[65vh] space-y-4 overflow-y-auto pr-1">
      <SettingsSection title="Your bots" description="Accounts your programs sign in to with a token, never a password. They post with an APP tag beside their name; add them to a community you manage to let them in.">
        {loadError ? (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            Could not load your bots: {loadError}
          </p>
        ) : !bots ? (
          <div role="status" aria-label="Loading bots" className="space-y-2">
            <Skeleton className="h-12 w-full" />
          </div>
        ) : bots.length === 0 ? (
          <p className="text-sm text-muted">You have no bots yet.</p>
        ) : (
          <ul aria-label="Bots" className="space-y-2">
            {bots.map((bot) => (
              <BotRow
                key={bot.id}
                bot={bot}
                token={issued?.bot.id === bot.id ? issued.token : null}
                ask={ask}
                onChange={replace}
                onTokenIssued={tokenIssued}
                onTokenDone={() => setIssued(null)}
                onDeleted={deleted}
              />
            ))}
          </ul>
        )}
      </SettingsSection>
      <SettingsSection title="Create a bot">
        <CreateBotForm onCreated={created} />
      </SettingsSection>
      {dialog}
    </div>
  );
}
