import { ApiRequestError } from "@/lib/api-client";
import { waitTime } from "@/lib/format";

/**
 * An API refusal of a settings form, split into what belongs under one of its fields (by the
 * field's name; a wrong password under `passwordField`, for a password-confirmed form) and what
 * belongs above the form.
 */
export function formErrors(error: unknown, passwordField?: string): { fields: Record<string, string>; form: string | null } {
  if (!(error instanceof ApiRequestError)) return { fields: {}, form: "Something went wrong. Please try again." };
  const wait = error.retryAfter();
  if (wait !== null) return { fields: {}, form: `Too many attempts, try again in ${waitTime(wait)}.` };
  if (passwordField && error.code === "invalid_password") return { fields: { [passwordField]: error.message }, form: null };
  const issues = error.fieldIssues();
  if (issues.length) return { fields: Object.fromEntries(issues.map((issue) => [issue.path, issue.message])), form: null };
  return { fields: {}, form: error.message };
}
