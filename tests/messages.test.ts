import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { Message } from "../lib/api/entities";
import { uniqueName, type TestUser } from "./helpers/api";
import { minutesAgo } from "./helpers/db";
import { assertError, MISSING_ID, useServer, type TestCommunity } from "./helpers/world";

const { api, db, makeCommunity, makeMember, makeChannel, postMessage } = useServer();

function send(user: TestUser, channelId: number, content: string, extra: Record<string, unknown> = {}) {
  return api.post("/api/messages/send", { token: user.token, body: { channel_id: channelId, content, ...extra } });
}

const withoutSystem = (messages: Message[]) => messages.filter((message) => message.message_type !== "system");

function list(user: TestUser, channelId: number, query = "") {
  return api.get(`/api/messages/channel/${channelId}${query ? `?${query}` : ""}`, { token: user.token });
}

/** The ids of a page's messages that people wrote: the system messages of joins and pins left out. */
async function listIds(user: TestUser, channelId: number, query = ""): Promise<number[]> {
  const response = await list(user, channelId, query);
  assert.equal(response.status, 200, response.text);
  return withoutSystem(response.body).map((message) => message.id);
}

async function channelState(user: TestUser, communityId: number, channelId: number) {
  const response = await api.get(`/api/channels/communities/${communityId}/channels`, { token: user.token });
  assert.equal(response.status, 200, response.text);
  const channel = response.body.find((c: any) => c.id === channelId);
  assert.ok(channel, `channel ${channelId} missing from ${response.text}`);
  return channel as { unread_count: number; last_message_id: number | null };
}

const messageRows = (nonce: string) => db.count("messages WHERE nonce = ?", nonce);

