import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { uniqueName, type TestUser } from "./helpers/api";
import { minutesAgo } from "./helpers/db";
import { assertError, MISSING_ID, useServer } from "./helpers/world";

const { api, db, makeUsers, postDirectMessage } = useServer();

function sendDm(from: TestUser, to: number, content: string, extra: Record<string, unknown> = {}) {
  return api.post("/api/messages/direct/send", { token: from.token, body: { receiver_id: to, content, ...extra } });
}

function conversation(caller: TestUser, peerId: number, query = "") {
  return api.get(`/api/messages/direct/${peerId}${query ? `?${query}` : ""}`, { token: caller.token });
}

async function conversationIds(caller: TestUser, peer: TestUser, query = ""): Promise<number[]> {
  const response = await conversation(caller, peer.user.id, query);
  assert.equal(response.status, 200, response.text);
  return response.body.map((message: any) => message.id);
}

async function conversations(caller: TestUser, query = "") {
  const response = await api.get(`/api/messages/direct${query ? `?${query}` : ""}`, { token: caller.token });
  assert.equal(response.status, 200, response.text);
  return response.body as any[];
}

const dmRows = (nonce: string) => db.count("direct_messages WHERE nonce = ?", nonce);

/** Runs the calls and asserts that they changed nothing in the database. */
async function expectNoChange(calls: () => Promise<unknown>): Promise<void> {
  const before = await db.digest();
  await calls();
  assert.equal(await db.digest(), before, "nothing changed");
}

