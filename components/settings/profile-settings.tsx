"use client";

import { useEffect, useState } from "react";
import { useAppState } from "@/components/app/app-state";
import { useSessionGuard } from "@/components/app/session-guard";
import { Field } from "@/components/auth/field";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { endpoints } from "@/lib/api/endpoints";
import { userStatusSchema } from "@/lib/api/entities";
import { ApiRequestError, callApi, uploadFile } from "@/lib/api-client";
import { STATUS_LABEL } from "@/lib/format";
import { saveTheme, type Theme } from "@/lib/theme";
import { ImageUrlField } from "./image-upload";

function currentTheme(): Theme {
  return document.documentElement.classList.contains("dark") ? "dark" : "light";
}

/** Profile (display name, avatar), status and custom status, theme, and log out. */
export function ProfileSettings({ onClose }: { onClose: () => void }) {
  const { me, setMe } = useAppState();
  const { leave } = useSessionGuard();
  const toast = useToast();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [theme, setTheme] = useState<Theme>("dark");

  useEffect(() => setTheme(currentTheme()), []);

  async function save(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const body = {
      display_name: text("display_name") || null,
      avatar_url: text("avatar_url") || null,
      status: userStatusSchema.options.find((status) => status === text("status")),
      custom_status: text("custom_status") || null,
    };
    setSaving(true);
    try {
      setMe(await callApi(endpoints.updateProfile, { body }));
      setErrors({});
      toast.success("Settings saved");
      onClose();
    } catch (error) {
      if (error instanceof ApiRequestError && error.fieldIssues().length) {
        setErrors(Object.fromEntries(error.fieldIssues().map((issue) => [issue.path, issue.message])));
      } else {
        toast.error(error instanceof Error ? error.message : "Could not save settings");
      }
    } finally {
      setSaving(false);
    }
  }

  function toggleTheme() {
    const next = theme === "dark" ? "light" : "dark";
    document.documentElement.classList.toggle("dark", next === "dark");
    document.documentElement.style.colorScheme = next;
    saveTheme(next);
    setTheme(next);
  }

  return (
    <form onSubmit={save} className="space-y-4" noValidate>
      <Field label="Display name" name="display_name" defaultValue={me.display_name} maxLength={32} error={errors.display_name} />
      <ImageUrlField
        label="Avatar URL"
        name="avatar_url"
        initial={me.avatar_url}
        error={errors.avatar_url}
        uploadLabel="Upload avatar"
        upload={async (file) => {
          const updated = await uploadFile(endpoints.uploadAvatar, file);
          setMe(updated);
          toast.success("Avatar updated");
          return updated.avatar_url;
        }}
      />
      <div className="space-y-1.5">
        <label htmlFor="settings-status" className="block text-xs font-bold tracking-wide text-muted uppercase">
          Status
        </label>
        <select
          id="settings-status"
          name="status"
          defaultValue={me.status}
          className="w-full rounded-md bg-rail px-3 py-2.5 text-strong outline-none focus:ring-2 focus:ring-aura-500"
        >
          {userStatusSchema.options.map((status) => (
            <option key={status} value={status}>
              {status === "offline" ? "Invisible (appear offline)" : STATUS_LABEL[status]}
            </option>
          ))}
        </select>
      </div>
      <Field label="Custom status" name="custom_status" defaultValue={me.custom_status ?? ""} maxLength={128} error={errors.custom_status} />
      <div className="flex items-center justify-between rounded-md bg-rail px-3 py-2.5">
        <span className="text-sm">Theme: {theme === "dark" ? "Dark" : "Light"}</span>
        <Button variant="secondary" size="sm" onClick={toggleTheme}>
          Use {theme === "dark" ? "light" : "dark"} theme
        </Button>
      </div>
      <div className="flex items-center justify-between gap-2 pt-2">
        <Button variant="danger" onClick={() => leave(null)}>
          Log out
        </Button>
        <div className="flex gap-2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={saving}>
            {saving ? "Saving…" : "Save"}
          </Button>
        </div>
      </div>
    </form>
  );
}