describe("POST /api/messages/send", () => {
  it("creates a message and returns 201 with the Message shape", async () => {
    const community = await makeCommunity();
    const response = await send(community.owner, community.general, "Hello, world");
    assert.equal(response.status, 201);
    const message = response.body;
    assert.deepEqual(Object.keys(message).sort(), [
      "ai", "attachments", "author", "avatar_url", "channel_id", "content", "created_at", "edited_at", "id", "is_bot", "mention_everyone", "mentions", "message_type", "nonce", "pinned", "reactions", "reply_to", "sender_id", "webhook_id",
    ]);
    assert.ok(Number.isInteger(message.id));
    assert.equal(message.channel_id, community.general);
    assert.equal(message.sender_id, community.owner.user.id);
    assert.equal(message.content, "Hello, world");
    assert.equal(message.message_type, "text");
    assert.equal(message.author, community.owner.user.username);
    assert.equal(message.avatar_url, null);
    assert.equal(message.edited_at, null);
    assert.equal(message.reply_to, null);
    assert.ok(!Number.isNaN(Date.parse(message.created_at)));
    const listed = await list(community.owner, community.general);
    assert.deepEqual(listed.body, [message], "the stored message is the one returned");
  });

  it("trims the content", async () => {
    const community = await makeCommunity();
    const message = await postMessage(community.owner, community.general, "  \n\t padded text \n ");
    assert.equal(message.content, "padded text");
  });

  for (const [label, content] of [["empty", ""], ["whitespace-only", " \n\t  "]] as const) {
    it(`returns 400 for ${label} content and stores nothing`, async () => {
      const community = await makeCommunity();
      const before = (await db.tableCounts()).messages;
      const response = await send(community.owner, community.general, content);
      assertError(response, 400, "invalid_request");
      assert.equal((await db.tableCounts()).messages, before);
    });
  }

  it("accepts exactly 4000 characters and refuses 4001 with 400", async () => {
    const community = await makeCommunity();
    const ok = await send(community.owner, community.general, "x".repeat(4000));
    assert.equal(ok.status, 201);
    assert.equal(ok.body.content.length, 4000);
    const tooLong = await send(community.owner, community.general, "x".repeat(4001));
    assertError(tooLong, 400, "invalid_request");
  });

  it("counts the 4000-character limit after trimming", async () => {
    const community = await makeCommunity();
    const response = await send(community.owner, community.general, `   ${"y".repeat(4000)}   `);
    assert.equal(response.status, 201);
    assert.equal(response.body.content, "y".repeat(4000));
  });

  it("stores a valid reply_to", async () => {
    const community = await makeCommunity();
    const parent = await postMessage(community.owner, community.general, "question?");
    const reply = await postMessage(community.owner, community.general, "answer", { reply_to: parent.id });
    assert.equal(reply.reply_to, parent.id);
    const listed = await list(community.owner, community.general);
    assert.equal(listed.body.find((m: any) => m.id === reply.id).reply_to, parent.id);
  });

  it("returns 400 when reply_to is a message of another channel", async () => {
    const community = await makeCommunity();
    const other = (await makeChannel(community.owner, community.id, { type: "text" })).id;
    const elsewhere = await postMessage(community.owner, other, "in another channel");
    const before = (await db.tableCounts()).messages;
    const response = await send(community.owner, community.general, "reply", { reply_to: elsewhere.id });
    assertError(response, 400, "invalid_request");
    assert.equal((await db.tableCounts()).messages, before);
  });

  it("returns 400 when reply_to is a message of another community", async () => {
    const mine = await makeCommunity();
    const theirs = await makeCommunity(mine.owner);
    const elsewhere = await postMessage(mine.owner, theirs.general, "other community");
    const response = await send(mine.owner, mine.general, "reply", { reply_to: elsewhere.id });
    assertError(response, 400, "invalid_request");
  });

  it("returns 400 when reply_to does not exist", async () => {
    const community = await makeCommunity();
    const response = await send(community.owner, community.general, "reply", { reply_to: MISSING_ID });
    assertError(response, 400, "invalid_request");
  });

  it("caches author and avatar_url at send time", async () => {
    const community = await makeCommunity();
    const user = community.owner;
    const first = await api.request("PATCH", "/api/users/me", { token: user.token, body: { avatar_url: "https://cdn.example.test/old.png" } });
    assert.equal(first.status, 200, first.text);
    const oldMessage = await postMessage(user, community.general, "with the old avatar");
    assert.equal(oldMessage.avatar_url, "https://cdn.example.test/old.png");
    assert.equal(oldMessage.author, user.user.username);

    const changed = await api.request("PATCH", "/api/users/me", { token: user.token, body: { avatar_url: "https://cdn.example.test/new.png" } });
    assert.equal(changed.status, 200, changed.text);
    const newMessage = await postMessage(user, community.general, "with the new avatar");
    assert.equal(newMessage.avatar_url, "https://cdn.example.test/new.png");

    const listed = await list(user, community.general);
    const byId = new Map(listed.body.map((m: any) => [m.id, m]));
    assert.equal((byId.get(oldMessage.id) as any).avatar_url, "https://cdn.example.test/old.png", "the old message keeps the old avatar");
    assert.equal((byId.get(newMessage.id) as any).avatar_url, "https://cdn.example.test/new.png");
    assert.equal((byId.get(oldMessage.id) as any).author, user.user.username);
  });

  it("stores message_type text for a message without attachments, and accepts it said explicitly", async () => {
    const community = await makeCommunity();
    assert.equal((await postMessage(community.owner, community.general, "plain")).message_type, "text");
    assert.equal((await postMessage(community.owner, community.general, "said", { message_type: "text" })).message_type, "text");
  });

  for (const type of ["image", "file"]) {
    it(`returns 400 for message_type ${type} without attachments (the type is derived from them) and stores nothing`, async () => {
      const community = await makeCommunity();
      const before = (await db.tableCounts()).messages;
      const response = await send(community.owner, community.general, `https://cdn.example.test/thing.${type}`, { message_type: type });
      assertError(response, 400, "invalid_request");
      assert.equal((await db.tableCounts()).messages, before);
    });
  }

  for (const type of ["system", "ai"]) {
    it(`returns 403 for message_type ${type} from an ordinary user and stores nothing`, async () => {
      const community = await makeCommunity();
      const before = (await db.tableCounts()).messages;
      const response = await send(community.owner, community.general, "impersonating the system", { message_type: type });
      assertError(response, 403, "forbidden");
      assert.equal((await db.tableCounts()).messages, before);
    });
  }

  it("returns 400 for an unknown message_type", async () => {
    const community = await makeCommunity();
    const response = await send(community.owner, community.general, "hi", { message_type: "sticker" });
    assertError(response, 400, "invalid_request");
  });

  it("returns 404 to a non-member, with the same body as a nonexistent channel", async () => {
    const community = await makeCommunity();
    const outsider = await api.register();
    const before = (await db.tableCounts()).messages;
    const hidden = await send(outsider, community.general, "let me in");
    const missing = await send(outsider, MISSING_ID, "anyone there?");
    assertError(hidden, 404, "not_found");
    assert.equal(missing.status, 404);
    assert.deepEqual(hidden.body, missing.body);
    assert.equal((await db.tableCounts()).messages, before);
  });

  it("never writes a sender_id from the body", async () => {
    const community = await makeCommunity();
    const victim = await makeMember(community);
    const member = await makeMember(community);
    const response = await send(member, community.general, "spoofed?", { sender_id: victim.user.id });
    if (response.status === 201) {
      assert.equal(response.body.sender_id, member.user.id);
    } else {
      assertError(response, 400, "invalid_request");
    }
    const spoofed = await db.count("messages WHERE sender_id = ? AND message_type <> 'system'", victim.user.id);
    assert.equal(spoofed, 0);
  });

  it("returns 401 without credentials", async () => {
    const community = await makeCommunity();
    const response = await api.post("/api/messages/send", { body: { channel_id: community.general, content: "anon" } });
    assertError(response, 401, "unauthorized");
  });

  describe("channel types", () => {
    it("returns 400 voice_channel for a text message in a voice channel", async () => {
      const community = await makeCommunity();
      const voice = (await makeChannel(community.owner, community.id, { type: "voice" })).id;
      const response = await send(community.owner, voice, "can you hear me");
      assertError(response, 400, "voice_channel");
    });

    it("lets only owners and admins post in an announcement channel", async () => {
      const community = await makeCommunity();
      const announcements = (await makeChannel(community.owner, community.id, { type: "announcement" })).id;
      const member = await makeMember(community);
      const refused = await send(member, announcements, "me too");
      assertError(refused, 403, "forbidden");
      const ok = await send(community.owner, announcements, "release day");
      assert.equal(ok.status, 201);
      const readable = await listIds(member, announcements);
      assert.deepEqual(readable, [ok.body.id], "members read announcements");
    });

    it("returns 404 to a member who cannot see a private channel", async () => {
      const community = await makeCommunity();
      const secret = (await makeChannel(community.owner, community.id, { type: "private" })).id;
      const member = await makeMember(community);
      const hidden = await send(member, secret, "hello?");
      const missing = await send(member, MISSING_ID, "hello?");
      assert.equal(hidden.status, 404);
      assert.deepEqual(hidden.body, missing.body);
      const listed = await list(member, secret);
      assert.equal(listed.status, 404);
    });
  });

  describe("nonce", () => {
    it("returns the first message with 200 for a repeated nonce from the same sender", async () => {
      const community = await makeCommunity();
      const nonce = uniqueName("nonce");
      const first = await send(community.owner, community.general, "once", { nonce });
      assert.equal(first.status, 201);
      const retry = await send(community.owner, community.general, "once", { nonce });
      assert.equal(retry.status, 200);
      assert.deepEqual(retry.body, first.body);
      assert.equal(await messageRows(nonce), 1);
      assert.deepEqual(await listIds(community.owner, community.general), [first.body.id]);
    });

    it("stores exactly one row for 10 concurrent sends with the same nonce", async () => {
      const community = await makeCommunity();
      const nonce = uniqueName("race");
      const responses = await Promise.all(
        Array.from({ length: 10 }, () => send(community.owner, community.general, "racing", { nonce })),
      );
      const statuses = responses.map((r) => r.status).sort();
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 200, 200, 200, 201], JSON.stringify(responses.map((r) => r.text)));
      const ids = new Set(responses.map((r) => r.body.id));
      assert.equal(ids.size, 1, `all responses carry one id, got ${[...ids]}`);
      assert.equal(await messageRows(nonce), 1);
    });

    it("gives a nonce held for longer than 10 minutes to a new message", async () => {
      const community = await makeCommunity();
      const nonce = uniqueName("aged");
      const first = await send(community.owner, community.general, "long ago", { nonce });
      assert.equal(first.status, 201);
      assert.equal(await db.exec("UPDATE messages SET created_at = ? WHERE id = ?", db.timestamp(minutesAgo(11)), first.body.id), 1);
      const again = await send(community.owner, community.general, "today", { nonce });
      assert.equal(again.status, 201);
      assert.notEqual(again.body.id, first.body.id);
      assert.equal(again.body.nonce, nonce);
      assert.equal(await messageRows(nonce), 1, "the old message gave its nonce up");
      const retry = await send(community.owner, community.general, "today", { nonce });
      assert.equal(retry.status, 200);
      assert.equal(retry.body.id, again.body.id);
      assert.deepEqual(await listIds(community.owner, community.general), [first.body.id, again.body.id]);
    });

    it("keeps a nonce held for 9 minutes", async () => {
      const community = await makeCommunity();
      const nonce = uniqueName("recent");
      const first = await send(community.owner, community.general, "a while ago", { nonce });
      await db.exec("UPDATE messages SET created_at = ? WHERE id = ?", db.timestamp(minutesAgo(9)), first.body.id);
      const retry = await send(community.owner, community.general, "a while ago", { nonce });
      assert.equal(retry.status, 200);
      assert.equal(retry.body.id, first.body.id);
      assert.equal(await messageRows(nonce), 1);
    });

    it("creates a separate message for the same nonce from a different sender", async () => {
      const community = await makeCommunity();
      const member = await makeMember(community);
      const nonce = uniqueName("shared");
      const mine = await send(community.owner, community.general, "from owner", { nonce });
      const theirs = await send(member, community.general, "from member", { nonce });
      assert.equal(mine.status, 201);
      assert.equal(theirs.status, 201);
      assert.notEqual(theirs.body.id, mine.body.id);
      assert.equal(theirs.body.sender_id, member.user.id);
      assert.equal(await messageRows(nonce), 2);
    });

    it("returns 400 for a nonce longer than 64 characters", async () => {
      const community = await makeCommunity();
      const response = await send(community.owner, community.general, "hi", { nonce: "n".repeat(65) });
      assertError(response, 400, "invalid_request");
    });
  });
});

