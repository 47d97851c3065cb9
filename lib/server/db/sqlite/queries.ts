import type { DirectMessage as DirectMessageDto, Message as MessageDto } from "@/lib/api/entities";
import type { ChannelAccessRow, ConversationHead, HotQueries, MembershipRoomRow, NewMessage, PageSlice, SearchedUser, SearchFilter, SearchScope } from "../engine";
import type { Channel, CommunityRole, DirectMessageType, MessageType, User } from "../generated/client";
import { escapeLike } from "../like";
import { attachmentsFrom, type AttachmentRow } from "../../attachments/serialize";
import { EVERYONE, mentionRowUsers, NO_MENTIONS, storedMentionIds } from "../../messages/mentions";
import { INLINE_IMAGE_TYPES } from "../../attachments/content-types";
import { reactionsFrom } from "../../reactions/serialize";
import { aiColumns, aiProvenance, type AiColumns } from "../../messages/ai-provenance";
import { fromSqlDate, isoFromSql, isoOrNullFromSql, withDates, type Statements, type SyncStatements, type SqlValue } from "./statements";

// The hot queries in SQLite's dialect: `?` placeholders, 0/1 booleans, DateTimes stored as text.

const USER_DATES = ["last_seen", "deleted_at", "created_at", "updated_at"] as const;
const CHANNEL_DATES = ["created_at", "updated_at"] as const;

const ATTACHMENT_COLUMNS = "id, filename, content_type, size, width, height, thumbnail_key";

/** A message's (or DM's) attachments as one JSON array column, in upload order. */
const attachmentsOf = (link: "message_id" | "direct_message_id", table: string) =>
  `(SELECT json_group_array(json_object('id', a.id, 'filename', a.filename, 'content_type', a.content_type, 'size', a.size,
     'width', a.width, 'height', a.height, 'thumbnail_key', a.thumbnail_key))
    FROM (SELECT * FROM attachments WHERE ${link} = ${table}.id ORDER BY id) AS a) AS attachments`;

/**
 * A message's reactions as one JSON array column: each emoji once, by its first reaction, with
 * whether the viewer (the statement's first `?`; null: nobody) is among its users.
 */
const MESSAGE_REACTIONS = `(SELECT json_group_array(json_object('emoji', r.emoji, 'count', r.count, 'me', r.me))
    FROM (SELECT emoji, COUNT(*) AS count, COALESCE(MAX(user_id = ?), 0) AS me FROM reactions
          WHERE message_id = messages.id GROUP BY emoji ORDER BY MIN(id)) AS r) AS reactions`;

const MESSAGE_COLUMNS =
  "id, channel_id, sender_id, content, message_type, created_at, author, avatar_url, edited_at, reply_to, nonce, pinned_at IS NOT NULL AS pinned, mention_ids, mention_everyone, is_bot, webhook_id, ai_model, ai_requested_by, ai_requester";
/** Takes the viewer as its first placeholder (see MESSAGE_REACTIONS). */
const MESSAGE_SELECT = `${MESSAGE_COLUMNS}, ${attachmentsOf("message_id", "messages")}, ${MESSAGE_REACTIONS}`;

interface StoredMessage extends Omit<MessageDto, "created_at" | "edited_at" | "attachments" | "reactions" | "pinned" | "mentions" | "mention_everyone" | "is_bot" | "ai">, AiColumns {
  created_at: string;
  edited_at: string | null;
  pinned: number;
  attachments?: string | AttachmentRow[];
  mention_ids: string;
  mention_everyone: number;
  is_bot: number;
  reactions?: string;
}

/** Another send took one of the attachments between the checks and the insert: roll back. */
class AttachmentsTaken extends Error {}

/**
 * Inserts a message (or DM) row and hands it its attachments, in one transaction. Resolves null
 * when any attachment is no longer the sender's unattached upload. `writeDependents`, when
 * given, writes rows that hang on the new row (a message's mentions) in the same transaction.
 */
