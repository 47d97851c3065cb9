// What the viewer typed but did not send, per conversation, for the life of the tab: in
// sessionStorage, so that it outlives leaving the channel (the pane is remounted) and a reload.

const PREFIX = "auraflow:draft:";

export function loadDraft(key: string): string {
  try {
    return sessionStorage.getItem(PREFIX + key) ?? "";
  } catch {
    return "";
  }
}

export function saveDraft(key: string, text: string): void {
  try {
    if (text) sessionStorage.setItem(PREFIX + key, text);
    else sessionStorage.removeItem(PREFIX + key);
  } catch {
    // Storage is off or full: the draft then lives as long as the composer, as before.
  }
}