describe("GET /api/messages/channel/{id}", () => {
  let community: TestCommunity;
  let member: TestUser;
  /**
   * A text channel of its own (#general starts with the member's join message), made after the
   * join; `other` is #general.
   */
  let channel: number;
  /** The 55 ids of `channel`, oldest first; other channels' messages are interleaved between them. */
  let ids: number[];

  before(async () => {
    community = await makeCommunity();
    member = await makeMember(community);
    channel = (await makeChannel(community.owner, community.id, { type: "text" })).id;
    const other = community.general;
    ids = [];
    for (let i = 0; i < 55; i++) {
      const author = i % 2 === 0 ? community.owner : member;
      ids.push((await postMessage(author, channel, `message ${i}`)).id);
      if (i % 5 === 0) await postMessage(community.owner, other, `noise ${i}`);
    }
  });

  it("returns the newest 50 messages by default, oldest to newest", async () => {
    const response = await list(member, channel);
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.map((m: any) => m.id), ids.slice(5));
    assert.deepEqual(response.body.map((m: any) => m.content), ids.slice(5).map((_, i) => `message ${i + 5}`));
    assert.ok(response.body.every((m: any) => m.channel_id === channel));
  });

  it("pages from the very first message with after=0 (catch-up from an empty start)", async () => {
    assert.deepEqual(await listIds(member, channel, "after=0&limit=10"), ids.slice(0, 10));
  });

  it("honours limit from 1 to 100", async () => {
    assert.deepEqual(await listIds(member, channel, "limit=1"), ids.slice(-1));
    assert.deepEqual(await listIds(member, channel, "limit=100"), ids);
    assert.deepEqual(await listIds(member, channel, "limit=7"), ids.slice(-7));
  });

  for (const query of ["limit=0", "limit=101", "limit=-1", "limit=abc", "offset=-1"]) {
    it(`returns 400 for ${query}`, async () => {
      const response = await list(member, channel, query);
      assertError(response, 400, "invalid_request");
    });
  }

  it("skips the newest messages with offset", async () => {
    assert.deepEqual(await listIds(member, channel, "limit=10&offset=5"), ids.slice(40, 50));
    assert.deepEqual(await listIds(member, channel, "offset=50"), ids.slice(0, 5));
    assert.deepEqual(await listIds(member, channel, "offset=55"), []);
  });

  it("returns the messages just before a message with before", async () => {
    assert.deepEqual(await listIds(member, channel, `before=${ids[20]}&limit=5`), ids.slice(15, 20));
    assert.deepEqual(await listIds(member, channel, `before=${ids[3]}`), ids.slice(0, 3));
    assert.deepEqual(await listIds(member, channel, `before=${ids[0]}`), []);
    assert.deepEqual(await listIds(member, channel, `before=${ids[30]}&limit=5&offset=5`), ids.slice(20, 25));
  });

  it("returns exactly the messages after a message with after (catch-up)", async () => {
    assert.deepEqual(await listIds(member, channel, `after=${ids[20]}&limit=5`), ids.slice(21, 26));
    assert.deepEqual(await listIds(member, channel, `after=${ids[47]}`), ids.slice(48));
    assert.deepEqual(await listIds(member, channel, `after=${ids[54]}`), []);
    assert.deepEqual(await listIds(member, channel, `after=${ids[0]}&limit=100`), ids.slice(1));
  });

  it("returns the messages centred on a message with around, including it", async () => {
    assert.deepEqual(await listIds(member, channel, `around=${ids[20]}&limit=5`), ids.slice(18, 23));
    const wide = await listIds(member, channel, `around=${ids[30]}&limit=11`);
    assert.deepEqual(wide, ids.slice(25, 36));
    assert.deepEqual(await listIds(member, channel, `around=${ids[1]}&limit=5`), ids.slice(0, 4), "near the start");
    assert.deepEqual(await listIds(member, channel, `around=${ids[54]}&limit=5`), ids.slice(52), "near the end");
  });

  for (const query of ["before=1&after=2", "before=1&around=2", "after=1&around=2", "before=1&after=2&around=3"]) {
    it(`returns 400 when combining cursors (${query})`, async () => {
      const response = await list(member, channel, query);
      assertError(response, 400, "invalid_request");
    });
  }

  for (const query of ["before=abc", "after=-1", "around=-5", "before=1.5"]) {
    it(`returns 400 for a malformed cursor (${query})`, async () => {
      const response = await list(member, channel, query);
      assertError(response, 400, "invalid_request");
    });
  }

  it("returns 404 to a non-member, with the same body as a nonexistent channel", async () => {
    const outsider = await api.register();
    const hidden = await list(outsider, channel);
    const missing = await list(outsider, MISSING_ID);
    assertError(hidden, 404, "not_found");
    assert.equal(missing.status, 404);
    assert.deepEqual(hidden.body, missing.body);
  });

  it("returns an empty list for a channel without messages", async () => {
    const fresh = await makeCommunity();
    assert.deepEqual(await listIds(fresh.owner, fresh.general), []);
  });
});

