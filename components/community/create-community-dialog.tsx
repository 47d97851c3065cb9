"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useAppState } from "@/components/app/app-state";
import { Field } from "@/components/auth/field";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { endpoints } from "@/lib/api/endpoints";
import { ApiRequestError, callApi } from "@/lib/api-client";

/** The colour choices, with the names screen readers announce. */
const COLOURS = [
  { value: "#7c3aed", name: "Violet" },
  { value: "#2563eb", name: "Blue" },
  { value: "#059669", name: "Green" },
  { value: "#d97706", name: "Amber" },
  { value: "#dc2626", name: "Red" },
  { value: "#db2777", name: "Pink" },
];

export function CreateCommunityDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const router = useRouter();
  const { upsertCommunity } = useAppState();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [colour, setColour] = useState(COLOURS[0].value);
  const [pending, setPending] = useState(false);

  async function create(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const name = text("name");
    if (!name) {
      setErrors({ name: "Give your community a name" });
      return;
    }
    setPending(true);
    setFormError(null);
    try {
      const community = await callApi(endpoints.createCommunity, {
        body: { name, description: text("description") || undefined, icon: text("icon") || undefined, color: colour },
      });
      upsertCommunity(community);
      onClose();
      router.push(`/channels/${community.id}`);
    } catch (error) {
      if (error instanceof ApiRequestError && error.fieldIssues().length) {
        setErrors(Object.fromEntries(error.fieldIssues().map((issue) => [issue.path, issue.message])));
      } else {
        setFormError(error instanceof Error ? error.message : "Could not create the community");
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog open={open} onClose={onClose} title="Create a community" description="Your community is where you and your friends hang out.">
      <form onSubmit={create} className="space-y-4" noValidate>
        {formError && (
          <p role="alert" className="text-sm text-red-400">
            {formError}
          </p>
        )}
        <Field label="Community name" name="name" required maxLength={100} autoFocus error={errors.name} />
        <Field label="Description" name="description" maxLength={1000} error={errors.description} />
        <Field label="Icon URL" name="icon" type="url" placeholder="https://…" error={errors.icon} />
        <fieldset>
          <legend className="mb-1.5 text-xs font-bold tracking-wide text-muted uppercase">Colour</legend>
          <div className="flex gap-2">
            {COLOURS.map(({ value, name }) => (
              <label key={value} className="cursor-pointer">
                <input type="radio" name="color" value={value} checked={colour === value} onChange={() => setColour(value)} className="peer sr-only" />
                <span className="sr-only">{name}</span>
                <span
                  aria-hidden
                  className="block size-8 rounded-full ring-offset-2 ring-offset-sidebar peer-checked:ring-2 peer-checked:ring-white peer-focus-visible:ring-2 peer-focus-visible:ring-aura-300"
                  style={{ backgroundColor: value }}
                />
              </label>
            ))}
          </div>
        </fieldset>
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