async function insertWithAttachments<Row extends { id: number }>(
  sql: Statements,
  insert: (tx: SyncStatements) => Row,
  link: "message_id" | "direct_message_id",
  senderId: number,
  attachmentIds: number[],
  now: Date,
  writeDependents?: (tx: SyncStatements, row: Row) => void,
): Promise<(Row & { attachments: AttachmentRow[] }) | null> {
  try {
    return await sql.atomically((tx) => {
      const row = insert(tx);
      writeDependents?.(tx, row);
      if (attachmentIds.length === 0) return { ...row, attachments: [] as AttachmentRow[] };
      const ids: SqlValue = JSON.stringify(attachmentIds);
      const taken = tx.run(
        `UPDATE attachments SET ${link} = ?, attached_at = ?
         WHERE id IN (SELECT value FROM json_each(?)) AND uploader_id = ? AND kind = 'upload' AND attached_at IS NULL`,
        row.id, now, ids, senderId,
      );
      if (taken !== attachmentIds.length) throw new AttachmentsTaken();
      return { ...row, attachments: tx.all<AttachmentRow>(`SELECT ${ATTACHMENT_COLUMNS} FROM attachments WHERE ${link} = ? ORDER BY id`, row.id) };
    }, { transaction: attachmentIds.length > 0 || writeDependents !== undefined });
  } catch (error) {
    if (error instanceof AttachmentsTaken) return null;
    throw error;
  }
}

const toMessage = (row: StoredMessage): MessageDto => ({
  id: row.id,
  channel_id: row.channel_id,
  sender_id: row.sender_id,
  content: row.content,
  message_type: row.message_type as MessageType,
  created_at: isoFromSql(row.created_at),
  author: row.author,
  avatar_url: row.avatar_url,
  edited_at: isoOrNullFromSql(row.edited_at),
  reply_to: row.reply_to,
  nonce: row.nonce,
  attachments: attachmentsFrom(row.attachments),
  pinned: row.pinned === 1,
  mentions: storedMentionIds(row.mention_ids),
  mention_everyone: row.mention_everyone === 1,
  reactions: reactionsFrom(row.reactions),
  is_bot: row.is_bot === 1,
  webhook_id: row.webhook_id,
  ai: aiProvenance(row),
});

const DIRECT_MESSAGE_COLUMNS = "id, sender_id, receiver_id, content, message_type, created_at, edited_at, reply_to, is_read, nonce, ai_model, ai_requested_by, ai_requester";

interface StoredDirectMessage extends Omit<DirectMessageDto, "created_at" | "edited_at" | "is_read" | "attachments" | "reactions" | "ai">, AiColumns {
  created_at: string;
  edited_at: string | null;
  is_read: number;
  attachments?: string | AttachmentRow[];
}

const toDirectMessage = (row: StoredDirectMessage): DirectMessageDto => ({
  id: row.id,
  sender_id: row.sender_id,
  receiver_id: row.receiver_id,
  content: row.content,
  message_type: row.message_type as DirectMessageType,
  created_at: isoFromSql(row.created_at),
  edited_at: isoOrNullFromSql(row.edited_at),
  reply_to: row.reply_to,
  is_read: row.is_read === 1,
  nonce: row.nonce,
  attachments: attachmentsFrom(row.attachments),
  // Only fresh inserts come through here: nobody has reacted yet.
  reactions: [],
  ai: aiProvenance(row),
});

/** An FTS5 query of quoted terms (all must match), so no character of the user's reaches its syntax. */
const ftsQuery = ({ terms, prefix }: SearchFilter) =>
  terms.map((term, i) => `"${term.replaceAll('"', '""')}"${prefix && i === terms.length - 1 ? "*" : ""}`).join(" ");