describe("PUT /api/messages/{id}", () => {
  const edit = (user: TestUser, id: number, content: string) =>
    api.request("PUT", `/api/messages/${id}`, { token: user.token, body: { content } });

  it("lets the author edit, trimming the content and setting edited_at", async () => {
    const community = await makeCommunity();
    const original = await postMessage(community.owner, community.general, "frist");
    const response = await edit(community.owner, original.id, "  first  ");
    assert.equal(response.status, 200);
    assert.equal(response.body.id, original.id);
    assert.equal(response.body.content, "first");
    assert.equal(typeof response.body.edited_at, "string");
    assert.ok(Date.parse(response.body.edited_at) >= Date.parse(original.created_at));
    assert.equal(response.body.created_at, original.created_at);
    assert.equal(response.body.author, original.author);
    const listed = await list(community.owner, community.general);
    assert.deepEqual(listed.body, [response.body]);
  });

  for (const [label, content] of [["empty", ""], ["whitespace-only", "   "], ["4001-character", "z".repeat(4001)]] as const) {
    it(`returns 400 for ${label} content and leaves the message unchanged`, async () => {
      const community = await makeCommunity();
      const original = await postMessage(community.owner, community.general, "keep me");
      const response = await edit(community.owner, original.id, content);
      assertError(response, 400, "invalid_request");
      const listed = await list(community.owner, community.general);
      assert.deepEqual(listed.body, [original]);
    });
  }

  it("accepts 4000 characters", async () => {
    const community = await makeCommunity();
    const original = await postMessage(community.owner, community.general, "short");
    const response = await edit(community.owner, original.id, "w".repeat(4000));
    assert.equal(response.status, 200);
    assert.equal(response.body.content.length, 4000);
  });

  it("returns 403 to another member, even the owner", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    const other = await makeMember(community);
    const original = await postMessage(member, community.general, "mine");
    for (const user of [other, community.owner]) {
      const response = await edit(user, original.id, "hijacked");
      assertError(response, 403, "forbidden");
    }
    const listed = await list(member, community.general);
    assert.deepEqual(withoutSystem(listed.body), [original]);
  });

  it("returns 404 to an outsider, with the same body as a nonexistent message", async () => {
    const community = await makeCommunity();
    const original = await postMessage(community.owner, community.general, "members only");
    const outsider = await api.register();
    const hidden = await edit(outsider, original.id, "hi");
    const missing = await edit(outsider, MISSING_ID, "hi");
    assertError(hidden, 404, "not_found");
    assert.equal(missing.status, 404);
    assert.deepEqual(hidden.body, missing.body);
  });

  it("returns 400 for unknown body fields and never writes them", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    const original = await postMessage(member, community.general, "mine");
    const response = await api.request("PUT", `/api/messages/${original.id}`, {
      token: member.token,
      body: { content: "edited", sender_id: community.owner.user.id },
    });
    if (response.status === 200) assert.equal(response.body.sender_id, member.user.id);
    else assert.equal(response.status, 400);
    const row = (await db.one<{ sender_id: number }>("SELECT sender_id FROM messages WHERE id = ?", original.id))!;
    assert.equal(row.sender_id, member.user.id);
  });
});