describe("POST /api/messages/direct/send", () => {
  it("creates a DM and returns 201 with the DirectMessage shape, unread", async () => {
    const alice = await api.register();
    const bob = await api.register();
    const response = await sendDm(alice, bob.user.id, "  hi bob  ");
    assert.equal(response.status, 201);
    const message = response.body;
    assert.deepEqual(Object.keys(message).sort(), ["ai", "attachments", "content", "created_at", "edited_at", "id", "is_read", "message_type", "nonce", "reactions", "receiver_id", "reply_to", "sender_id"]);
    assert.ok(Number.isInteger(message.id));
    assert.equal(message.sender_id, alice.user.id);
    assert.equal(message.receiver_id, bob.user.id);
    assert.equal(message.content, "hi bob", "content is trimmed");
    assert.equal(message.message_type, "text");
    assert.equal(message.is_read, false);
    assert.equal(message.edited_at, null);
    assert.equal(message.reply_to, null);
    assert.ok(!Number.isNaN(Date.parse(message.created_at)));
    const listed = await conversation(bob, alice.user.id);
    assert.deepEqual(listed.body, [message]);
  });

  it("allows DMs between users who are not friends and share no community", async () => {
    const alice = await api.register();
    const bob = await api.register();
    await postDirectMessage(alice, bob, "cold open");
    await postDirectMessage(bob, alice, "hello stranger");
  });

  for (const type of ["image", "file"]) {
    it(`returns 400 for message_type ${type} without attachments (the type is derived from them)`, async () => {
      const alice = await api.register();
      const bob = await api.register();
      const response = await sendDm(alice, bob.user.id, `https://cdn.example.test/x.${type}`, { message_type: type });
      assertError(response, 400, "invalid_request");
    });
  }

  it("returns 403 for message_type ai and stores nothing", async () => {
    const alice = await api.register();
    const bob = await api.register();
    const before = (await db.tableCounts()).direct_messages;
    const response = await sendDm(alice, bob.user.id, "beep boop", { message_type: "ai" });
    assertError(response, 403, "forbidden");
    assert.equal((await db.tableCounts()).direct_messages, before);
  });

  it("returns 400 for message_type system", async () => {
    const alice = await api.register();
    const bob = await api.register();
    const response = await sendDm(alice, bob.user.id, "system says", { message_type: "system" });
    assertError(response, 400, "invalid_request");
  });

  it("returns 400 for a DM to yourself", async () => {
    const alice = await api.register();
    const before = (await db.tableCounts()).direct_messages;
    const response = await sendDm(alice, alice.user.id, "note to self");
    assertError(response, 400, "invalid_request");
    assert.equal((await db.tableCounts()).direct_messages, before);
  });

  it("returns 404 for an unknown receiver", async () => {
    const alice = await api.register();
    const response = await sendDm(alice, MISSING_ID, "hello?");
    assertError(response, 404, "not_found");
  });

  for (const [label, content] of [["empty", ""], ["whitespace-only", "  \n "], ["4001-character", "d".repeat(4001)]] as const) {
    it(`returns 400 for ${label} content`, async () => {
      const alice = await api.register();
      const bob = await api.register();
      const response = await sendDm(alice, bob.user.id, content);
      assertError(response, 400, "invalid_request");
    });
  }

  it("accepts 4000 characters", async () => {
    const alice = await api.register();
    const bob = await api.register();
    const message = await postDirectMessage(alice, bob, "d".repeat(4000));
    assert.equal(message.content.length, 4000);
  });

  it("never writes sender_id or is_read from the body", async () => {
    const alice = await api.register();
    const bob = await api.register();
    const carol = await api.register();
    const response = await sendDm(alice, bob.user.id, "spoof", { sender_id: carol.user.id, is_read: true });
    if (response.status === 201) {
      assert.equal(response.body.sender_id, alice.user.id);
      assert.equal(response.body.is_read, false);
    } else {
      assertError(response, 400, "invalid_request");
    }
    const spoofed = await db.count("direct_messages WHERE sender_id = ?", carol.user.id);
    assert.equal(spoofed, 0);
  });

  describe("blocking", () => {
    it("returns 403 cannot_message_user in both directions after a block, storing nothing", async () => {
      const alice = await api.register();
      const bob = await api.register();
      await postDirectMessage(alice, bob, "before the block");
      const blocked = await api.post(`/api/friends/block/${bob.user.id}`, { token: alice.token });
      assert.equal(blocked.status, 201, blocked.text);
      const before = await db.tableCounts();
      for (const [from, to] of [[bob, alice], [alice, bob]] as const) {
        const response = await sendDm(from, to.user.id, "can you hear me", { nonce: uniqueName("blocked") });
        assertError(response, 403, "cannot_message_user");
      }
      assert.deepEqual(await db.tableCounts(), before, "nothing is stored");
      assert.equal((await conversationIds(alice, bob)).length, 1);
    });

    it("allows DMs again after an unblock", async () => {
      const alice = await api.register();
      const bob = await api.register();
      assert.equal((await api.post(`/api/friends/block/${alice.user.id}`, { token: bob.token })).status, 201);
      assert.equal((await sendDm(alice, bob.user.id, "blocked")).status, 403);
      const unblocked = await api.post(`/api/friends/unblock/${alice.user.id}`, { token: bob.token });
      assert.equal(unblocked.status, 200, unblocked.text);
      await postDirectMessage(alice, bob, "friends again?");
    });
  });

  describe("nonce", () => {
    it("returns the first DM with 200 for a repeated nonce from the same sender", async () => {
      const alice = await api.register();
      const bob = await api.register();
      const nonce = uniqueName("dm-nonce");
      const first = await sendDm(alice, bob.user.id, "once", { nonce });
      assert.equal(first.status, 201);
      const retry = await sendDm(alice, bob.user.id, "once", { nonce });
      assert.equal(retry.status, 200);
      assert.deepEqual(retry.body, first.body);
      assert.equal(await dmRows(nonce), 1);
      assert.deepEqual(await conversationIds(alice, bob), [first.body.id]);
    });

    it("stores exactly one row for 10 concurrent sends with the same nonce", async () => {
      const alice = await api.register();
      const bob = await api.register();
      const nonce = uniqueName("dm-race");
      const responses = await Promise.all(Array.from({ length: 10 }, () => sendDm(alice, bob.user.id, "racing", { nonce })));
      const statuses = responses.map((r) => r.status).sort();
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 200, 200, 200, 201], JSON.stringify(responses.map((r) => r.text)));
      assert.equal(new Set(responses.map((r) => r.body.id)).size, 1);
      assert.equal(await dmRows(nonce), 1);
    });

    it("gives a nonce held for longer than 10 minutes to a new DM", async () => {
      const alice = await api.register();
      const bob = await api.register();
      const nonce = uniqueName("dm-aged");
      const first = await sendDm(alice, bob.user.id, "long ago", { nonce });
      assert.equal(await db.exec("UPDATE direct_messages SET created_at = ? WHERE id = ?", db.timestamp(minutesAgo(11)), first.body.id), 1);
      const again = await sendDm(alice, bob.user.id, "today", { nonce });
      assert.equal(again.status, 201);
      assert.notEqual(again.body.id, first.body.id);
      assert.equal(await dmRows(nonce), 1, "the old DM gave its nonce up");
      assert.deepEqual(await conversationIds(alice, bob), [first.body.id, again.body.id]);
    });

    it("creates a separate DM for the same nonce from a different sender", async () => {
      const alice = await api.register();
      const bob = await api.register();
      const nonce = uniqueName("dm-shared");
      const mine = await sendDm(alice, bob.user.id, "from alice", { nonce });
      const theirs = await sendDm(bob, alice.user.id, "from bob", { nonce });
      assert.equal(mine.status, 201);
      assert.equal(theirs.status, 201);
      assert.notEqual(theirs.body.id, mine.body.id);
      assert.equal(theirs.body.sender_id, bob.user.id);
      assert.equal(await dmRows(nonce), 2);
      assert.deepEqual(await conversationIds(alice, bob), [mine.body.id, theirs.body.id]);
    });
  });
});

