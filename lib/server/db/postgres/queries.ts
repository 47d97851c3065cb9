import type pg from "pg";
import type { Announce, ChannelAccessRow, ConversationHead, HotQueries, MembershipRoomRow, NewMessage, PageSlice, SearchedUser, SearchFilter, SearchScope } from "../engine";
import type { Channel, User } from "../generated/client";
import type { DirectMessage as DirectMessageDto, Message as MessageDto } from "@/lib/api/entities";
import { escapeLike } from "../like";
import { attachmentsFrom, type AttachmentRow } from "../../attachments/serialize";
import { EVERYONE, mentionRowUsers, NO_MENTIONS } from "../../messages/mentions";
import { INLINE_IMAGE_TYPES } from "../../attachments/content-types";
import { SEARCH_CONFIG } from "./search-index";
import { reactionsFrom, type StoredReaction } from "../../reactions/serialize";
import { aiColumns } from "../../messages/ai-provenance";

// The hot queries in PostgreSQL's dialect, each a named prepared statement: parsed and planned
// once per pooled connection, then only executed. DateTime columns are `timestamptz`, which
// node-postgres reads and writes as instants whatever the process's time zone; message rows
// format them in SQL straight into the API's ISO 8601 strings.

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** The `ai` field of a messages or direct_messages row. */
const AI_PROVENANCE = `CASE WHEN ai_model IS NULL THEN NULL ELSE json_build_object('model', ai_model, 'requested_by',
    CASE WHEN ai_requested_by IS NULL THEN NULL ELSE json_build_object('id', ai_requested_by, 'username', ai_requester) END) END AS ai`;
const MESSAGE_COLUMNS = `id, channel_id, sender_id, content, message_type, ${iso("created_at")} AS created_at, author, avatar_url,
  ${iso("edited_at")} AS edited_at, reply_to, nonce, pinned_at IS NOT NULL AS pinned, mention_ids::json AS mentions, mention_everyone,
  is_bot, webhook_id, ${AI_PROVENANCE}`;

const DIRECT_MESSAGE_COLUMNS = `id, sender_id, receiver_id, content, message_type, ${iso("created_at")} AS created_at,
  ${iso("edited_at")} AS edited_at, reply_to, is_read, nonce, ${AI_PROVENANCE}`;

/** Attachment rows of `source` (a table or CTE) where `condition` holds, as one JSON array, in upload order. */
const attachmentsJson = (source: string, condition: string) =>
  `COALESCE((SELECT json_agg(json_build_object('id', a.id, 'filename', a.filename, 'content_type', a.content_type, 'size', a.size,
     'width', a.width, 'height', a.height, 'thumbnail_key', a.thumbnail_key) ORDER BY a.id)
   FROM ${source} AS a WHERE ${condition}), '[]'::json) AS attachments`;

/**
 * A message's reactions as one JSON array: each emoji once, by its first reaction, with whether
 * `viewer` (a placeholder; null: nobody) is among its users.
 */
const reactionsJson = (viewer: string) =>
  `COALESCE((SELECT json_agg(json_build_object('emoji', r.emoji, 'count', r.count, 'me', r.me) ORDER BY r.first)
   FROM (SELECT emoji, count(*)::int AS count, COALESCE(bool_or(user_id = ${viewer}::int), false) AS me, min(id) AS first
         FROM reactions WHERE message_id = messages.id GROUP BY emoji) AS r), '[]'::json) AS reactions`;
const messageSelect = (viewer: string) => `${MESSAGE_COLUMNS}, ${attachmentsJson("attachments", "a.message_id = messages.id")}, ${reactionsJson(viewer)}`;

type Stored<Dto> = Omit<Dto, "attachments" | "reactions"> & { attachments?: AttachmentRow[]; reactions?: StoredReaction[] };

/** A row of the hot queries in the API's shape: attachments with their URLs, reactions (none for a fresh insert). */
const toDto = <Dto extends { attachments: unknown; reactions: unknown }>(row: Stored<Dto>): Dto =>
  ({ ...row, attachments: attachmentsFrom(row.attachments), reactions: reactionsFrom(row.reactions) }) as Dto;

/**
 * An insert that takes the sender's unattached uploads in the same statement: the uploads are
 * locked, the row is inserted only when all of them are still free, and they are linked to it.
 * `insert` is an INSERT … SELECT whose WHERE is `$ALL_CLAIMED`; `$ids` and `$sender` are the
 * placeholders of the ids (int[]) and of the sender; `dependents`, more CTEs that write rows
 * hanging on `inserted` (a message's mentions).
 */