describe("an edit racing a deletion", () => {
  it("answers 200 or 404, never a 500, for channel messages and DMs", async () => {
    const community = await makeCommunity();
    const peer = await makeMember(community);
    const statuses = new Set<number>();
    for (let round = 0; round < 15; round++) {
      const message = await postMessage(community.owner, community.general, `race ${round}`);
      const dm = await api.post("/api/messages/direct/send", { token: community.owner.token, body: { receiver_id: peer.user.id, content: `race ${round}` } });
      const results = await Promise.all([
        api.request("PUT", `/api/messages/${message.id}`, { token: community.owner.token, body: { content: "edited" }, unchecked: true }),
        api.request("DELETE", `/api/messages/${message.id}`, { token: community.owner.token }),
        api.request("PUT", `/api/messages/direct/message/${dm.body.id}`, { token: community.owner.token, body: { content: "edited" }, unchecked: true }),
        api.request("DELETE", `/api/messages/direct/message/${dm.body.id}`, { token: community.owner.token }),
      ]);
      for (const result of [results[0], results[2]]) {
        statuses.add(result.status);
        assert.ok(result.status === 200 || result.status === 404, `edit answered ${result.status}: ${result.text}`);
        if (result.status === 404) assert.deepEqual(result.body, { error: { code: "not_found", message: "Message not found" } }, "the body of a missing message");
      }
      assert.equal(results[1].status, 200);
      assert.equal(results[3].status, 200);
    }
  });
});

