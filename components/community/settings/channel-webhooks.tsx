"use client";

import { useEffect, useState } from "react";
import { useAppState } from "@/components/app/app-state";
import { Field, FormError } from "@/components/auth/field";
import { useServerSubmit } from "@/components/settings/use-server-submit";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { useConfirmation } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { SecretReveal } from "@/components/ui/secret-reveal";
import { endpoints } from "@/lib/api/endpoints";
import type { Channel, CreatedWebhook, Webhook } from "@/lib/api/entities";
import { callApi } from "@/lib/api-client";
import { messageTimestamp } from "@/lib/format";
import { createWebhookSchema } from "@/lib/validations/webhooks";

function messageOf(error: unknown) {
  return error instanceof Error ? error.message : "Something went wrong";
}

/** A webhook's row: who made it and when, its URL while just created, and deleting it. */
function WebhookRow({ webhook, created, channelName, onUrlDone, onDelete }: {
  webhook: Webhook;
  /** Its URL, while the one just created is on show. */
  created: string | null;
  channelName: string;
  onUrlDone: () => void;
  onDelete: () => void;
}) {
  return (
    <li className="space-y-2 rounded-md bg-rail px-3 py-2">
      <div className="flex items-center gap-3">
        <Avatar name={webhook.name} url={webhook.avatar_url} />
        <div className="min-w-0 flex-1">
          <p className="truncate font-medium text-strong">{webhook.name}</p>
          <p className="truncate text-xs text-muted">
            Created by {webhook.creator?.display_name ?? "a deleted user"} · {messageTimestamp(webhook.created_at)}
          </p>
        </div>
        <Button size="sm" variant="danger" aria-label={`Delete ${webhook.name}`} onClick={onDelete}>
          Delete
        </Button>
      </div>
      {created && (
        <SecretReveal
          key={created}
          label={`URL of ${webhook.name}`}
          value={created}
          warning={
            <>
              Copy this URL now: <strong>it will not be shown again.</strong> Anyone who has it can post in #{channelName} as {webhook.name}.
            </>
          }
          onDone={onUrlDone}
        />
      )}
    </li>
  );
}

/** A new webhook's name, checked here first; the server's refusals (too many webhooks) show in the form. */
function CreateWebhookForm({ channelId, onCreated }: { channelId: number; onCreated: (created: CreatedWebhook) => void }) {
  const { errors, setErrors, formError, setFormError, pending, submit } = useServerSubmit<"name">();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const parsed = createWebhookSchema.safeParse({ name: String(new FormData(form).get("name") ?? "") });
    setFormError(null);
    if (!parsed.success) return setErrors({ name: parsed.error.issues[0].message });
    await submit(form, async () => onCreated(await callApi(endpoints.createWebhook, { params: { id: channelId }, body: parsed.data })));
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-2">
      <FormError message={formError} />
      <div className="flex items-start gap-2">
        <div className="flex-1">
          <Field label="Webhook name" name="name" required autoComplete="off" maxLength={80} error={errors.name} hint="Its messages are signed with it" />
        </div>
        <Button type="submit" className="mt-6" disabled={pending}>
          {pending ? "Creating…" : "Create webhook"}
        </Button>
      </div>
    </form>
  );
}

/** The webhooks of an open dialog's channel: loaded as it opens, gone (with a URL on show) as it closes. */
function WebhookList({ channel }: { channel: Channel }) {
  const { me } = useAppState();
  const [webhooks, setWebhooks] = useState<Webhook[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ id: number; url: string } | null>(null);
  const { ask, dialog } = useConfirmation();

  useEffect(() => {
    callApi(endpoints.listWebhooks, { params: { id: channel.id } }).then(setWebhooks, (caught) => setError(messageOf(caught)));
  }, [channel.id]);

  const onCreated = ({ id, channel_id, name, avatar_url, created_at, url }: CreatedWebhook) => {
    const creator = { username: me.username, display_name: me.display_name, avatar_url: me.avatar_url };
    setWebhooks((list) => [...(list ?? []), { id, channel_id, name, avatar_url, created_at, creator }]);
    // The server answers the path; what a program needs is the whole address.
    setCreated({ id, url: `${window.location.origin}${url}` });
  };
  const remove = (webhook: Webhook) =>
    ask({
      title: `Delete the webhook ${webhook.name}?`,
      description: `Its URL stops working at once. The messages it posted in #${channel.name} stay.`,
      confirmLabel: "Delete webhook",
      run: async () => {
        try {
          await callApi(endpoints.deleteWebhook, { params: { id: webhook.id } });
          setWebhooks((list) => list?.filter((w) => w.id !== webhook.id) ?? null);
        } catch (caught) {
          setError(messageOf(caught));
        }
      },
    });

  return (
    <div className="space-y-4">
      <FormError message={error} />
      {!webhooks ? (
        !error && <p className="text-sm text-muted">Loading webhooks…</p>
      ) : webhooks.length === 0 ? (
        <p className="text-sm text-muted">No webhooks yet.</p>
      ) : (
        <ul aria-label="Webhooks" className="max-h-96 space-y-2 overflow-y-auto">
          {webhooks.map((webhook) => (
            <WebhookRow
              key={webhook.id}
              webhook={webhook}
              created={created?.id === webhook.id ? created.url : null}
              channelName={channel.name}
              onUrlDone={() => setCreated(null)}
              onDelete={() => remove(webhook)}
            />
          ))}
        </ul>
      )}
      <CreateWebhookForm channelId={channel.id} onCreated={onCreated} />
      {dialog}
    </div>
  );
}

/**
 * A channel's incoming webhooks, for its community's owners and admins: who made each and when, a
 * new one (its URL shown once, to copy), and deleting one after confirming.
 */
export function ChannelWebhooks({ channel, onClose }: { channel: Channel | null; onClose: () => void }) {
  return (
    <Dialog
      open={channel !== null}
      onClose={onClose}
      title={`Webhooks of #${channel?.name ?? ""}`}
      description="Programs post in this channel through a webhook's URL, without an account."
      wide
    >
      {channel && <WebhookList key={channel.id} channel={channel} />}
    </Dialog>
  );
}
