/** Why the browser was sent to the login page: `/login?notice=<key>` shows the matching line. */
export const LOGIN_NOTICES = {
  signed_out: "You were signed out. Log in again to continue.",
  account_deleted: "Your account was deleted.",
} as const;

export type LoginNotice = keyof typeof LOGIN_NOTICES;

export function loginUrl(notice: LoginNotice | null): string {
  return notice ? `/login?notice=${notice}` : "/login";
}

export function loginNoticeText(value: string | string[] | undefined): string | null {
  return typeof value === "string" && value in LOGIN_NOTICES ? LOGIN_NOTICES[value as LoginNotice] : null;
}