describe("GET /api/messages/direct/{id}", () => {
  let alice: TestUser;
  let bob: TestUser;
  /** The 24 ids of the alice–bob conversation, oldest first (other conversations interleaved). */
  let ids: number[];

  before(async () => {
    alice = await api.register();
    bob = await api.register();
    const carol = await api.register();
    ids = [];
    for (let i = 0; i < 24; i++) {
      const [from, to] = i % 3 === 0 ? [bob, alice] : [alice, bob];
      ids.push((await postDirectMessage(from, to, `dm ${i}`)).id);
      if (i % 4 === 0) await postDirectMessage(alice, carol, `noise ${i}`);
    }
  });

  it("returns both directions, oldest to newest, the same for both sides", async () => {
    const response = await conversation(alice, bob.user.id);
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.map((m: any) => m.id), ids);
    assert.deepEqual(response.body.map((m: any) => m.content), ids.map((_, i) => `dm ${i}`));
    assert.equal(response.body[0].sender_id, bob.user.id);
    assert.equal(response.body[0].receiver_id, alice.user.id);
    assert.equal(response.body[1].sender_id, alice.user.id);
    assert.equal(response.body[1].receiver_id, bob.user.id);
    assert.deepEqual(await conversationIds(bob, alice), ids);
  });

  it("honours limit and offset from the newest end", async () => {
    assert.deepEqual(await conversationIds(alice, bob, "limit=5"), ids.slice(-5));
    assert.deepEqual(await conversationIds(alice, bob, "limit=5&offset=5"), ids.slice(14, 19));
    assert.deepEqual(await conversationIds(alice, bob, "limit=1"), ids.slice(-1));
  });

  it("pages with before, after and around", async () => {
    assert.deepEqual(await conversationIds(alice, bob, `before=${ids[10]}&limit=4`), ids.slice(6, 10));
    assert.deepEqual(await conversationIds(alice, bob, `before=${ids[2]}`), ids.slice(0, 2));
    assert.deepEqual(await conversationIds(alice, bob, `after=${ids[10]}&limit=4`), ids.slice(11, 15));
    assert.deepEqual(await conversationIds(alice, bob, `after=${ids[20]}`), ids.slice(21));
    assert.deepEqual(await conversationIds(alice, bob, `after=${ids[23]}`), []);
    assert.deepEqual(await conversationIds(alice, bob, `around=${ids[12]}&limit=5`), ids.slice(10, 15));
  });

  for (const query of ["limit=0", "limit=101", "before=1&after=2", "after=1&around=2", "before=x"]) {
    it(`returns 400 for ${query}`, async () => {
      const response = await conversation(alice, bob.user.id, query);
      assertError(response, 400, "invalid_request");
    });
  }

  it("returns 404 for an unknown user", async () => {
    const response = await conversation(alice, MISSING_ID);
    assertError(response, 404, "not_found");
  });

  it("shows a third user only their own (empty) conversation, never someone else's", async () => {
    const mallory = await api.register();
    assert.deepEqual(await conversationIds(mallory, alice), []);
    assert.deepEqual(await conversationIds(mallory, bob), []);
    const own = await postDirectMessage(mallory, alice, "hi alice");
    assert.deepEqual(await conversationIds(mallory, alice), [own.id]);
    assert.deepEqual(await conversationIds(alice, bob), ids, "alice–bob is untouched");
  });
});

