import { Fragment, type ReactNode } from "react";
import { EveryonePill, MentionPill } from "@/components/mentions/mention-pill";

// A small, safe subset of Markdown rendered to React elements — never to an HTML string — so no
// user input can become markup: **bold**, *italic* / _italic_, ~~strike~~, `code`, ```blocks```,
// [links](https://…) and bare http(s) URLs, and mentions as pills. Anything else stays literal text.

const INLINE =
  /(`[^`\n]+`)|\[([^\]\n]+)\]\(([^)\s]+)\)|\*\*(.+?)\*\*|~~(.+?)~~|\*([^*\n]+?)\*|(?<![\w])_([^_\n]+?)_(?![\w])|(https?:\/\/[^\s<>"]+[^\s<>".,:;'!?)\]])|<@(\d+)>|(?<![\w@])(@everyone|@here)(?!\w)/g;

export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

function Link({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="text-sky-700 underline decoration-current/50 underline-offset-2 hover:decoration-current dark:text-sky-400">
      {children}
    </a>
  );
}

/** `everyone`: the message pinged the channel, so `@everyone` and `@here` show as pills. */
function renderInline(text: string, key: string, everyone: boolean): ReactNode[] {
  const nodes: ReactNode[] = [];
  let last = 0;
  let index = 0;
  for (const match of text.matchAll(INLINE)) {
    const start = match.index ?? 0;
    if (start > last) nodes.push(text.slice(last, start));
    const k = `${key}-${index++}`;
    const [whole, code, linkText, linkUrl, bold, strike, star, underscore, bare, mentioned, everyoneWord] = match;
    if (code) {
      nodes.push(
        <code key={k} className="rounded bg-rail px-1 py-0.5 font-mono text-[0.85em]">
          {code.slice(1, -1)}
        </code>,
      );
    } else if (linkText !== undefined) {
      const href = safeHref(linkUrl);
      nodes.push(href ? <Link key={k} href={href}>{renderInline(linkText, k, everyone)}</Link> : whole);
    } else if (bold !== undefined) {
      nodes.push(<strong key={k}>{renderInline(bold, k, everyone)}</strong>);
    } else if (strike !== undefined) {
      nodes.push(<s key={k}>{renderInline(strike, k, everyone)}</s>);
    } else if (star !== undefined || underscore !== undefined) {
      nodes.push(<em key={k}>{renderInline(star ?? underscore, k, everyone)}</em>);
    } else if (bare) {
      const href = safeHref(bare);
      nodes.push(href ? <Link key={k} href={href}>{bare}</Link> : bare);
    } else if (mentioned) {
      nodes.push(<MentionPill key={k} userId={Number(mentioned)} />);
    } else if (everyoneWord) {
      nodes.push(everyone ? <EveryonePill key={k} word={everyoneWord} /> : everyoneWord);
    }
    last = start + whole.length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

/** The text of a message without its markup, for one-line previews (reply quotes, DM lists). */
export function plainText(content: string): string {
  return content
    .replace(/```(?:[\w+-]*\n)?([\s\S]*?)```/g, "$1")
    .replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, "$1")
    .replace(/(\*\*|~~|`)(.+?)\1/g, "$2")
    .replace(/(?<![\w*])[*_]([^*_\n]+?)[*_](?![\w*])/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/** Renders message content; newlines are kept by the container's `whitespace-pre-wrap`. */
export function Markdown({ content, everyone = false }: { content: string; everyone?: boolean }) {
  const parts = content.split(/```(?:[\w+-]*\n)?([\s\S]*?)```/g);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <pre key={i} className="my-1 overflow-x-auto rounded-md border border-subtle bg-rail p-2 font-mono text-sm">
            <code>{part.replace(/\n$/, "")}</code>
          </pre>
        ) : (
          <Fragment key={i}>{renderInline(part, String(i), everyone)}</Fragment>
        ),
      )}
    </>
  );
}
