// How a search query is read and where its terms appear in a text: shared by the query's
// validation, the server (engine queries, snippets) and the browser (which may highlight too).

/**
 * A term is a run of letters, digits and combining marks that starts with a letter or digit:
 * what both engines' tokenizers index as one word (everything else separates words). Nothing the
 * user types is ever passed to the engines' query syntax; only these terms, quoted.
 */
const TERM = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

/** The last term matches as a prefix ("hel" finds "hello") once it is this long. */
export const MIN_PREFIX_LENGTH = 2;

export function searchTerms(query: string): string[] {
  return query.match(TERM) ?? [];
}

/** Case and diacritics folded away, as the engines compare words ("Café" and "cafe" are one). */
export const foldTerm = (term: string) => term.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** Whether the last of `terms` matches as a prefix. */
export function lastTermIsPrefix(terms: string[]): boolean {
  return terms.length > 0 && foldTerm(terms[terms.length - 1]).length >= MIN_PREFIX_LENGTH;
}

/**
 * The [start, end) UTF-16 offsets of the words of `text` that the query's terms match, in order:
 * each term a whole word, the last also a word's beginning (see lastTermIsPrefix).
 */
export function matchRanges(text: string, terms: string[]): [number, number][] {
  const folded = terms.map(foldTerm);
  const exact = new Set(folded);
  const prefix = lastTermIsPrefix(terms) ? folded[folded.length - 1] : null;
  const ranges: [number, number][] = [];
  for (const word of text.matchAll(TERM)) {
    const foldedWord = foldTerm(word[0]);
    if (exact.has(foldedWord) || (prefix !== null && foldedWord.startsWith(prefix))) ranges.push([word.index, word.index + word[0].length]);
  }
  return ranges;
}