/** A search's conditions on the rows `m` of its table, with their values in order. */
function searchConditions(scope: SearchScope, filter: SearchFilter): [string[], SqlValue[]] {
  const link = "channelIds" in scope ? "message_id" : "direct_message_id";
  const conditions: [string, ...SqlValue[]][] =
    "channelIds" in scope
      ? [["m.channel_id IN (SELECT value FROM json_each(?))", JSON.stringify(scope.channelIds)]]
      : [["((m.sender_id = ? AND m.receiver_id = ?) OR (m.sender_id = ? AND m.receiver_id = ?))", scope.userId, scope.peerId, scope.peerId, scope.userId]];
  if (filter.authorId !== undefined) conditions.push(["m.sender_id = ?", filter.authorId]);
  if (filter.before !== undefined) conditions.push(["m.id < ?", filter.before]);
  if (filter.after !== undefined) conditions.push(["m.id > ?", filter.after]);
  const images = JSON.stringify(INLINE_IMAGE_TYPES);
  const attachment = (test: string) => `EXISTS (SELECT 1 FROM attachments a WHERE a.${link} = m.id AND a.content_type ${test} (SELECT value FROM json_each(?)))`;
  if (filter.has === "image") conditions.push([attachment("IN"), images]);
  if (filter.has === "file") conditions.push([attachment("NOT IN"), images]);
  if (filter.has === "link") conditions.push(["(m.content LIKE '%http://%' OR m.content LIKE '%https://%')"]);
  return [conditions.map(([sql]) => sql), conditions.flatMap(([, ...values]) => values)];
}

const toUser = (row: Record<string, unknown> | undefined) =>
  row ? { ...withDates<User>(row, USER_DATES), is_bot: row.is_bot === 1, is_ai: row.is_ai === 1 } : null;

