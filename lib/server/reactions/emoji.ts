import emojis from "emojibase-data/en/compact.json";
import { ApiError } from "../errors";

// Reactions take one Unicode emoji as emojibase lists it (skin-tone variants included). Clients
// send the same emoji with or without the variation selector U+FE0F ("❤" and "❤️"), so lookups
// ignore it and every reaction is stored in emojibase's own form: one emoji, one row key.

const VARIATION_SELECTOR = /\uFE0F/g;
const withoutSelector = (text: string) => text.replace(VARIATION_SELECTOR, "");

const CANONICAL = new Map<string, string>(
  emojis.flatMap((emoji) => [emoji, ...(emoji.skins ?? [])]).map((emoji) => [withoutSelector(emoji.unicode), emoji.unicode]),
);

/** The stored form of `text` (a route parameter, which Next has URL-decoded already), or a 400. */
export function canonicalEmoji(text: string): string {
  const canonical = CANONICAL.get(withoutSelector(text));
  if (!canonical) {
    const message = "emoji must be exactly one Unicode emoji (URL-encoded), e.g. %F0%9F%91%8D for 👍";
    throw new ApiError("invalid_request", message, [{ path: "emoji", message }]);
  }
  return canonical;
}
