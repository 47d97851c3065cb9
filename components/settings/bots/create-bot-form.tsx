"use client";

import { useId } from "react";
import { Field, FormError } from "@/components/auth/field";
import { Button } from "@/components/ui/button";
import { endpoints } from "@/lib/api/endpoints";
import type { BotWithToken } from "@/lib/api/entities";
import { callApi } from "@/lib/api-client";
import { createBotSchema } from "@/lib/validations/bots";
import { useServerSubmit } from "../use-server-submit";

/** The first problem with each field, by the field's name. */
function firstIssuePerField(issues: { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[String(issue.path[0])] ??= issue.message;
  return errors;
}

/**
 * A new bot: its username, an optional display name, and whether it is an AI bot. The rules are
 * checked here first; the server's refusals (a username taken, too many bots) show in the form.
 */
export function CreateBotForm({ onCreated }: { onCreated: (created: BotWithToken) => void }) {
  const aiHintId = useId();
  const aiId = useId();
  const { errors, setErrors, formError, setFormError, pending, submit } = useServerSubmit<"username" | "display_name">();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const displayName = String(data.get("display_name") ?? "").trim();
    const parsed = createBotSchema.safeParse({
      username: String(data.get("username") ?? "").trim(),
      ...(displayName ? { display_name: displayName } : {}),
      is_ai: data.get("is_ai") === "on",
    });
    setFormError(null);
    if (!parsed.success) {
      setErrors(firstIssuePerField(parsed.error.issues));
      return;
    }
    await submit(form, async () => onCreated(await callApi(endpoints.createBot, { body: parsed.data })));
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <FormError message={formError} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Bot username" name="username" required autoComplete="off" spellCheck={false} maxLength={32} error={errors.username} hint="3 to 32 letters, digits, _ or ." />
        <Field label="Display name" name="display_name" autoComplete="off" maxLength={32} error={errors.display_name} hint="Optional: the username otherwise" />
      </div>
      <div className="flex items-start gap-2">
        <input id={aiId} type="checkbox" name="is_ai" aria-describedby={aiHintId} className="mt-0.5 size-4 accent-aura-600" />
        <div>
          <label htmlFor={aiId} className="text-sm font-medium text-strong">
            AI bot
          </label>
          <p id={aiHintId} className="text-xs text-muted">
            It may post messages marked “written by AI”, each naming the model that wrote it.
          </p>
        </div>
      </div>
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create bot"}
        </Button>
      </div>
    </form>
  );
}
