// A visitor who chose "Register" or "Log in" on an invite page meant to accept it: the invite
// page accepts by itself once they are back. Kept in this tab's sessionStorage, which only our own
// pages can write, so a link elsewhere cannot make a signed-in user join anything.

const KEY = "auraflow:accept-invite";

export function rememberInviteIntent(code: string): void {
  try {
    sessionStorage.setItem(KEY, code);
  } catch {
    // Storage off: they accept with one click instead.
  }
}

/** True once when the visitor asked to accept `code` before signing in. */
export function takeInviteIntent(code: string): boolean {
  try {
    if (sessionStorage.getItem(KEY) !== code) return false;
    sessionStorage.removeItem(KEY);
    return true;
  } catch {
    return false;
  }
}