describe("DELETE /api/messages/{id}", () => {
  const remove = (user: TestUser, id: number) => api.request("DELETE", `/api/messages/${id}`, { token: user.token });

  it("lets the author delete and returns 200 with {id, channel_id}", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    const message = await postMessage(member, community.general, "oops");
    const response = await remove(member, message.id);
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { id: message.id, channel_id: community.general });
    assert.deepEqual(await listIds(member, community.general), []);
    const again = await remove(member, message.id);
    assert.equal(again.status, 404);
  });

  it("lets the owner and an admin delete another member's message", async () => {
    const community = await makeCommunity();
    const admin = await makeMember(community);
    const promoted = await api.request("PATCH", `/api/channels/communities/${community.id}/members/${admin.user.id}`, {
      token: community.owner.token,
      body: { role: "admin" },
    });
    assert.equal(promoted.status, 200, promoted.text);
    const member = await makeMember(community);
    const first = await postMessage(member, community.general, "one");
    const second = await postMessage(member, community.general, "two");
    const byOwner = await remove(community.owner, first.id);
    assert.equal(byOwner.status, 200);
    assert.deepEqual(byOwner.body, { id: first.id, channel_id: community.general });
    const byAdmin = await remove(admin, second.id);
    assert.equal(byAdmin.status, 200);
    assert.deepEqual(byAdmin.body, { id: second.id, channel_id: community.general });
    assert.deepEqual(await listIds(member, community.general), []);
  });

  it("returns 403 to a plain member deleting another's message", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    const other = await makeMember(community);
    const message = await postMessage(member, community.general, "not yours");
    const response = await remove(other, message.id);
    assertError(response, 403, "forbidden");
    assert.deepEqual(await listIds(member, community.general), [message.id]);
  });

  it("returns 404 to an outsider, with the same body as a nonexistent message", async () => {
    const community = await makeCommunity();
    const message = await postMessage(community.owner, community.general, "still here");
    const outsider = await api.register();
    const hidden = await remove(outsider, message.id);
    const missing = await remove(outsider, MISSING_ID);
    assertError(hidden, 404, "not_found");
    assert.equal(missing.status, 404);
    assert.deepEqual(hidden.body, missing.body);
    assert.deepEqual(await listIds(community.owner, community.general), [message.id]);
  });

  it("returns 404 to an admin of another community", async () => {
    const community = await makeCommunity();
    const message = await postMessage(community.owner, community.general, "here");
    const elsewhere = await makeCommunity();
    const response = await remove(elsewhere.owner, message.id);
    assertError(response, 404, "not_found");
  });

  it("leaves replies in place with reply_to null when the original is deleted", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    const original = await postMessage(community.owner, community.general, "original");
    const reply = await postMessage(member, community.general, "reply", { reply_to: original.id });
    const response = await remove(community.owner, original.id);
    assert.equal(response.status, 200);
    const listed = await list(member, community.general);
    assert.equal(listed.status, 200);
    const [kept, ...others] = withoutSystem(listed.body);
    assert.deepEqual(others, []);
    assert.equal(kept.id, reply.id);
    assert.equal(kept.reply_to, null);
    assert.equal(kept.content, "reply");
  });
});

