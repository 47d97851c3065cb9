import { matchRanges } from "@/lib/search";

/** About this many characters of a message around its first match. */
const SNIPPET_LENGTH = 120;
/** How much of the text before the first match the snippet keeps, when it has to cut. */
const LEAD = 40;
const ELLIPSIS = "…";

export interface Snippet {
  /** Plain text (never markup): line breaks become spaces, cut text is marked with "…". */
  snippet: string;
  /** [start, end) UTF-16 offsets into `snippet` of the words the search matched. */
  highlights: [number, number][];
}

const isLowSurrogate = (text: string, index: number) => /[\uDC00-\uDFFF]/.test(text[index] ?? "");

/** A cut at `index` moved off the middle of a surrogate pair (an emoji is never split). */
const clean = (text: string, index: number) => (isLowSurrogate(text, index) ? index - 1 : index);

/**
 * The part of `content` around the first match of `terms`, with the matches in it: computed here,
 * from the same terms on both engines, so the two answer alike and no markup is ever involved.
 */
export function snippetOf(content: string, terms: string[]): Snippet {
  const text = content.replace(/\s/g, " ");
  const ranges = matchRanges(text, terms);
  let start = 0;
  let end = text.length;
  if (text.length > SNIPPET_LENGTH) {
    const first = ranges[0]?.[0] ?? 0;
    start = clean(text, Math.max(0, Math.min(first - LEAD, text.length - SNIPPET_LENGTH)));
    // Start at a word rather than in the middle of one.
    const space = text.indexOf(" ", start);
    if (start > 0 && text[start - 1] !== " " && space >= 0 && space < first) start = space + 1;
    end = clean(text, Math.min(text.length, start + SNIPPET_LENGTH));
  }
  const lead = start > 0 ? ELLIPSIS : "";
  const snippet = `${lead}${text.slice(start, end)}${end < text.length ? ELLIPSIS : ""}`;
  const shift = lead.length - start;
  const highlights = ranges.filter(([from, to]) => from >= start && to <= end).map(([from, to]): [number, number] => [from + shift, to + shift]);
  return { snippet, highlights };
}
