import type { MessagePageQuery } from "@/lib/validations/common";
import type { PageSlice } from "../db/engine";

/**
 * One page of a message history, oldest to newest, for channels and DMs alike. `fetch` runs
 * one slice (an id range in one direction); around= needs two.
 */
export async function fetchPage<T>(query: MessagePageQuery, fetch: (slice: PageSlice) => Promise<T[]>): Promise<T[]> {
  const { limit, offset } = query;
  if (query.after !== undefined) return fetch({ id: { gt: query.after }, order: "asc", take: limit, skip: offset });
  if (query.before !== undefined) return (await fetch({ id: { lt: query.before }, order: "desc", take: limit, skip: offset })).reverse();
  if (query.around !== undefined) {
    const newerCount = Math.floor(limit / 2);
    const [older, newer] = [
      await fetch({ id: { lte: query.around }, order: "desc", take: limit - newerCount, skip: 0 }),
      await fetch({ id: { gt: query.around }, order: "asc", take: newerCount, skip: 0 }),
    ];
    return [...older.reverse(), ...newer];
  }
  return (await fetch({ order: "desc", take: limit, skip: offset })).reverse();
}