describe("GET /api/messages/direct", () => {
  it("lists the caller's conversations newest first with the peer, last message and unread count", async () => {
    const alice = await api.register();
    const bob = await api.register();
    const carol = await api.register();
    await postDirectMessage(bob, alice, "bob 1");
    await postDirectMessage(bob, alice, "bob 2");
    const lastToBob = await postDirectMessage(alice, bob, "alice to bob");
    const fromCarol = await postDirectMessage(carol, alice, "carol 1");

    let list = await conversations(alice);
    assert.deepEqual(list.map((c) => c.user.id), [carol.user.id, bob.user.id]);
    assert.deepEqual(list[0].last_message, fromCarol);
    assert.equal(list[0].unread_count, 1);
    assert.deepEqual(list[1].last_message, lastToBob);
    assert.equal(list[1].unread_count, 2, "only the peer's unread messages count");
    for (const entry of list) {
      assert.deepEqual(Object.keys(entry).sort(), ["last_message", "unread_count", "user"]);
      assert.ok(!("email" in entry.user), "the peer's email is never shown");
      assert.ok(!("password_hash" in entry.user));
    }
    assert.equal(list[1].user.username, bob.user.username);

    const newest = await postDirectMessage(bob, alice, "bob 3");
    list = await conversations(alice);
    assert.deepEqual(list.map((c) => c.user.id), [bob.user.id, carol.user.id], "a new message moves the conversation to the top");
    assert.deepEqual(list[0].last_message, newest);
    assert.equal(list[0].unread_count, 3);

    const bobs = await conversations(bob);
    assert.deepEqual(bobs.map((c) => c.user.id), [alice.user.id]);
    assert.equal(bobs[0].unread_count, 1);
    assert.ok(!("email" in bobs[0].user));
  });

  it("paginates with limit and offset", async () => {
    const alice = await api.register();
    const peers = [await api.register(), await api.register(), await api.register()];
    for (const peer of peers) await postDirectMessage(peer, alice, "hi");
    assert.deepEqual((await conversations(alice, "limit=2")).map((c) => c.user.id), [peers[2].user.id, peers[1].user.id]);
    assert.deepEqual((await conversations(alice, "limit=2&offset=2")).map((c) => c.user.id), [peers[0].user.id]);
  });

  it("returns an empty list for a user without DMs", async () => {
    const loner = await api.register();
    assert.deepEqual(await conversations(loner), []);
  });

  it("returns 401 without credentials", async () => {
    const response = await api.get("/api/messages/direct");
    assertError(response, 401, "unauthorized");
  });
});

