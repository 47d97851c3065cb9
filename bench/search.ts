// Scenario 8 (opt-in: BENCH_SCENARIOS=8): message search over BENCH_SEARCH_MESSAGES (default
// 1,000,000) messages on the engine under test. The messages are bulk-inserted in SQL into the
// app's database after the usual seed (on PostgreSQL after db:copy), spread over the bench
// communities' channels, all of which the searcher (the historian, made a member of every bench
// community) can read. Their text is drawn from a vocabulary with a Zipf-like (log-uniform)
// distribution, so one word is in most messages and most words are rare, as in chat.
import Database from "better-sqlite3";
import pg from "pg";
import type { SeedLayout } from "./seed";

export const SEARCH_MESSAGES = Number(process.env.BENCH_SEARCH_MESSAGES ?? 1_000_000);
const VOCABULARY = 5000;
/** In about every this many messages: the rare word. */
const RARE_EVERY = 100_000;

/** A deterministic generator (mulberry32), so both engines search the same text. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "ta", "vi", "so", "pe", "du", "ga", "fo", "bi", "ze", "ho", "ly", "wa", "qu", "xe", "jo"];

/** The vocabulary, most frequent first: "hello", then made-up words of two to four syllables. */
function vocabulary(): string[] {
  const next = random(7);
  const words = new Set(["hello"]);
  while (words.size < VOCABULARY) {
    const length = 2 + Math.floor(next() * 3);
    words.add(Array.from({ length }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]).join(""));
  }
  return [...words];
}

const WORDS = vocabulary();
/** The word at rank 100: in about 1.5 % of the messages. */
const MEDIUM = WORDS[100];

/** What scenario 8 asks, as the search box would: a common word, a rare one, a prefix, two words, one channel. */
export function searchQueries(layout: SeedLayout): { name: string; path: string }[] {
  const q = (params: Record<string, string | number>) => `/api/messages/search?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`;
  return [
    { name: `common word ("hello", ~60 % of messages)`, path: q({ q: "hello" }) },
    { name: `rare word ("quokka", ${Math.round(SEARCH_MESSAGES / RARE_EVERY)} messages)`, path: q({ q: "quokka" }) },
    { name: `medium word ("${MEDIUM}", ~1.5 %)`, path: q({ q: MEDIUM }) },
    { name: `prefix ("${MEDIUM.slice(0, 3)}", last word)`, path: q({ q: MEDIUM.slice(0, 3) }) },
    { name: `two words ("hello ${MEDIUM}")`, path: q({ q: `hello ${MEDIUM}` }) },
    { name: `common word in one channel (~${Math.round(100 / layout.channelIds.length)} % of messages)`, path: q({ q: "hello", channel_id: layout.channelIds[0] }) },
  ];
}

/** Message i's row: channel, text and time. */
function* messages(layout: SeedLayout): Generator<[number, string, Date]> {
  const next = random(42);
  const logSize = Math.log(WORDS.length + 1);
  const first = Date.now() - SEARCH_MESSAGES * 1000;
  for (let i = 0; i < SEARCH_MESSAGES; i++) {
    const length = 6 + Math.floor(next() * 14);
    const words = Array.from({ length }, () => WORDS[Math.floor(Math.exp(next() * logSize)) - 1]);
    if (i % RARE_EVERY === RARE_EVERY / 2) words.push("quokka");
    yield [layout.channelIds[i % layout.channelIds.length], words.join(" "), new Date(first + i * 1000)];
  }
}

const sqliteDate = (date: Date) => date.toISOString().replace("Z", "+00:00");

/** Makes the historian a member of every bench community and inserts the messages (the FTS triggers index them). */
export function seedSqliteSearch(file: string, layout: SeedLayout): void {
  const sqlite = new Database(file);
  try {
    sqlite.pragma("journal_mode = WAL");
    const now = sqliteDate(new Date());
    sqlite.transaction(() => {
      const join = sqlite.prepare(`INSERT INTO community_members (community_id, user_id, role, joined_at) SELECT community_id, ?, 'member', ? FROM channels WHERE id = ?`);
      for (const channelId of layout.channelIds) join.run(layout.historian.id, now, channelId);
      sqlite.prepare(`UPDATE communities SET member_count = member_count + 1 WHERE id IN (SELECT community_id FROM channels WHERE id IN (SELECT value FROM json_each(?)))`).run(JSON.stringify(layout.channelIds));
      const insert = sqlite.prepare(
        `INSERT INTO messages (channel_id, sender_id, content, message_type, created_at, author, updated_at) VALUES (?, ?, ?, 'text', ?, 'historian', ?)`,
      );
      for (const [channelId, content, at] of messages(layout)) insert.run(channelId, layout.historian.id, content, sqliteDate(at), sqliteDate(at));
    })();
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    sqlite.close();
  }
}

const BATCH = 10_000;

/** The same on PostgreSQL: batches of rows as arrays (unnest), the GIN index built once at the end. */
export async function seedPostgresSearch(url: string, layout: SeedLayout): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO community_members (community_id, user_id, role, joined_at) SELECT community_id, $1, 'member', now() FROM channels WHERE id = ANY($2::int[])`,
      [layout.historian.id, layout.channelIds],
    );
    await client.query(`UPDATE communities SET member_count = member_count + 1 WHERE id IN (SELECT community_id FROM channels WHERE id = ANY($1::int[]))`, [layout.channelIds]);
    const index = (await client.query<{ def: string }>(`SELECT indexdef AS def FROM pg_indexes WHERE indexname = 'messages_search_vector_idx'`)).rows[0].def;
    await client.query("DROP INDEX messages_search_vector_idx");
    let batch: [number, string, Date][] = [];
    const flush = async () => {
      await client.query(
        `INSERT INTO messages (channel_id, sender_id, content, message_type, created_at, author, updated_at)
         SELECT channel_id, $1, content, 'text', at, 'historian', at FROM unnest($2::int[], $3::text[], $4::timestamptz[]) AS row(channel_id, content, at)`,
        [layout.historian.id, batch.map((row) => row[0]), batch.map((row) => row[1]), batch.map((row) => row[2])],
      );
      batch = [];
    };
    for (const row of messages(layout)) {
      batch.push(row);
      if (batch.length === BATCH) await flush();
    }
    if (batch.length) await flush();
    await client.query(index);
    await client.query("COMMIT");
    await client.query("VACUUM (ANALYZE) messages");
  } finally {
    await client.end();
  }
}
