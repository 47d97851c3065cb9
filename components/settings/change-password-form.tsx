"use client";

import { useState } from "react";
import { Field, FormError } from "@/components/auth/field";
import { Button } from "@/components/ui/button";
import { endpoints } from "@/lib/api/endpoints";
import { callApi } from "@/lib/api-client";
import { changePasswordSchema } from "@/lib/validations/auth";
import { useServerSubmit } from "./use-server-submit";

type FieldName = "current_password" | "new_password" | "confirm_password";

/** Current password and the new one twice, checked by the same rules as at registration. */
export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const { errors, setErrors, formError, setFormError, pending, submit } = useServerSubmit<FieldName>("current_password");
  const [changed, setChanged] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const value = (name: FieldName) => String(form.get(name) ?? "");
    const nextErrors: Partial<Record<FieldName, string>> = {};
    const parsed = changePasswordSchema.safeParse({ current_password: value("current_password"), new_password: value("new_password") });
    if (!parsed.success) for (const issue of parsed.error.issues) nextErrors[issue.path[0] as FieldName] ??= issue.message;
    if (value("confirm_password") !== value("new_password")) nextErrors.confirm_password = "The passwords do not match";
    setErrors(nextErrors);
    setFormError(null);
    setChanged(false);
    if (!parsed.success || nextErrors.confirm_password) return;

    if (await submit(formElement, () => callApi(endpoints.changePassword, { body: parsed.data }))) {
      setChanged(true);
      onChanged();
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <FormError message={formError} />
      {changed && (
        <p role="status" className="rounded-md border border-emerald-500/40 bg-emerald-500/10 px-3 py-2 text-sm text-emerald-700 dark:text-emerald-300">
          Password changed. Your other devices and sessions were signed out; this browser stays signed in.
        </p>
      )}
      <Field label="Current password" name="current_password" type="password" autoComplete="current-password" required error={errors.current_password} />
      <Field label="New password" name="new_password" type="password" autoComplete="new-password" required hint="At least 8 characters." error={errors.new_password} />
      <Field label="Confirm new password" name="confirm_password" type="password" autoComplete="new-password" required error={errors.confirm_password} />
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          {pending ? "Changing…" : "Change password"}
        </Button>
      </div>
    </form>
  );
}
