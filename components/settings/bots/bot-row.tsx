"use client";

import { useId, useState } from "react";
import { AppTag } from "@/components/ui/app-tag";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import type { Question } from "@/components/ui/confirm-dialog";
import { SecretReveal } from "@/components/ui/secret-reveal";
import { endpoints } from "@/lib/api/endpoints";
import type { Bot, BotWithToken } from "@/lib/api/entities";
import { callApi } from "@/lib/api-client";
import { formErrors } from "../server-error";

interface BotRowProps {
  bot: Bot;
  /** Its token, while the one just issued is on show. */
  token: string | null;
  /** Opens the settings' one confirmation dialog. */
  ask: (question: Question) => void;
  onChange: (bot: Bot) => void;
  onTokenIssued: (issued: BotWithToken) => void;
  onTokenDone: () => void;
  onDeleted: (bot: Bot) => void;
}

function refusal(error: unknown): string {
  const { fields, form } = formErrors(error);
  return form ?? Object.values(fields)[0] ?? "Something went wrong. Please try again.";
}

/**
 * One of the caller's bots: who it is, whether it is an AI bot (switched in place), and a new
 * token or its deletion, each confirmed first. Refusals show in the row.
 */
export function BotRow({ bot, token, ask, onChange, onTokenIssued, onTokenDone, onDeleted }: BotRowProps) {
  const switchId = useId();
  // The switch flips at once; it goes back if the server refuses.
  const [savingAi, setSavingAi] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function setAi(isAi: boolean) {
    setSavingAi(isAi);
    setError(null);
    try {
      onChange(await callApi(endpoints.updateBot, { params: { id: bot.id }, body: { is_ai: isAi } }));
    } catch (caught) {
      setError(refusal(caught));
    } finally {
      setSavingAi(null);
    }
  }

  const regenerate = () =>
    ask({
      title: `Regenerate the token of ${bot.display_name}?`,
      description: "The current token stops working at once, and whatever is signed in with it is disconnected. The new token is shown once.",
      confirmLabel: "Regenerate token",
      run: async () => {
        setError(null);
        try {
          onTokenIssued(await callApi(endpoints.rotateBotToken, { params: { id: bot.id } }));
        } catch (caught) {
          setError(refusal(caught));
        }
      },
    });

  const remove = () =>
    ask({
      title: `Delete ${bot.display_name}?`,
      description: "Its token stops working, it leaves every community, and its messages stay, from “Deleted User”. This cannot be undone.",
      confirmLabel: "Delete bot",
      run: async () => {
        setError(null);
        try {
          await callApi(endpoints.deleteBot, { params: { id: bot.id } });
          onDeleted(bot);
        } catch (caught) {
          setError(refusal(caught));
        }
      },
    });

  return (
    <li className="space-y-2 rounded-md bg-rail px-3 py-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <Avatar name={bot.display_name} url={bot.avatar_url} size={36} />
        <div className="min-w-0 flex-1">
          <p className="flex items-center gap-1.5 text-sm font-medium text-strong">
            <span className="truncate">{bot.display_name}</span>
            <AppTag />
          </p>
          <p className="truncate text-xs text-muted">@{bot.username}</p>
        </div>
        <div className="flex items-center gap-2">
          <input
            id={switchId}
            type="checkbox"
            role="switch"
            checked={savingAi ?? bot.is_ai}
            disabled={savingAi !== null}
            onChange={(event) => void setAi(event.target.checked)}
            className="size-4 accent-aura-600"
          />
          <label htmlFor={switchId} className="text-sm text-normal">
            AI bot<span className="sr-only"> ({bot.display_name})</span>
          </label>
        </div>
        <div className="flex gap-2">
          <Button variant="secondary" size="sm" aria-label={`Regenerate token of ${bot.display_name}`} onClick={regenerate}>
            Regenerate token
          </Button>
          <Button variant="danger" size="sm" aria-label={`Delete ${bot.display_name}`} onClick={remove}>
            Delete
          </Button>
        </div>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      {token && (
        <SecretReveal
          key={token}
          label={`Token of ${bot.display_name}`}
          value={token}
          warning={
            <>
              Copy this token now: <strong>it will not be shown again.</strong> Anyone who has it can act as {bot.display_name}.
            </>
          }
          onDone={onTokenDone}
        />
      )}
    </li>
  );
}