function claimingInsert(insert: string, link: "message_id" | "direct_message_id", columns: string, ids: string, sender: string, at: string, dependents = "") {
  return `WITH claimed AS (
      SELECT id FROM attachments
      WHERE id = ANY(${ids}::int[]) AND uploader_id = ${sender}::int AND kind = 'upload' AND attached_at IS NULL
      FOR UPDATE
    ),
    inserted AS (${insert.replace("$ALL_CLAIMED", `(SELECT count(*) FROM claimed) = cardinality(${ids}::int[])`)} RETURNING *),
    linked AS (
      UPDATE attachments SET ${link} = inserted.id, attached_at = ${at}::timestamptz FROM inserted
      WHERE attachments.id IN (SELECT id FROM claimed)
      RETURNING attachments.*
    )${dependents}
    SELECT ${columns}, ${attachmentsJson("linked", "true")} FROM inserted`;
}

/**
 * The CTE (after an `inserted` one) that writes a new message's mention rows, `$users` being the
 * placeholder of their user ids (int[]): part of the insert's statement, so of its transaction.
 */
const mentionRows = (users: string) => `,
    mentioned AS (
      INSERT INTO message_mentions (message_id, user_id, channel_id)
      SELECT inserted.id, mentioned_user, inserted.channel_id FROM inserted, unnest(${users}::int[]) AS mentioned_user
    )`;

// Transactions on other connections commit in any order, so a sequence alone can hand id 7 to a
// row that commits after id 8 has been read (and caught up past) by someone. An insert therefore
// first takes a transaction-scoped advisory lock on its channel (or conversation), so ids there
// grow in commit order, whichever process inserts. The lock is taken in the same statement (one
// round trip) and released at its commit. Two-key advisory locks do not collide with single-key
// ones (the migration lock).
const CHANNEL_LOCK = 1;
const CONVERSATION_LOCK = 2;

/**
 * Runs work for the same key one after another. The advisory lock orders commits, but each
 * backend answers on its own connection after releasing the lock, so the answers (and with them
 * this process's live events) could still arrive out of order: within the process, inserts into
 * one channel or conversation take turns, each starting once the previous one has answered.
 */
class KeyedQueue {
  private readonly tails = new Map<number, Promise<unknown>>();

