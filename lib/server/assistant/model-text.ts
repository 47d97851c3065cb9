import { WRITING_MARK } from "@/lib/ai-writing";
import { MAX_MESSAGE_LENGTH } from "@/lib/validations/limits";

/**
 * A model's text made safe to post: `@everyone`, `@here` and `<@id>` lose their power (a zero-width
 * space breaks them, so they read the same), and it fits the message limit, with room for the mark
 * (or for `reserved` characters more).
 * It is rendered like any message: markdown, never HTML.
 */
export function postableModelText(text: string, reserved = 0): string {
  const neutral = text.replace(/@(everyone|here)\b/g, "@\u200b$1").replace(/<@(!?\d+)>/g, "<@\u200b$1>");
  const room = MAX_MESSAGE_LENGTH - Math.max(WRITING_MARK.length, reserved);
  return neutral.length <= room ? neutral : `${neutral.slice(0, room - 1)}…`;
}