describe("POST /api/messages/read with user_id", () => {
  const markRead = (user: TestUser, body: Record<string, unknown>) => api.post("/api/messages/read", { token: user.token, body });

  it("marks the peer's messages to the caller as read and zeroes the unread count", async () => {
    const alice = await api.register();
    const bob = await api.register();
    const carol = await api.register();
    const b1 = await postDirectMessage(bob, alice, "one");
    const b2 = await postDirectMessage(bob, alice, "two");
    const a1 = await postDirectMessage(alice, bob, "reply");
    const c1 = await postDirectMessage(carol, alice, "unrelated");

    const response = await markRead(alice, { user_id: bob.user.id });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { user_id: bob.user.id, marked_read: 2 });

    const listed = await conversation(alice, bob.user.id);
    const readById = new Map(listed.body.map((m: any) => [m.id, m.is_read]));
    assert.equal(readById.get(b1.id), true);
    assert.equal(readById.get(b2.id), true);
    assert.equal(readById.get(a1.id), false, "alice's own message stays unread until bob reads it");

    const list = await conversations(alice);
    assert.equal(list.find((c) => c.user.id === bob.user.id).unread_count, 0);
    assert.equal(list.find((c) => c.user.id === carol.user.id).unread_count, 1, "other conversations are untouched");
    const carolsMessage = (await conversation(alice, carol.user.id)).body;
    assert.deepEqual(carolsMessage.map((m: any) => [m.id, m.is_read]), [[c1.id, false]]);

    const again = await markRead(alice, { user_id: bob.user.id });
    assert.deepEqual(again.body, { user_id: bob.user.id, marked_read: 0 });
  });

  it("does not mark the caller's sent messages as read for the peer", async () => {
    const alice = await api.register();
    const bob = await api.register();
    await postDirectMessage(alice, bob, "unread by bob");
    const response = await markRead(alice, { user_id: bob.user.id });
    assert.deepEqual(response.body, { user_id: bob.user.id, marked_read: 0 });
    assert.equal((await conversations(bob))[0].unread_count, 1);
  });

  it("returns 404 for an unknown user", async () => {
    const alice = await api.register();
    const response = await markRead(alice, { user_id: MISSING_ID });
    assertError(response, 404, "not_found");
  });
});

describe("replies in DMs (reply_to)", () => {
  it("stores a reply to a DM of the same conversation, from either side", async () => {
    const [alice, bob] = await makeUsers(2);
    const question = await postDirectMessage(alice, bob, "lunch?");
    const answer = await postDirectMessage(bob, alice, "yes!", { reply_to: question.id });
    const again = await postDirectMessage(alice, bob, "great", { reply_to: answer.id });
    assert.equal(answer.reply_to, question.id);
    assert.equal(again.reply_to, answer.id);
    const listed = (await conversation(alice, bob.user.id)).body;
    assert.deepEqual(listed.map((m: any) => m.reply_to), [null, question.id, answer.id]);
  });

  it("returns 400 for a DM of another conversation, with the same body as for a missing one, and stores nothing", async () => {
    const [alice, bob, carol] = await makeUsers(3);
    const elsewhere = await postDirectMessage(bob, carol, "between bob and carol");
    const mine = await postDirectMessage(alice, carol, "between alice and carol");
    await expectNoChange(async () => {
      const foreign = await sendDm(alice, bob.user.id, "re", { reply_to: elsewhere.id });
      const ownOtherConversation = await sendDm(alice, bob.user.id, "re", { reply_to: mine.id });
      const missing = await sendDm(alice, bob.user.id, "re", { reply_to: MISSING_ID });
      assertError(foreign, 400, "invalid_request");
      assert.deepEqual(foreign.body.error.details, [{ path: "reply_to", message: "No such message in this conversation" }]);
      assert.equal(foreign.text, missing.text);
      assert.equal(ownOtherConversation.text, missing.text);
    });
  });

  for (const [label, value] of [["a string", "1"], ["zero", 0], ["a float", 1.5]] as const) {
    it(`returns 400 for reply_to as ${label}`, async () => {
      const [alice, bob] = await makeUsers(2);
      assertError(await sendDm(alice, bob.user.id, "re", { reply_to: value }), 400, "invalid_request");
    });
  }

  it("accepts reply_to null as no reply", async () => {
    const [alice, bob] = await makeUsers(2);
    assert.equal((await postDirectMessage(alice, bob, "plain", { reply_to: null })).reply_to, null);
  });
});

