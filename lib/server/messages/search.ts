import { lastTermIsPrefix, searchTerms } from "@/lib/search";
import { MAX_SEARCH_MATCHES, type MessageSearchQuery } from "@/lib/validations/messages";
import { queries } from "../db/client";
import type { SearchScope } from "../db/engine";
import { consumeLimit } from "../limits/rate-limit";
import { snippetOf, type Snippet } from "./snippet";

// What channel and DM search share: the query read into terms, the ranked page of ids, and the
// rows in rank order with their snippets.

export interface SearchPage {
  /** Every match the caller may see, at most MAX_SEARCH_MATCHES. */
  total: number;
  ids: number[];
  terms: string[];
}

/** One page of the ranked matches in `scope`; each search counts against the caller's `search` limit. */
export async function rankedPage(userId: number, scope: SearchScope, query: MessageSearchQuery): Promise<SearchPage> {
  await consumeLimit("search", userId);
  const terms = searchTerms(query.q);
  const filter = { terms, prefix: lastTermIsPrefix(terms), authorId: query.author_id, has: query.has, before: query.before, after: query.after };
  const ranked = await queries.searchMessages(scope, filter, MAX_SEARCH_MATCHES);
  return { total: ranked.length, ids: ranked.slice(query.offset, query.offset + query.limit), terms };
}

/**
 * The rows of `page.ids` in rank order, each serialized with its snippet. A row deleted since the
 * ranking is left out.
 */
export function inRankOrder<Row extends { id: number }, Item extends { content: string }>(
  page: SearchPage,
  rows: Row[],
  serialize: (row: Row) => Item,
): (Item & Snippet)[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return page.ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const item = serialize(row);
    return [{ ...item, ...snippetOf(item.content, page.terms) }];
  });
}
