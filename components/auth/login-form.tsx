"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { waitTime } from "@/lib/format";
import { Field, FormError, SubmitButton } from "./field";

type Errors = Partial<Record<"login" | "password", string>>;

/** next-auth's `error` after a refused sign-in (see lib/server/auth/next-auth.ts). */
function signInErrorMessage(error: string | null | undefined): string {
  if (error === "CredentialsSignin") return "Invalid username or password.";
  const wait = /^rate_limited:(\d+)$/.exec(error ?? "")?.[1];
  if (wait) return `Too many attempts. Try again in ${waitTime(Number(wait))}.`;
  return "Could not log in. Please try again.";
}

/** `next`: a same-origin path (see safeNextPath) to land on instead of the app's home. */
export function LoginForm({ next = null }: { next?: string | null }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const login = String(form.get("login") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const nextErrors: Errors = {};
    if (!login) nextErrors.login = "Enter your username or email";
    if (!password) nextErrors.password = "Enter your password";
    setErrors(nextErrors);
    setFormError(null);
    if (Object.keys(nextErrors).length) return;

    setPending(true);
    try {
      const result = await signIn("credentials", { login, password, redirect: false });
      if (!result?.ok) {
        setFormError(signInErrorMessage(result?.error));
        return;
      }
      router.replace(next ?? "/");
      router.refresh();
    } catch {
      setFormError("Can't reach Auraflow. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      <FormError message={formError} />
      <Field label="Username or email" name="login" autoComplete="username" autoFocus required error={errors.login} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required error={errors.password} />
      <SubmitButton pending={pending}>{pending ? "Logging in…" : "Log in"}</SubmitButton>
    </form>
  );
}
