import { queries } from "../db/client";
import { presenceViewOf } from "./presence-view";
import { toPublicUser } from "./serialize";

const MAX_RESULTS = 20;

/**
 * Case-insensitive search on username and display name, every character of the query taken
 * literally (`%` and `_` too): names that start with the query first, then names that contain it,
 * each alphabetically; at most 20. The caller, users who blocked the caller and deleted accounts
 * are left out.
 */
export async function searchUsers(userId: number, query: string) {
  const [rows, view] = await Promise.all([queries.searchUsers(userId, query, MAX_RESULTS), presenceViewOf(userId)]);
  return rows.map((row) => view(toPublicUser(row)));
}
