// The SQLite side of baselines (a) and (b): the benchmark's copy of the seeded database, opened as
// the app configures SQLite, and the login and handshake lookups as better-sqlite3 prepared
// statements (synchronous: no promise on the path).
import Database from "better-sqlite3";
import { READABLE_CHANNELS, USER_BY_NAME, type BareUser, type Lookups } from "./common";

/** Opens DB_FILE (WAL, synchronous=NORMAL, as the app does). */
export function openDatabase(): Database.Database {
  const file = process.env.DB_FILE;
  if (!file) throw new Error("DB_FILE is required");
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  return sqlite;
}

export function sqliteLookups(sqlite: Database.Database): Lookups {
  const byName = sqlite.prepare<[string], BareUser>(USER_BY_NAME);
  const channels = sqlite.prepare<[number], { id: number }>(READABLE_CHANNELS);
  return {
    userByName: (usernameLower) => byName.get(usernameLower),
    readableChannelIds: (userId) => channels.all(userId).map((row) => row.id),
  };
}
