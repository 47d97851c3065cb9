"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { endpoints } from "@/lib/api/endpoints";
import { ApiRequestError, callApi } from "@/lib/api-client";
import { withNext } from "@/lib/next-path";
import { registerSchema } from "@/lib/validations/auth";
import { Field, FormError, SubmitButton } from "./field";

type FieldName = "username" | "email" | "password" | "display_name";
type Errors = Partial<Record<FieldName, string>>;

function firstIssuePerField(issues: { path: string; message: string }[]): Errors {
  const errors: Errors = {};
  for (const issue of issues) {
    const field = issue.path.split(".")[0] as FieldName;
    errors[field] ??= issue.message;
  }
  return errors;
}

/** `next`: a same-origin path (see safeNextPath) to land on instead of the app's home. */
export function RegisterForm({ next = null }: { next?: string | null }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const displayName = String(form.get("display_name") ?? "").trim();
    const input = {
      username: String(form.get("username") ?? "").trim(),
      email: String(form.get("email") ?? "").trim(),
      password: String(form.get("password") ?? ""),
      ...(displayName ? { display_name: displayName } : {}),
    };
    setFormError(null);
    const parsed = registerSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(firstIssuePerField(parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }))));
      return;
    }
    setErrors({});

    setPending(true);
    try {
      await callApi(endpoints.register, { body: parsed.data });
      const result = await signIn("credentials", { login: parsed.data.username, password: parsed.data.password, redirect: false });
      if (!result?.ok) {
        router.replace(withNext("/login", next));
        return;
      }
      router.replace(next ?? "/");
      router.refresh();
    } catch (error) {
      if (error instanceof ApiRequestError && error.fieldIssues().length) {
        setErrors(firstIssuePerField(error.fieldIssues()));
      } else {
        setFormError(error instanceof ApiRequestError ? error.message : "Could not create your account. Please try again.");
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      <FormError message={formError} />
      <Field label="Email" name="email" type="email" autoComplete="email" autoFocus required error={errors.email} />
      <Field label="Display name" name="display_name" autoComplete="nickname" error={errors.display_name} hint="How others see you. You can change it any time." />
      <Field
        label="Username"
        name="username"
        autoComplete="username"
        required
        error={errors.username}
        hint="3–32 characters: letters, digits, _ and ."
      />
      <Field label="Password" name="password" type="password" autoComplete="new-password" required error={errors.password} hint="At least 8 characters." />
      <SubmitButton pending={pending}>{pending ? "Creating account…" : "Continue"}</SubmitButton>
    </form>
  );
}
