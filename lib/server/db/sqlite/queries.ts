import type { DirectMessage as DirectMessageDto, Message as MessageDto } from "@/lib/api/entities";
import type { ChannelAccessRow, ConversationHead, HotQueries, MembershipRoomRow, NewMessage, PageSlice, SearchedUser } from "../engine";
import type { Channel, CommunityRole, DirectMessageType, MessageType, User } from "../generated/client";
import { escapeLike } from "../like";
import { attachmentsFrom, type AttachmentRow } from "../../attachments/serialize";
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

const MESSAGE_COLUMNS = "id, channel_id, sender_id, content, message_type, created_at, author, avatar_url, edited_at, reply_to, nonce, pinned_at IS NOT NULL AS pinned";
const MESSAGE_SELECT = `${MESSAGE_COLUMNS}, ${attachmentsOf("message_id", "messages")}`;

interface StoredMessage extends Omit<MessageDto, "created_at" | "edited_at" | "attachments" | "pinned"> {
  created_at: string;
  edited_at: string | null;
  pinned: number;
  attachments?: string | AttachmentRow[];
}

/** Another send took one of the attachments between the checks and the insert: roll back. */
class AttachmentsTaken extends Error {}

/**
 * Inserts a message (or DM) row and hands it its attachments, in one transaction. Resolves null
 * when any attachment is no longer the sender's unattached upload.
 */
async function insertWithAttachments<Row extends { id: number }>(
  sql: Statements,
  insert: (tx: SyncStatements) => Row,
  link: "message_id" | "direct_message_id",
  senderId: number,
  attachmentIds: number[],
  now: Date,
): Promise<(Row & { attachments: AttachmentRow[] }) | null> {
  try {
    return await sql.atomically((tx) => {
      const row = insert(tx);
      if (attachmentIds.length === 0) return { ...row, attachments: [] as AttachmentRow[] };
      const ids: SqlValue = JSON.stringify(attachmentIds);
      const taken = tx.run(
        `UPDATE attachments SET ${link} = ?, attached_at = ?
         WHERE id IN (SELECT value FROM json_each(?)) AND uploader_id = ? AND kind = 'upload' AND attached_at IS NULL`,
        row.id, now, ids, senderId,
      );
      if (taken !== attachmentIds.length) throw new AttachmentsTaken();
      return { ...row, attachments: tx.all<AttachmentRow>(`SELECT ${ATTACHMENT_COLUMNS} FROM attachments WHERE ${link} = ? ORDER BY id`, row.id) };
    }, { transaction: attachmentIds.length > 0 });
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
});

const DIRECT_MESSAGE_COLUMNS = "id, sender_id, receiver_id, content, message_type, created_at, edited_at, reply_to, is_read, nonce";

interface StoredDirectMessage extends Omit<DirectMessageDto, "created_at" | "edited_at" | "is_read" | "attachments"> {
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
});

const toUser = (row: Record<string, unknown> | undefined) => (row ? withDates<User>(row, USER_DATES) : null);

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
      const row = await insertWithAttachments(
        sql,
        (tx) =>
          tx.one<StoredMessage>(
            `INSERT INTO messages (channel_id, sender_id, content, message_type, created_at, reply_to, author, avatar_url, updated_at, nonce)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${MESSAGE_COLUMNS}`,
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
          )!,
        "message_id",
        message.sender_id,
        message.attachment_ids,
        now,
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
      const row = await insertWithAttachments(
        sql,
        (tx) =>
          tx.one<StoredDirectMessage>(
            `INSERT INTO direct_messages (sender_id, receiver_id, content, message_type, created_at, reply_to, updated_at, nonce)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${DIRECT_MESSAGE_COLUMNS}`,
            message.sender_id,
            message.receiver_id,
            message.content,
            message.message_type,
            now,
            message.reply_to,
            now,
            message.nonce,
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
      const row = await sql.one<StoredMessage>(`SELECT ${MESSAGE_SELECT} FROM messages WHERE sender_id = ? AND nonce = ?`, senderId, nonce);
      return row ? toMessage(row) : null;
    },

    releaseMessageNonce(senderId, nonce, cutoff) {
      return sql.run("UPDATE messages SET nonce = NULL WHERE sender_id = ? AND nonce = ? AND created_at < ?", senderId, nonce, cutoff);
    },

    async messageChannel(messageId) {
      return (await sql.one<{ channel_id: number }>("SELECT channel_id FROM messages WHERE id = ?", messageId))?.channel_id ?? null;
    },

    async channelMessages(channelId: number, slice: PageSlice) {
      const bounds: [string, number][] = [];
      if (slice.id?.lt !== undefined) bounds.push(["id < ?", slice.id.lt]);
      if (slice.id?.lte !== undefined) bounds.push(["id <= ?", slice.id.lte]);
      if (slice.id?.gt !== undefined) bounds.push(["id > ?", slice.id.gt]);
      const where = ["channel_id = ?", ...bounds.map(([condition]) => condition)].join(" AND ");
      const rows = await sql.all<StoredMessage>(
        `SELECT ${MESSAGE_SELECT} FROM messages WHERE ${where} ORDER BY id ${slice.order === "asc" ? "ASC" : "DESC"} LIMIT ? OFFSET ?`,
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
      return sql.all(
        `SELECT c.id AS channel_id,
           (SELECT MAX(m.id) FROM messages m WHERE m.channel_id = c.id) AS last_message_id,
           (SELECT COUNT(*) FROM messages m
             WHERE m.channel_id = c.id AND m.sender_id <> ?
               AND m.id > COALESCE((SELECT rs.last_read_message_id FROM channel_read_states rs
                                    WHERE rs.user_id = ? AND rs.channel_id = c.id), 0)) AS unread_count
         FROM channels c
         WHERE c.id IN (SELECT value FROM json_each(?))`,
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
        `SELECT id, username, display_name, avatar_url, status, custom_status, last_seen, created_at
         FROM users u
         WHERE u.id <> ?
           AND u.deleted_at IS NULL
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
      return rows.map((row) => withDates<SearchedUser>(row, ["last_seen", "created_at"]));
    },
  };
}