  run<T>(key: number, work: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(work);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

/** One int4 key per conversation (either direction); a collision only serialises two conversations. */
const conversationKey = (a: number, b: number) => {
  const [low, high] = a < b ? [a, b] : [b, a];
  return (Math.imul(low, 0x9e3779b1) ^ high) | 0;
};

/** A tsquery of quoted terms (all must match), so no character of the user's reaches its syntax. */
const tsQuery = ({ terms, prefix }: SearchFilter) =>
  terms.map((term, i) => `'${term.replace(/['\\]/g, "")}'${prefix && i === terms.length - 1 ? ":*" : ""}`).join(" & ");

/** A search's conditions on the rows `m` of its table; `values` already holds the query ($1). */
function searchConditions(scope: SearchScope, filter: SearchFilter, values: unknown[]): string[] {
  const param = (value: unknown) => `$${values.push(value)}`;
  const link = "channelIds" in scope ? "message_id" : "direct_message_id";
  const conditions =
    "channelIds" in scope
      ? [`m.channel_id = ANY(${param(scope.channelIds)}::int[])`]
      : (() => {
          const [user, peer] = [param(scope.userId), param(scope.peerId)];
          return [`((m.sender_id = ${user} AND m.receiver_id = ${peer}) OR (m.sender_id = ${peer} AND m.receiver_id = ${user}))`];
        })();
  if (filter.authorId !== undefined) conditions.push(`m.sender_id = ${param(filter.authorId)}`);
  if (filter.before !== undefined) conditions.push(`m.id < ${param(filter.before)}`);
  if (filter.after !== undefined) conditions.push(`m.id > ${param(filter.after)}`);
  const attachment = (test: string) => `EXISTS (SELECT 1 FROM attachments a WHERE a.${link} = m.id AND ${test})`;
  if (filter.has === "image") conditions.push(attachment(`a.content_type = ANY(${param(INLINE_IMAGE_TYPES)}::text[])`));
  if (filter.has === "file") conditions.push(attachment(`a.content_type <> ALL(${param(INLINE_IMAGE_TYPES)}::text[])`));
  if (filter.has === "link") conditions.push("m.content ~* 'https?://'");
  return conditions;
}

export interface PostgresQueryOptions {
  /**
   * Other processes emit events too (a cluster): an insert then holds its channel's (or
   * conversation's) lock until its announcement has been handed to the event stream, so that the
   * stream, which every node reads, has each channel's events in id order. One process needs
   * only its in-process turns.
   */
  announceAcrossProcesses: boolean;
  /**
   * Cluster only: the connections that hold those locks, apart from the main pool, so that an
   * announcement's own queries never wait for a connection that a lock holder keeps (with one
   * pool, as many busy channels as connections deadlocked every send).
   */
  lockPool?: pg.Pool;
}

export function postgresQueries(pool: pg.Pool, options: PostgresQueryOptions): HotQueries {
  const names = new Map<string, string>();
  const register = (text: string) => {
    const name = `auraflow_${names.size + 1}`;
    names.set(text, name);
    return name;
  };
  const run = async <Row extends pg.QueryResultRow>(text: string, values: unknown[]) => pool.query<Row>({ name: names.get(text) ?? register(text), text, values });
  const one = async <Row extends pg.QueryResultRow>(text: string, ...values: unknown[]) => (await run<Row>(text, values)).rows[0];
  const all = async <Row extends pg.QueryResultRow>(text: string, ...values: unknown[]) => (await run<Row>(text, values)).rows;
  const channelTurns = new KeyedQueue();
  const conversationTurns = new KeyedQueue();

  /**
   * Inserts in the key's turn (the statement takes its transaction-scoped lock itself) and
   * announces. One process: the announcement follows the insert's answer, and answers come in turn
   * order, so the next insert is already on its way while this one is announced. Across processes,
   * a session-level hold on the same lock, on one connection, spans the insert and the
   * announcement (the statement's own lock is granted at once to the session that holds it).
   */
  async function insertAndAnnounce<Stored extends pg.QueryResultRow, Row>(
    turns: KeyedQueue,
    lock: number,
    key: number,
    text: string,
    values: unknown[],
    shape: (stored: Stored) => Row,
    announce: Announce<Row>,
  ): Promise<Row | null> {
    if (!options.announceAcrossProcesses) {
      const stored = await turns.run(key, async () => (await run<Stored>(text, values)).rows[0]);
      if (!stored) return null;
      const row = shape(stored);
      await announce(row);
      return row;
    }
    return turns.run(key, async () => {
      const client = await (options.lockPool ?? pool).connect();
      let broken: Error | undefined;
      const hold = async (sql: string) => {
        try {
          await client.query({ name: names.get(sql) ?? register(sql), text: sql, values: [lock, key] });
        } catch (error) {
          // The connection's state is unknown: closing it releases whatever it held.
          broken = error as Error;
          throw error;
        }
      };
      try {
        await hold("SELECT pg_advisory_lock($1::int, $2::int)");
        try {
          const stored = (await client.query<Stored>({ name: names.get(text) ?? register(text), text, values })).rows[0];
          if (!stored) return null;
          const row = shape(stored);
          await announce(row);
          return row;
        } finally {
          await hold("SELECT pg_advisory_unlock($1::int, $2::int)");
        }
      } finally {
        client.release(broken);
      }
    });
  }

  return {
    async user(userId) {
      return (await one<User>("SELECT * FROM users WHERE id = $1", userId)) ?? null;
    },

    async sessionUser(userId, sessionId) {
      return (await one<User>("SELECT * FROM users WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = $2)", userId, sessionId)) ?? null;
    },

    async channelAccess(userId, channelId): Promise<ChannelAccessRow | null> {
      const row = await one<Channel & { m_id: number; m_role: ChannelAccessRow["role"]; m_joined_at: Date; m_timeout_until: Date | null; is_channel_member: boolean }>(
        `SELECT c.id, c.name, c.type, c.description, c.community_id, c.creator_id, c.position, c.rate_limit_per_user, c.created_at, c.updated_at,
                m.id AS m_id, m.role AS m_role, m.joined_at AS m_joined_at, m.timeout_until AS m_timeout_until,
                EXISTS (SELECT 1 FROM channel_members cm WHERE cm.channel_id = c.id AND cm.user_id = $1) AS is_channel_member
         FROM channels c
         JOIN community_members m ON m.community_id = c.community_id AND m.user_id = $1
         WHERE c.id = $2`,
        userId,
        channelId,
      );
      if (!row) return null;
      const { m_id, m_role, m_joined_at, m_timeout_until, is_channel_member, ...channel } = row;
      return { channel, membershipId: m_id, role: m_role, joinedAt: m_joined_at, timeoutUntil: m_timeout_until, isChannelMember: is_channel_member };
    },

    membershipRooms(userId) {
      return all<MembershipRoomRow>(
        `SELECT m.community_id, c.id AS channel_id
         FROM community_members m
         LEFT JOIN channels c ON c.community_id = m.community_id AND (
           m.role IN ('owner', 'admin') OR c.type <> 'private'
           OR EXISTS (SELECT 1 FROM channel_members cm WHERE cm.channel_id = c.id AND cm.user_id = m.user_id))
         WHERE m.user_id = $1`,
        userId,
      );
    },

    insertMessage(message: NewMessage, announce) {
      const mentions = message.mentions ?? NO_MENTIONS;
      const mentioned = mentionRowUsers(mentions);
      const values = [
        message.channel_id, message.sender_id, message.content, message.message_type, new Date(), message.reply_to, message.author, message.avatar_url, message.nonce,
        JSON.stringify(mentions.mention_ids), mentions.mention_everyone,
        message.is_bot ?? false, message.webhook_id ?? null, ...Object.values(aiColumns(message.ai)),
      ];
      const insert = `INSERT INTO messages (channel_id, sender_id, content, message_type, created_at, reply_to, author, avatar_url, updated_at, nonce, mention_ids, mention_everyone,
           is_bot, webhook_id, ai_model, ai_requested_by, ai_requester)
         SELECT $1::int, $2::int, $3::text, $4::"MessageType", $5::timestamptz, $6::int, $7::text, $8::text, $5::timestamptz, $9::text, $10::text, $11::boolean,
           $12::boolean, $13::int, $14::text, $15::int, $16::text
         FROM (SELECT pg_advisory_xact_lock(${CHANNEL_LOCK}, $1::int)) AS channel_lock`;
      const claims = message.attachment_ids.length > 0;
      const mentionsAt = claims ? "$18" : "$17";
      const dependents = mentioned.length > 0 ? mentionRows(mentionsAt) : "";
      const text = claims
        ? claimingInsert(`${insert} WHERE $ALL_CLAIMED`, "message_id", MESSAGE_COLUMNS, "$17", "$2", "$5", dependents)
        : dependents
          ? `WITH inserted AS (${insert} RETURNING *)${dependents}
             SELECT ${MESSAGE_COLUMNS} FROM inserted`
          : `${insert} RETURNING ${MESSAGE_COLUMNS}`;
      return insertAndAnnounce(
        channelTurns,
        CHANNEL_LOCK,
        message.channel_id,
        text,
        [...values, ...(claims ? [message.attachment_ids] : []), ...(mentioned.length > 0 ? [mentioned] : [])],
        toDto<MessageDto>,
        announce,
      );
    },

    insertDirectMessage(message, announce) {
      const key = conversationKey(message.sender_id, message.receiver_id);
      const values = [message.sender_id, message.receiver_id, message.content, message.message_type, new Date(), message.nonce, key, message.reply_to, ...Object.values(aiColumns(message.ai))];
      const insert = `INSERT INTO direct_messages (sender_id, receiver_id, content, message_type, created_at, reply_to, updated_at, nonce, ai_model, ai_requested_by, ai_requester)
         SELECT $1::int, $2::int, $3::text, $4::"DirectMessageType", $5::timestamptz, $8::int, $5::timestamptz, $6::text, $9::text, $10::int, $11::text
         FROM (SELECT pg_advisory_xact_lock(${CONVERSATION_LOCK}, $7::int)) AS conversation_lock`;
      const claims = message.attachment_ids.length > 0;
      return insertAndAnnounce(
        conversationTurns,
        CONVERSATION_LOCK,
        key,
        claims ? claimingInsert(`${insert} WHERE $ALL_CLAIMED`, "direct_message_id", DIRECT_MESSAGE_COLUMNS, "$12", "$1", "$5") : `${insert} RETURNING ${DIRECT_MESSAGE_COLUMNS}`,
        claims ? [...values, message.attachment_ids] : values,
        toDto<DirectMessageDto>,
        announce,
      );
    },

    async messageByNonce(senderId, nonce) {
      const row = await one<Stored<MessageDto>>(`SELECT ${messageSelect("$1")} FROM messages WHERE sender_id = $1 AND nonce = $2`, senderId, nonce);
      return row ? toDto(row) : null;
    },

    async releaseMessageNonce(senderId, nonce, cutoff) {
      const result = await run("UPDATE messages SET nonce = NULL WHERE sender_id = $1 AND nonce = $2 AND created_at < $3", [senderId, nonce, cutoff]);
      return result.rowCount ?? 0;
    },

    async messageChannel(messageId) {
      return (await one<{ channel_id: number }>("SELECT channel_id FROM messages WHERE id = $1", messageId))?.channel_id ?? null;
    },

    async channelMessages(channelId: number, slice: PageSlice, viewer) {
      const values: unknown[] = [channelId, viewer];
      const where = ["channel_id = $1"];
      const bound = (operator: string, value: number | undefined) => {
        if (value === undefined) return;
        values.push(value);
        where.push(`id ${operator} $${values.length}`);
      };
      bound("<", slice.id?.lt);
      bound("<=", slice.id?.lte);
      bound(">", slice.id?.gt);
      values.push(slice.take, slice.skip);
      const rows = await all<Stored<MessageDto>>(
        `SELECT ${messageSelect("$2")} FROM messages WHERE ${where.join(" AND ")}
         ORDER BY id ${slice.order === "asc" ? "ASC" : "DESC"} LIMIT $${values.length - 1} OFFSET $${values.length}`,
        ...values,
      );
      return rows.map(toDto<MessageDto>);
    },

    conversationHeads(userId, page) {
      return all<ConversationHead>(
        `SELECT peer_id, MAX(id) AS last_id FROM (
           SELECT receiver_id AS peer_id, id FROM direct_messages WHERE sender_id = $1
           UNION ALL
           SELECT sender_id AS peer_id, id FROM direct_messages WHERE receiver_id = $1
         ) AS conversation
         WHERE peer_id NOT IN (SELECT blocked_user_id FROM blocked_users WHERE user_id = $1)
         GROUP BY peer_id
         ORDER BY last_id DESC
         LIMIT $2 OFFSET $3`,
        userId,
        page.limit,
        page.offset,
      );
    },

    channelReadStates(userId, channelIds) {
      // Mentions: rows for the user or for everyone (a message with both counts once), after the
      // read position, not the user's own, not from users they blocked.
      return all(
        `SELECT c.id AS channel_id,
           (SELECT MAX(m.id) FROM messages m WHERE m.channel_id = c.id) AS last_message_id,
           (SELECT COUNT(*)::int FROM messages m
             WHERE m.channel_id = c.id AND m.sender_id <> $1 AND m.id > COALESCE(rs.last_read_message_id, 0)) AS unread_count,
           (SELECT COUNT(DISTINCT mm.message_id)::int FROM message_mentions mm JOIN messages m ON m.id = mm.message_id
             WHERE mm.channel_id = c.id AND mm.user_id IN ($1, ${EVERYONE}) AND mm.message_id > COALESCE(rs.last_read_message_id, 0)
               AND m.sender_id <> $1
               AND NOT EXISTS (SELECT 1 FROM blocked_users b WHERE b.user_id = $1 AND b.blocked_user_id = m.sender_id)) AS mention_count
         FROM channels c
         LEFT JOIN channel_read_states rs ON rs.user_id = $1 AND rs.channel_id = c.id
         WHERE c.id = ANY($2::int[])`,
        userId,
        channelIds,
      );
    },

    searchUsers(userId, needle, limit) {
      // Byte order ("C") sorts usernames exactly as SQLite does, whatever the database's collation.
      const lowered = escapeLike(needle.toLowerCase());
      return all<SearchedUser>(
        `SELECT id, username, display_name, avatar_url, status, custom_status, last_seen, created_at, is_bot
         FROM users u
         WHERE u.id <> $1
           AND u.deleted_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM webhooks w WHERE w.user_id = u.id)
           AND NOT EXISTS (SELECT 1 FROM blocked_users b WHERE b.user_id = u.id AND b.blocked_user_id = $1)
           AND (u.username_lower LIKE $2 ESCAPE '\\' OR lower(u.display_name) LIKE $2 ESCAPE '\\')
         ORDER BY (u.username_lower LIKE $3 ESCAPE '\\' OR lower(u.display_name) LIKE $3 ESCAPE '\\') DESC, u.username_lower COLLATE "C"
         LIMIT $4`,
        userId,
        `%${lowered}%`,
        `${lowered}%`,
        limit,
      );
    },

    async searchMessages(scope, filter, cap) {
      const table = "channelIds" in scope ? "messages" : "direct_messages";
      const values: unknown[] = [tsQuery(filter)];
      const conditions = searchConditions(scope, filter, values);
      values.push(cap);
      const rows = await all<{ id: number }>(
        `WITH hits AS (
           SELECT m.id, ts_rank(m.search_vector, q.query) AS score
           FROM ${table} m, to_tsquery('${SEARCH_CONFIG}', $1) AS q(query)
           WHERE m.search_vector @@ q.query AND ${conditions.join(" AND ")}
           ORDER BY m.id DESC LIMIT $${values.length}
         )
         SELECT id FROM hits ORDER BY score DESC, id DESC`,
        ...values,
      );
      return rows.map((row) => row.id);
    },
  };
}
