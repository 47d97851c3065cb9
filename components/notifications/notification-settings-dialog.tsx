"use client";

import { useEffect, useState } from "react";
import { useUnread } from "@/components/app/unread-state";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { endpoints } from "@/lib/api/endpoints";
import type { NotificationSetting } from "@/lib/api/entities";
import { callApi } from "@/lib/api-client";
import { localMoment } from "@/lib/format";

/** A channel's setting, or the one for a community's channels without their own. */
export type NotificationTarget = { kind: "channel"; id: number; name: string } | { kind: "community"; id: number; name: string };

const LEVELS: { value: NotificationSetting["level"]; label: string; hint: string }[] = [
  { value: "all", label: "All messages", hint: "Every new message counts, and notifies you" },
  { value: "mentions", label: "Only @mentions", hint: "Messages that mention you or @everyone" },
  { value: "none", label: "Nothing", hint: "No badges and no notifications" },
];

/** "Until I turn it back on" is a mute that never ends by itself. */
const FOREVER = "9999-12-31T00:00:00.000Z";
const MUTES: { label: string; minutes: number | null }[] = [
  { label: "For 15 minutes", minutes: 15 },
  { label: "For 1 hour", minutes: 60 },
  { label: "For 8 hours", minutes: 8 * 60 },
  { label: "For 24 hours", minutes: 24 * 60 },
  { label: "Until I turn it back on", minutes: null },
];

function loadSetting(target: NotificationTarget) {
  const params = { params: { id: target.id } };
  return target.kind === "channel" ? callApi(endpoints.getChannelNotifications, params) : callApi(endpoints.getCommunityNotifications, params);
}

function saveSetting(target: NotificationTarget, body: { level: NotificationSetting["level"]; muted_until: string | null }) {
  const input = { params: { id: target.id }, body };
  return target.kind === "channel" ? callApi(endpoints.updateChannelNotifications, input) : callApi(endpoints.updateCommunityNotifications, input);
}

function mutedText(until: string): string {
  return new Date(until).getUTCFullYear() >= 9000 ? "Muted until you turn it back on" : `Muted until ${localMoment(until)}`;
}

/**
 * Notification settings of a channel (the header's bell) or of a community (its menu): what
 * counts and notifies (all / only @mentions / nothing), and a mute for a while or until lifted.
 * Each choice is saved at once.
 */
export function NotificationSettingsDialog({ target, open, onClose }: { target: NotificationTarget; open: boolean; onClose: () => void }) {
  const toast = useToast();
  const { settingChanged } = useUnread();
  const [setting, setSetting] = useState<NotificationSetting | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    let current = true;
    loadSetting(target).then(
      (loaded) => current && setSetting(loaded),
      () => current && toast.error("Could not load the notification settings"),
    );
    return () => {
      current = false;
    };
  }, [open, target, toast]);

  async function save(change: Partial<Pick<NotificationSetting, "level" | "muted_until">>) {
    if (!setting) return;
    setSaving(true);
    try {
      const saved = await saveSetting(target, { level: change.level ?? setting.level, muted_until: change.muted_until === undefined ? setting.muted_until : change.muted_until });
      setSetting(saved);
      settingChanged(target.kind, target.id, saved);
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Could not save the notification settings");
    } finally {
      setSaving(false);
    }
  }

  const inherited = target.kind === "channel" && setting && setting.source !== "channel";
  return (
    <Dialog open={open} onClose={onClose} title="Notification settings" description={target.kind === "channel" ? `#${target.name}` : `All channels of ${target.name} without a setting of their own`}>
      {!setting ? (
        <p role="status" className="mt-4 text-sm text-muted">
          Loading…
        </p>
      ) : (
        <div className="mt-4 space-y-5">
          <fieldset disabled={saving}>
            <legend className="mb-2 text-xs font-bold tracking-wide text-muted uppercase">Notify me about</legend>
            {inherited && <p className="mb-2 text-xs text-muted">Now following {setting.source === "community" ? "the community's setting" : "the default"}; a choice here is this channel's own.</p>}
            <div className="space-y-1">
              {LEVELS.map((level) => (
                <label key={level.value} className="flex cursor-pointer items-start gap-3 rounded-md px-3 py-2 hover:bg-raised has-[:checked]:bg-raised">
                  <input type="radio" name="notification-level" checked={setting.level === level.value} onChange={() => void save({ level: level.value })} className="mt-1 accent-aura-600" />
                  <span>
                    <span className="block font-medium text-strong">{level.label}</span>
                    <span className="block text-xs text-muted">{level.hint}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset disabled={saving}>
            <legend className="mb-2 text-xs font-bold tracking-wide text-muted uppercase">Mute</legend>
            {setting.muted_until ? (
              <div className="flex items-center justify-between gap-3 rounded-md bg-raised px-3 py-2">
                <span className="text-sm text-normal" data-testid="muted-until">
                  {mutedText(setting.muted_until)}
                </span>
                <button type="button" onClick={() => void save({ muted_until: null })} className="rounded bg-aura-600 px-3 py-1 text-sm font-semibold text-white hover:bg-aura-700">
                  Unmute
                </button>
              </div>
            ) : (
              <div className="flex flex-wrap gap-2">
                {MUTES.map((mute) => (
                  <button
                    key={mute.label}
                    type="button"
                    onClick={() => void save({ muted_until: mute.minutes === null ? FOREVER : new Date(Date.now() + mute.minutes * 60_000).toISOString() })}
                    className="rounded-md border border-subtle px-3 py-1.5 text-sm text-normal hover:bg-raised"
                  >
                    {mute.label}
                  </button>
                ))}
              </div>
            )}
          </fieldset>
        </div>
      )}
    </Dialog>
  );
}
