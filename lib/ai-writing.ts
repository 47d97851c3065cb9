// How an AI reply shows that it is still being written, for the server that streams it (the
// assistant) and the clients that show it: it is created as WRITING_PLACEHOLDER, then each edit
// ends with WRITING_MARK until the final text.

/** The content of a reply before the model's first words. */
export const WRITING_PLACEHOLDER = "…";

/** Shown at the end of a reply while it is still being written. */
export const WRITING_MARK = " ▍";

/** The text of an AI reply so far, without the writing mark, and whether it is still being written. */
export function writtenSoFar(content: string): { text: string; writing: boolean } {
  if (content === WRITING_PLACEHOLDER) return { text: "", writing: true };
  if (content.endsWith(WRITING_MARK)) return { text: content.slice(0, -WRITING_MARK.length), writing: true };
  return { text: content, writing: false };
}