describe("PUT /api/messages/direct/message/{id}", () => {
  const edit = (user: TestUser, id: number, body: Record<string, unknown>) => api.request("PUT", `/api/messages/direct/message/${id}`, { token: user.token, body });

  it("lets the author edit, trimming the content and setting edited_at; both sides read the new text", async () => {
    const [alice, bob] = await makeUsers(2);
    const original = await postDirectMessage(alice, bob, "helo");
    const response = await edit(alice, original.id, { content: "  hello  " });
    assert.equal(response.status, 200, response.text);
    assert.deepEqual({ ...response.body, edited_at: null }, { ...original, content: "hello" });
    assert.ok(Date.parse(response.body.edited_at) >= Date.parse(original.created_at));
    assert.deepEqual((await conversation(alice, bob.user.id)).body, [response.body]);
    assert.deepEqual((await conversation(bob, alice.user.id)).body, [response.body]);
    const [head] = await conversations(bob);
    assert.deepEqual(head.last_message, response.body, "the conversation list shows the edited text");
  });

  it("keeps reply_to and is_read", async () => {
    const [alice, bob] = await makeUsers(2);
    const question = await postDirectMessage(bob, alice, "ok?");
    const reply = await postDirectMessage(alice, bob, "fine", { reply_to: question.id });
    await api.post("/api/messages/read", { token: bob.token, body: { user_id: alice.user.id } });
    const response = await edit(alice, reply.id, { content: "fine, thanks" });
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.reply_to, question.id);
    assert.equal(response.body.is_read, true);
  });

  it("returns 400 for bad content (empty, whitespace only, 4001 characters) or unknown fields, and changes nothing", async () => {
    const [alice, bob] = await makeUsers(2);
    const original = await postDirectMessage(alice, bob, "keep me");
    const bodies = [
      ...["", "   ", "z".repeat(4001)].map((content) => ({ content })),
      ...[{ sender_id: bob.user.id }, { receiver_id: alice.user.id }, { is_read: true }, { reply_to: original.id }].map((extra) => ({ content: "edited", ...extra })),
    ];
    await expectNoChange(async () => {
      for (const body of bodies) assertError(await edit(alice, original.id, body), 400, "invalid_request");
    });
  });

  it("returns 403 to the other side of the conversation, 404 to anyone else (the body of a missing DM), and changes nothing", async () => {
    const [alice, bob, mallory] = await makeUsers(3);
    const original = await postDirectMessage(alice, bob, "alice wrote this");
    await expectNoChange(async () => {
      assertError(await edit(bob, original.id, { content: "bob rewrote it" }), 403, "forbidden");
      const hidden = await edit(mallory, original.id, { content: "hi" });
      assertError(hidden, 404, "not_found");
      assert.equal(hidden.text, (await edit(mallory, MISSING_ID, { content: "hi" })).text);
      assertError(await api.request("PUT", `/api/messages/${original.id}`, { token: alice.token, body: { content: "x" } }), 404, "not_found");
    });
  });

  it("still lets each side edit their own DMs after a block, as Discord does", async () => {
    const [alice, bob] = await makeUsers(2);
    const fromAlice = await postDirectMessage(alice, bob, "from alice");
    const fromBob = await postDirectMessage(bob, alice, "from bob");
    assert.equal((await api.post(`/api/friends/block/${bob.user.id}`, { token: alice.token })).status, 201);
    assert.equal((await edit(alice, fromAlice.id, { content: "alice, edited" })).status, 200);
    assert.equal((await edit(bob, fromBob.id, { content: "bob, edited" })).status, 200);
    assert.deepEqual((await conversation(alice, bob.user.id)).body.map((m: any) => m.content), ["alice, edited", "bob, edited"]);
  });
});