export function sqliteQueries(sql: Statements): HotQueries {
  return {
    async user(userId) {
      return toUser(await sql.one("SELECT * FROM users WHERE id = ?", userId));
    },

    async sessionUser(userId, sessionId) {
      return toUser(
        await sql.one("SELECT * FROM users WHERE id = ? AND NOT EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = ?)", userId, sessionId),
      );
    },

    async channelAccess(userId, channelId): Promise<ChannelAccessRow | null> {
      const row = await sql.one<Record<string, unknown>>(
        `SELECT c.id, c.name, c.type, c.description, c.community_id, c.creator_id, c.position, c.rate_limit_per_user, c.created_at, c.updated_at,
                m.id AS m_id, m.role AS m_role, m.joined_at AS m_joined_at, m.timeout_until AS m_timeout_until,
                EXISTS (SELECT 1 FROM channel_members cm WHERE cm.channel_id = c.id AND cm.user_id = ?) AS is_channel_member
         FROM channels c
         JOIN community_members m ON m.community_id = c.community_id AND m.user_id = ?
         WHERE c.id = ?`,
        userId,
        userId,
        channelId,
      );
      if (!row) return null;
      const { m_id, m_role, m_joined_at, m_timeout_until, is_channel_member, ...channel } = row;
      return {
        channel: withDates<Channel>(channel, CHANNEL_DATES),
        membershipId: m_id as number,
        role: m_role as CommunityRole,
        joinedAt: fromSqlDate(m_joined_at as string),
        timeoutUntil: m_timeout_until == null ? null : fromSqlDate(m_timeout_until as string),
        isChannelMember: Number(is_channel_member) === 1,
      };
    },

    membershipRooms(userId) {
      return sql.all<MembershipRoomRow>(
        `SELECT m.community_id, c.id AS channel_id
         FROM community_members m
         LEFT JOIN channels c ON c.community_id = m.community_id AND (
           m.role IN ('owner', 'admin') OR c.type <> 'private'
           OR EXISTS (SELECT 1 FROM channel_members cm WHERE cm.channel_id = c.id AND cm.user_id = m.user_id))
         WHERE m.user_id = ?`,
        userId,
      );
    },

    async insertMessage(message: NewMessage, announce) {
      const now = new Date();
      const mentions = message.mentions ?? NO_MENTIONS;
      const mentioned = mentionRowUsers(mentions);
      const ai = aiColumns(message.ai);
      const row = await insertWithAttachments(
        sql,
        (tx) =>
          tx.one<StoredMessage>(
            `INSERT INTO messages (channel_id, sender_id, content, message_type, created_at, reply_to, author, avatar_url, updated_at, nonce, mention_ids, mention_everyone,
               is_bot, webhook_id, ai_model, ai_requested_by, ai_requester)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${MESSAGE_COLUMNS}`,
            message.channel_id,
            message.sender_id,
            message.content,
            message.message_type,
            now,
            message.reply_to,
            message.author,
            message.avatar_url,
            now,
            message.nonce,
            JSON.stringify(mentions.mention_ids),
            mentions.mention_everyone,
            message.is_bot ?? false,
            message.webhook_id ?? null,
            ai.ai_model,
            ai.ai_requested_by,
            ai.ai_requester,
          )!,
        "message_id",
        message.sender_id,
        message.attachment_ids,
        now,
        mentioned.length === 0
          ? undefined
          : (tx, row) => {
              tx.run("INSERT INTO message_mentions (message_id, user_id, channel_id) SELECT ?, value, ? FROM json_each(?)", row.id, row.channel_id, JSON.stringify(mentioned));
            },
      );
      if (!row) return null;
      // One connection runs one statement at a time, and this continuation runs before the next
      // insert's: announcements follow the insert order.
      const inserted = toMessage(row);
      await announce(inserted);
      return inserted;
    },

    // One connection runs one statement at a time: ids are handed out in commit order already.
    async insertDirectMessage(message, announce) {
      const now = new Date();
      const ai = aiColumns(message.ai);
      const row = await insertWithAttachments(
        sql,
        (tx) =>
          tx.one<StoredDirectMessage>(
            `INSERT INTO direct_messages (sender_id, receiver_id, content, message_type, created_at, reply_to, updated_at, nonce, ai_model, ai_requested_by, ai_requester)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${DIRECT_MESSAGE_COLUMNS}`,
            message.sender_id,
            message.receiver_id,
            message.content,
            message.message_type,
            now,
            message.reply_to,
            now,
            message.nonce,
            ai.ai_model,
            ai.ai_requested_by,
            ai.ai_requester,
          )!,
        "direct_message_id",
        message.sender_id,
        message.attachment_ids,
        now,
      );
      if (!row) return null;
      const inserted = toDirectMessage(row);
      await announce(inserted);
      return inserted;
    },

    async messageByNonce(senderId, nonce) {
      const row = await sql.one<StoredMessage>(`SELECT ${MESSAGE_SELECT} FROM messages WHERE sender_id = ? AND nonce = ?`, senderId, senderId, nonce);
      return row ? toMessage(row) : null;
    },

    releaseMessageNonce(senderId, nonce, cutoff) {
      return sql.run("UPDATE messages SET nonce = NULL WHERE sender_id = ? AND nonce = ? AND created_at < ?", senderId, nonce, cutoff);
    },

    async messageChannel(messageId) {
      return (await sql.one<{ channel_id: number }>("SELECT channel_id FROM messages WHERE id = ?", messageId))?.channel_id ?? null;
    },

    async channelMessages(channelId: number, slice: PageSlice, viewer) {
      const bounds: [string, number][] = [];
      if (slice.id?.lt !== undefined) bounds.push(["id < ?", slice.id.lt]);
      if (slice.id?.lte !== undefined) bounds.push(["id <= ?", slice.id.lte]);
      if (slice.id?.gt !== undefined) bounds.push(["id > ?", slice.id.gt]);
      const where = ["channel_id = ?", ...bounds.map(([condition]) => condition)].join(" AND ");
      const rows = await sql.all<StoredMessage>(
        `SELECT ${MESSAGE_SELECT} FROM messages WHERE ${where} ORDER BY id ${slice.order === "asc" ? "ASC" : "DESC"} LIMIT ? OFFSET ?`,
        viewer,
        channelId,
        ...bounds.map(([, value]) => value),
        slice.take,
        slice.skip,
      );
      return rows.map(toMessage);
    },

    conversationHeads(userId, page) {
      return sql.all<ConversationHead>(
        `SELECT peer_id, MAX(id) AS last_id FROM (
           SELECT receiver_id AS peer_id, id FROM direct_messages WHERE sender_id = ?
           UNION ALL
           SELECT sender_id AS peer_id, id FROM direct_messages WHERE receiver_id = ?
         ) AS conversation
         WHERE peer_id NOT IN (SELECT blocked_user_id FROM blocked_users WHERE user_id = ?)
         GROUP BY peer_id
         ORDER BY last_id DESC
         LIMIT ? OFFSET ?`,
        userId,
        userId,
        userId,
        page.limit,
        page.offset,
      );
    },

    channelReadStates(userId, channelIds) {
      // Mentions: rows for the user or for everyone (a message with both counts once), after the
      // read position, not the user's own, not from users they blocked.
      return sql.all(
        `SELECT c.id AS channel_id,
           (SELECT MAX(m.id) FROM messages m WHERE m.channel_id = c.id) AS last_message_id,
           (SELECT COUNT(*) FROM messages m
             WHERE m.channel_id = c.id AND m.sender_id <> ? AND m.id > COALESCE(rs.last_read_message_id, 0)) AS unread_count,
           (SELECT COUNT(DISTINCT mm.message_id) FROM message_mentions mm JOIN messages m ON m.id = mm.message_id
             WHERE mm.channel_id = c.id AND mm.user_id IN (?, ${EVERYONE}) AND mm.message_id > COALESCE(rs.last_read_message_id, 0)
               AND m.sender_id <> ?
               AND NOT EXISTS (SELECT 1 FROM blocked_users b WHERE b.user_id = ? AND b.blocked_user_id = m.sender_id)) AS mention_count
         FROM channels c
         LEFT JOIN channel_read_states rs ON rs.user_id = ? AND rs.channel_id = c.id
         WHERE c.id IN (SELECT value FROM json_each(?))`,
        userId,
        userId,
        userId,
        userId,
        userId,
        JSON.stringify(channelIds),
      );
    },

    async searchUsers(userId, needle, limit) {
      // LIKE is case-insensitive for ASCII in SQLite; `lower()` matches that for display names.
      const contains = `%${escapeLike(needle.toLowerCase())}%`;
      const prefix = `${escapeLike(needle.toLowerCase())}%`;
      const rows = await sql.all<Record<string, unknown>>(
        `SELECT id, username, display_name, avatar_url, status, custom_status, last_seen, created_at, is_bot
         FROM users u
         WHERE u.id <> ?
           AND u.deleted_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM webhooks w WHERE w.user_id = u.id)
           AND NOT EXISTS (SELECT 1 FROM blocked_users b WHERE b.user_id = u.id AND b.blocked_user_id = ?)
           AND (u.username_lower LIKE ? ESCAPE '\\' OR lower(u.display_name) LIKE ? ESCAPE '\\')
         ORDER BY (u.username_lower LIKE ? ESCAPE '\\' OR lower(u.display_name) LIKE ? ESCAPE '\\') DESC, u.username_lower
         LIMIT ?`,
        userId,
        userId,
        contains,
        contains,
        prefix,
        prefix,
        limit,
      );
      return rows.map((row) => ({ ...withDates<SearchedUser>(row, ["last_seen", "created_at"]), is_bot: row.is_bot === 1 }));
    },

    async searchMessages(scope, filter, cap) {
      const table = "channelIds" in scope ? "messages" : "direct_messages";
      const [conditions, values] = searchConditions(scope, filter);
      // The FTS table walks its matches newest first (rowid order) and stops at `cap`: a common
      // word costs at most `cap` row lookups before the ranking.
      const rows = await sql.all<{ id: number }>(
        `WITH hits AS (
           SELECT m.id, ${table}_fts.rank AS score
           FROM ${table}_fts JOIN ${table} m ON m.id = ${table}_fts.rowid
           WHERE ${table}_fts MATCH ? AND ${conditions.join(" AND ")}
           ORDER BY ${table}_fts.rowid DESC LIMIT ?
         )
         SELECT id FROM hits ORDER BY score, id DESC`,
        ftsQuery(filter),
        ...values,
        cap,
      );
      return rows.map((row) => row.id);
    },
  };
}
