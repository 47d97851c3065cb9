import { randomBytes } from "node:crypto";
import pg from "pg";

// A database of its own for every test server when the tests run on PostgreSQL: created before the
// server starts, dropped when it stops, so that no test sees another's rows.

/** Only databases named like this are ever dropped: a mistaken URL cannot cost real data. */
const PREFIX = "auraflow_t_";
let counter = 0;

const pools = new Map<string, pg.Pool>();

async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const nameOf = (databaseUrl: string) => decodeURIComponent(new URL(databaseUrl).pathname.slice(1));

/** Creates an empty database on the server `serverUrl` points at; resolves with its URL. */
export async function createDatabase(serverUrl: string): Promise<string> {
  const name = `${PREFIX}${process.pid}_${++counter}_${randomBytes(3).toString("hex")}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The tests' own connections to a database: a small pool per URL, ended by releaseDatabase. */
export function postgresPool(databaseUrl: string): pg.Pool {
  let pool = pools.get(databaseUrl);
  if (!pool) {
    // COUNT(*) is a bigint, which node-postgres returns as a string; the tests compare counts with
    // numbers. The parser is this pool's own: the global ones are not the tests' to change.
    const types = new pg.TypeOverrides();
    types.setTypeParser(pg.types.builtins.INT8, Number);
    pool = new pg.Pool({ connectionString: databaseUrl, max: 2, types, allowExitOnIdle: true });
    pools.set(databaseUrl, pool);
  }
  return pool;
}

/** Ends the tests' pool for the database and, with `drop`, drops it (and any connection still open to it). */
export async function releaseDatabase(serverUrl: string, databaseUrl: string, { drop }: { drop: boolean }): Promise<void> {
  await pools.get(databaseUrl)?.end();
  pools.delete(databaseUrl);
  if (!drop) return;
  const name = nameOf(databaseUrl);
  if (!name.startsWith(PREFIX)) throw new Error(`refusing to drop ${name}: the tests drop only the databases they created`);
  // FORCE ends the connections still open to it; ending an autovacuum worker that has just started
  // there takes pg_signal_backend (granted by .ci/run), else a moment's wait until it is done.
  for (let attempt = 1; ; attempt++) {
    try {
      await onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "42501" || attempt === 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
