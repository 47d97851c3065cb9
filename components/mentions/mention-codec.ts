// Mentions travel as `<@id>` tokens, so a rename never breaks them; people type and read them as
// `@username`. The composer and the edit box show names and turn them into tokens as the text is
// sent; code spans and blocks keep what was typed, as Markdown shows them literally.

export const MENTION_TOKEN = /<@(\d+)>/g;
/** `@everyone` and `@here`: pings for the whole channel when an owner or admin sends them. */
export const EVERYONE_WORDS = ["everyone", "here"] as const;

const CODE = /(```[\s\S]*?```|`[^`\n]+`)/;
// Not after a word character or a dot: "bob@example.com" is an address, not a mention.
const TYPED_MENTION = /(?<![\w.@])@([a-zA-Z0-9_.]{3,32})/g;

export interface Mentionable {
  id: number;
  username: string;
  displayName: string;
  avatarUrl: string | null;
}

function outsideCode(text: string, change: (plain: string) => string): string {
  return text
    .split(CODE)
    .map((part, i) => (i % 2 === 1 ? part : change(part)))
    .join("");
}

/** `@username` of a known member becomes their token (a trailing full stop ends the sentence, not the name). */
export function encodeMentions(text: string, people: readonly Mentionable[]): string {
  if (!text.includes("@")) return text;
  const byName = new Map(people.map((p) => [p.username.toLowerCase(), p.id]));
  return outsideCode(text, (plain) =>
    plain.replace(TYPED_MENTION, (whole, name: string) => {
      const bare = name.replace(/\.+$/, "");
      const id = byName.get(bare.toLowerCase());
      return id === undefined ? whole : `<@${id}>${name.slice(bare.length)}`;
    }),
  );
}

/** Tokens of known members back to `@username`, for editing; others stay tokens so saving keeps them. */
export function decodeMentions(content: string, people: readonly Mentionable[]): string {
  if (!content.includes("<@")) return content;
  const byId = new Map(people.map((p) => [p.id, p.username]));
  return outsideCode(content, (plain) => plain.replace(MENTION_TOKEN, (whole, id: string) => (byId.has(Number(id)) ? `@${byId.get(Number(id))}` : whole)));
}

/** The `@` word being typed just before the caret, and where it starts; null when there is none. */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(?:^|[\s(])@([a-zA-Z0-9_.]{0,32})$/.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[1].length - 1, query: match[1] };
}

/** Tokens as "@display name", for one-line previews that show text rather than pills. */
export function namedMentions(content: string, byId: ReadonlyMap<number, Mentionable> | undefined, unknown = "unknown-user"): string {
  return content.replace(MENTION_TOKEN, (_, id: string) => `@${byId?.get(Number(id))?.displayName ?? unknown}`);
}