describe("DELETE /api/messages/direct/message/{id}", () => {
  const remove = (user: TestUser, id: number) => api.request("DELETE", `/api/messages/direct/message/${id}`, { token: user.token });

  it("lets the author delete and returns 200 with {id, sender_id, receiver_id}; gone for both sides", async () => {
    const [alice, bob] = await makeUsers(2);
    const kept = await postDirectMessage(bob, alice, "kept");
    const oops = await postDirectMessage(alice, bob, "oops");
    const response = await remove(alice, oops.id);
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.body, { id: oops.id, sender_id: alice.user.id, receiver_id: bob.user.id });
    assert.deepEqual(await conversationIds(alice, bob), [kept.id]);
    assert.deepEqual(await conversationIds(bob, alice), [kept.id]);
    assert.equal(await db.count("direct_messages WHERE id = ?", oops.id), 0);
    assertError(await remove(alice, oops.id), 404, "not_found");
  });

  it("returns 403 to the other side of the conversation, 404 to anyone else (the body of a missing DM), and changes nothing", async () => {
    const [alice, bob, mallory] = await makeUsers(3);
    const message = await postDirectMessage(alice, bob, "not yours to delete");
    await expectNoChange(async () => {
      assertError(await remove(bob, message.id), 403, "forbidden");
      const hidden = await remove(mallory, message.id);
      assertError(hidden, 404, "not_found");
      assert.equal(hidden.text, (await remove(mallory, MISSING_ID)).text);
      assertError(await api.request("DELETE", `/api/messages/${message.id}`, { token: alice.token }), 404, "not_found");
    });
  });

  it("leaves replies in place with reply_to null", async () => {
    const [alice, bob] = await makeUsers(2);
    const original = await postDirectMessage(alice, bob, "original");
    const reply = await postDirectMessage(bob, alice, "reply", { reply_to: original.id });
    assert.equal((await remove(alice, original.id)).status, 200);
    const listed = (await conversation(bob, alice.user.id)).body;
    assert.deepEqual(listed.map((m: any) => [m.id, m.reply_to, m.content]), [[reply.id, null, "reply"]]);
  });

  it("moves the conversation list to the message before, and out of the unread count", async () => {
    const [alice, bob] = await makeUsers(2);
    const first = await postDirectMessage(alice, bob, "first");
    const second = await postDirectMessage(alice, bob, "second");
    assert.equal((await conversations(bob))[0].unread_count, 2);
    assert.equal((await remove(alice, second.id)).status, 200);
    const [head] = await conversations(bob);
    assert.deepEqual(head.last_message, first);
    assert.equal(head.unread_count, 1);
    assert.equal((await remove(alice, first.id)).status, 200);
    assert.deepEqual(await conversations(bob), [], "a conversation without messages is not listed");
  });

  it("still lets each side delete their own DMs after a block, as Discord does", async () => {
    const [alice, bob] = await makeUsers(2);
    const fromAlice = await postDirectMessage(alice, bob, "from alice");
    const fromBob = await postDirectMessage(bob, alice, "from bob");
    assert.equal((await api.post(`/api/friends/block/${alice.user.id}`, { token: bob.token })).status, 201);
    assert.equal((await remove(alice, fromAlice.id)).status, 200);
    assert.equal((await remove(bob, fromBob.id)).status, 200);
    assert.deepEqual(await conversationIds(alice, bob), []);
  });
});