describe("POST /api/messages/read and unread counts", () => {
  const markRead = (user: TestUser, body: Record<string, unknown>) => api.post("/api/messages/read", { token: user.token, body });

  it("counts others' messages after the read position and drops as the member reads", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    const m1 = await postMessage(community.owner, community.general, "one");
    const m2 = await postMessage(community.owner, community.general, "two");
    const m3 = await postMessage(community.owner, community.general, "three");

    let state = await channelState(member, community.id, community.general);
    assert.equal(state.unread_count, 3);
    assert.equal(state.last_message_id, m3.id);

    const response = await markRead(member, { channel_id: community.general, message_id: m2.id });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { channel_id: community.general, last_read_message_id: m2.id, unread_count: 1 });
    state = await channelState(member, community.id, community.general);
    assert.equal(state.unread_count, 1);

    const all = await markRead(member, { channel_id: community.general, message_id: m3.id });
    assert.deepEqual(all.body, { channel_id: community.general, last_read_message_id: m3.id, unread_count: 0 });
    assert.equal((await channelState(member, community.id, community.general)).unread_count, 0);
    assert.ok(m1.id < m2.id);
  });

  it("does not count the caller's own messages as unread", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    await postMessage(member, community.general, "mine");
    await postMessage(member, community.general, "also mine");
    const other = await postMessage(community.owner, community.general, "theirs");
    const state = await channelState(member, community.id, community.general);
    assert.equal(state.unread_count, 1);
    assert.equal(state.last_message_id, other.id);
  });

  it("never moves the read position backwards", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    const m1 = await postMessage(community.owner, community.general, "one");
    const m2 = await postMessage(community.owner, community.general, "two");
    await postMessage(community.owner, community.general, "three");
    await markRead(member, { channel_id: community.general, message_id: m2.id });
    const back = await markRead(member, { channel_id: community.general, message_id: m1.id });
    assert.equal(back.status, 200);
    assert.equal(back.body.last_read_message_id, m2.id);
    assert.equal(back.body.unread_count, 1);
    assert.equal((await channelState(member, community.id, community.general)).unread_count, 1);
    const row = await db.one<{ last_read_message_id: number }>(
      "SELECT last_read_message_id FROM channel_read_states WHERE user_id = ? AND channel_id = ?",
      member.user.id,
      community.general,
    );
    assert.equal(row?.last_read_message_id, m2.id);
  });

  it("marks up to the newest message without message_id", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    await postMessage(community.owner, community.general, "one");
    const newest = await postMessage(community.owner, community.general, "two");
    assert.equal((await channelState(member, community.id, community.general)).unread_count, 2);
    const response = await markRead(member, { channel_id: community.general });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { channel_id: community.general, last_read_message_id: newest.id, unread_count: 0 });
    assert.equal((await channelState(member, community.id, community.general)).unread_count, 0);
    const later = await postMessage(community.owner, community.general, "three");
    const state = await channelState(member, community.id, community.general);
    assert.equal(state.unread_count, 1);
    assert.equal(state.last_message_id, later.id);
  });

  it("returns 404 for a message_id of another channel and keeps the position", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    const other = (await makeChannel(community.owner, community.id, { type: "text" })).id;
    await postMessage(community.owner, community.general, "here");
    const elsewhere = await postMessage(community.owner, other, "there");
    const response = await markRead(member, { channel_id: community.general, message_id: elsewhere.id });
    assertError(response, 404, "not_found");
    assert.equal((await channelState(member, community.id, community.general)).unread_count, 1);
  });

  it("returns 404 for a nonexistent message_id", async () => {
    const community = await makeCommunity();
    const response = await markRead(community.owner, { channel_id: community.general, message_id: MISSING_ID });
    assertError(response, 404, "not_found");
  });

  it("returns 404 to a non-member, with the same body as a nonexistent channel", async () => {
    const community = await makeCommunity();
    await postMessage(community.owner, community.general, "here");
    const outsider = await api.register();
    const hidden = await markRead(outsider, { channel_id: community.general });
    const missing = await markRead(outsider, { channel_id: MISSING_ID });
    assertError(hidden, 404, "not_found");
    assert.equal(missing.status, 404);
    assert.deepEqual(hidden.body, missing.body);
  });

  for (const [label, body] of [
    ["an empty body", {}],
    ["both channel_id and user_id", { channel_id: 1, user_id: 2 }],
    ["a string channel_id", { channel_id: "1" }],
  ] as const) {
    it(`returns 400 for ${label}`, async () => {
      const user = await api.register();
      const response = await markRead(user, body);
      assertError(response, 400, "invalid_request");
    });
  }

  it("keeps read positions per user", async () => {
    const community = await makeCommunity();
    const alice = await makeMember(community);
    const bob = await makeMember(community);
    await postMessage(community.owner, community.general, "one");
    await postMessage(community.owner, community.general, "two");
    await markRead(alice, { channel_id: community.general });
    assert.equal((await channelState(alice, community.id, community.general)).unread_count, 0);
    assert.equal((await channelState(bob, community.id, community.general)).unread_count, 2);
  });
});
