import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import type { MessageSearchResult } from "../lib/api/entities";
import type { TestUser } from "./helpers/api";
import { TINY_PNG, upload } from "./helpers/uploads";
import { assertError, expectStatus, MISSING_ID, useServer } from "./helpers/world";

const { api, makeCommunity, makeMember, makeChannel, makeUsers, setRole, postMessage, postDirectMessage } = useServer();

/** A word no other message of this run contains (letters and digits: one search term). */
const word = () => `w${randomBytes(5).toString("hex")}`;

function search(user: TestUser, params: Record<string, string | number>) {
  const query = new URLSearchParams(Object.entries(params).map(([key, value]) => [key, String(value)]));
  return api.get(`/api/messages/search?${query}`, { token: user.token });
}

async function found(user: TestUser, params: Record<string, string | number>): Promise<MessageSearchResult> {
  return (await expectStatus(search(user, params), 200, `search ${JSON.stringify(params)}`)).body;
}

const ids = (result: { messages: { id: number }[] }) => result.messages.map((message) => message.id);

describe("GET /api/messages/search: matching", () => {
  it("finds a message by a word, whatever its case and diacritics, and by the prefix of the last word", async () => {
    const community = await makeCommunity();
    const tag = word();
    const message = await postMessage(community.owner, community.general, `Le Café ${tag} était très bon`);
    await postMessage(community.owner, community.general, `nothing to see ${word()}`);

    for (const q of [tag, tag.toUpperCase(), `cafe ${tag}`, `CAFÉ ${tag}`, `${tag} etait TRES`, `${tag} ca`, tag.slice(0, 6)]) {
      const result = await found(community.owner, { q });
      assert.deepEqual(ids(result), [message.id], `q=${q}`);
      assert.equal(result.total, 1, `q=${q}`);
    }
    assert.deepEqual(ids(await found(community.owner, { q: `caf ${tag}` })), [], "only the last word is a prefix");
    assert.deepEqual(ids(await found(community.owner, { q: `${tag} cafes` })), [], "a prefix is not a stem");
  });

  it("answers the full Message shape with a plain-text snippet and the offsets of the matched words", async () => {
    const community = await makeCommunity();
    const tag = word();
    const content = `${"lorem ipsum dolor ".repeat(10)}then <b>Crème</b>\nbrûlée ${tag} and more ${"sit amet ".repeat(20)}`;
    const message = await postMessage(community.owner, community.general, content);
    const result = await found(community.owner, { q: `creme ${tag}` });
    const [hit] = result.messages;
    const { snippet, highlights, ...rest } = hit;
    assert.deepEqual(rest, message, "the message as history answers it");
    assert.ok(snippet.startsWith("…") && snippet.endsWith("…"), snippet);
    assert.ok(snippet.length <= 125, `about 120 characters: ${snippet.length}`);
    assert.ok(!snippet.includes("\n"), "line breaks become spaces");
    assert.ok(snippet.includes("<b>Crème</b> brûlée"), "the text as typed: never markup of ours, never escaped");
    assert.deepEqual(
      highlights.map(([start, end]) => snippet.slice(start, end)),
      ["Crème", tag],
    );
  });

  it("ranks the better match first, then the newest", async () => {
    const community = await makeCommunity();
    const tag = word();
    const once = await postMessage(community.owner, community.general, `${tag} appears once in a rather long message with many other words in it`);
    const often = await postMessage(community.owner, community.general, `${tag} ${tag} ${tag}`);
    const newer = await postMessage(community.owner, community.general, `${tag} appears once in a rather long message with many other words in it`);
    assert.deepEqual(ids(await found(community.owner, { q: tag })), [often.id, newer.id, once.id]);
  });

  it("pages with limit and offset, total counting every match", async () => {
    const community = await makeCommunity();
    const tag = word();
    const posted: number[] = [];
    for (let i = 0; i < 5; i++) posted.push((await postMessage(community.owner, community.general, `${tag} number ${i}`)).id);
    const first = await found(community.owner, { q: tag, limit: 2 });
    const second = await found(community.owner, { q: tag, limit: 2, offset: 2 });
    const last = await found(community.owner, { q: tag, limit: 2, offset: 4 });
    const beyond = await found(community.owner, { q: tag, limit: 2, offset: 10 });
    assert.deepEqual([first.total, second.total, last.total, beyond.total], [5, 5, 5, 5]);
    assert.deepEqual([...ids(first), ...ids(second), ...ids(last)].sort(), [...posted].sort());
    assert.deepEqual(ids(beyond), []);
  });

  it("takes punctuation and the engines' query syntax as separators, never as syntax, and never fails", async () => {
    const community = await makeCommunity();
    const tag = word();
    const message = await postMessage(community.owner, community.general, `${tag} x_y don't NEAR OR content`);
    const hostile = [`"${tag}`, `${tag}*`, `NEAR(${tag}`, `${tag} OR`, `-${tag}`, `${tag}:*`, `'${tag}' & !x`, `${tag} ) ( "`, `${tag} NEAR OR`, `^${tag}`, `${tag} \\`, `{${tag}}`, `${tag}:`, `{content}:${tag} content`];
    for (const q of hostile) assert.deepEqual(ids(await found(community.owner, { q })), [message.id], `q=${q}`);
    assert.deepEqual(ids(await found(community.owner, { q: `${tag} don't x_y` })), [message.id]);
    assert.deepEqual(ids(await found(community.owner, { q: `${tag} OR ${word()}` })), [], "OR is a word to find, not an operator");
    for (const q of ['"', "*", "-", "()", "'", "\u0301", "🎉"]) assertError(await search(community.owner, { q }), 400, "invalid_request");
  });

  it("finds a link, and keeps the index current when a message is edited or deleted", async () => {
    const community = await makeCommunity();
    const [before, after] = [word(), word()];
    const message = await postMessage(community.owner, community.general, `see https://example.com/${before}/page`);
    assert.deepEqual(ids(await found(community.owner, { q: `example ${before}` })), [message.id]);

    await expectStatus(api.request("PUT", `/api/messages/${message.id}`, { token: community.owner.token, body: { content: `now ${after}` } }), 200, "edit");
    assert.deepEqual(ids(await found(community.owner, { q: before })), [], "the old words are gone");
    const edited = await found(community.owner, { q: after });
    assert.deepEqual(ids(edited), [message.id]);
    assert.notEqual(edited.messages[0].edited_at, null);

    await expectStatus(api.request("DELETE", `/api/messages/${message.id}`, { token: community.owner.token }), 200, "delete");
    assert.deepEqual(await found(community.owner, { q: after }), { total: 0, messages: [] });
  });
});

describe("GET /api/messages/search: filters", () => {
  it("filters by community, channel, author, attachments, links and message ids", async () => {
    const [community, other] = [await makeCommunity(), await makeCommunity()];
    const member = await makeMember(community);
    await expectStatus(api.post(`/api/channels/communities/${other.id}/join`, { token: member.token }), 200, "join the other community");
    const side = await makeChannel(community.owner, community.id);
    const tag = word();
    const image = await upload(api, member, TINY_PNG, "dot.png", "image/png");
    const file = await upload(api, member, Buffer.from("plain text file"), "notes.txt", "text/plain");

    const inGeneral = await postMessage(community.owner, community.general, `${tag} in general`);
    const inSide = await postMessage(member, side.id, `${tag} in side https://example.org`);
    const withImage = await postMessage(member, community.general, `${tag} picture`, { attachment_ids: [image.id] });
    const withFile = await postMessage(member, community.general, `${tag} document`, { attachment_ids: [file.id] });
    const elsewhere = await postMessage(other.owner, other.general, `${tag} in the other community`);

    const q = tag;
    const sorted = (list: number[]) => [...list].sort((a, b) => a - b);
    assert.deepEqual(sorted(ids(await found(member, { q }))), sorted([inGeneral.id, inSide.id, withImage.id, withFile.id, elsewhere.id]));
    assert.deepEqual(sorted(ids(await found(member, { q, community_id: community.id }))), sorted([inGeneral.id, inSide.id, withImage.id, withFile.id]));
    assert.deepEqual(ids(await found(member, { q, community_id: other.id })), [elsewhere.id]);
    assert.deepEqual(ids(await found(member, { q, channel_id: side.id })), [inSide.id]);
    assert.deepEqual(ids(await found(member, { q, channel_id: side.id, community_id: other.id })), [], "a channel outside the community");
    assert.deepEqual(sorted(ids(await found(member, { q, community_id: community.id, author_id: member.user.id }))), sorted([inSide.id, withImage.id, withFile.id]));
    assert.deepEqual(ids(await found(member, { q, has: "image" })), [withImage.id]);
    assert.deepEqual(ids(await found(member, { q, has: "file" })), [withFile.id]);
    assert.deepEqual(ids(await found(member, { q, has: "link" })), [inSide.id]);
    assert.deepEqual(sorted(ids(await found(member, { q, before: withImage.id }))), sorted([inGeneral.id, inSide.id]));
    assert.deepEqual(sorted(ids(await found(member, { q, after: withImage.id }))), sorted([withFile.id, elsewhere.id]));
    assert.deepEqual(ids(await found(member, { q, after: inGeneral.id, before: withImage.id })), [inSide.id]);
  });
});

describe("GET /api/messages/search: who sees what", () => {
  it("never shows a private channel to a member who is not in it, even when asked for by id", async () => {
    const community = await makeCommunity();
    const [member, admin, insider] = [await makeMember(community), await makeMember(community), await makeMember(community)];
    await setRole(community.owner, community.id, admin, "admin");
    const secret = await makeChannel(community.owner, community.id, { type: "private" });
    await expectStatus(api.post(`/api/channels/${secret.id}/members`, { token: community.owner.token, body: { user_id: insider.user.id } }), 201, "add to private channel");
    const tag = word();
    const hidden = await postMessage(community.owner, secret.id, `${tag} secret plans`);
    const open = await postMessage(community.owner, community.general, `${tag} public news`);

    assert.deepEqual(ids(await found(member, { q: tag })), [open.id]);
    assert.equal((await found(member, { q: tag })).total, 1, "total counts only what the caller may read");
    assert.deepEqual(ids(await found(member, { q: tag, community_id: community.id })), [open.id]);
    const missing = await search(member, { q: tag, channel_id: MISSING_ID });
    const refused = await search(member, { q: tag, channel_id: secret.id });
    assertError(refused, 404, "not_found");
    assert.deepEqual(refused.body, missing.body, "exactly the answer a missing channel gets");

    for (const reader of [community.owner, admin, insider]) {
      assert.deepEqual(ids(await found(reader, { q: tag, channel_id: secret.id })), [hidden.id]);
      assert.equal((await found(reader, { q: tag })).total, 2);
    }

    await expectStatus(api.request("DELETE", `/api/channels/${secret.id}/members/${insider.user.id}`, { token: community.owner.token }), 200, "remove from private channel");
    assert.deepEqual(ids(await found(insider, { q: tag })), [open.id], "access is checked now, not when the message was sent");
  });

  it("never shows another community, nor one the caller left", async () => {
    const community = await makeCommunity();
    const [outsider, leaver] = await makeUsers(2);
    await expectStatus(api.post(`/api/channels/communities/${community.id}/join`, { token: leaver.token }), 200, "join");
    const tag = word();
    await postMessage(community.owner, community.general, `${tag} members only`);
    assert.equal((await found(leaver, { q: tag })).total, 1);
    await expectStatus(api.post(`/api/channels/communities/${community.id}/leave`, { token: leaver.token }), 200, "leave");

    for (const user of [outsider, leaver]) {
      assert.deepEqual(await found(user, { q: tag }), { total: 0, messages: [] });
      assertError(await search(user, { q: tag, community_id: community.id }), 404, "not_found");
      assertError(await search(user, { q: tag, channel_id: community.general }), 404, "not_found");
    }
  });

  it("searches only the caller's own DMs with dm_user_id", async () => {
    const [alice, bob, carol] = await makeUsers(3);
    const tag = word();
    const mine = await postDirectMessage(alice, bob, `${tag} between alice and bob`);
    const theirs = await postDirectMessage(bob, alice, `${tag} the reply`);
    await postDirectMessage(carol, bob, `${tag} between carol and bob`);
    const community = await makeCommunity(alice);
    await postMessage(alice, community.general, `${tag} in a channel`);

    const result = await found(alice, { q: tag, dm_user_id: bob.user.id });
    assert.deepEqual(ids(result).sort(), [mine.id, theirs.id].sort());
    const { snippet, highlights, ...rest } = result.messages.find((message) => message.id === mine.id)!;
    assert.deepEqual(rest, mine, "the DirectMessage as history answers it");
    assert.equal(snippet, `${tag} between alice and bob`);
    assert.deepEqual(highlights, [[0, tag.length]]);
    assert.deepEqual(ids(await found(alice, { q: tag, dm_user_id: bob.user.id, author_id: bob.user.id })), [theirs.id]);
    assert.deepEqual(await found(alice, { q: tag, dm_user_id: carol.user.id }), { total: 0, messages: [] }, "carol's DMs with bob stay theirs");
    assert.ok(!ids(await found(alice, { q: tag })).includes(mine.id), "without dm_user_id: channels only");

    assertError(await search(alice, { q: tag, dm_user_id: alice.user.id }), 400, "invalid_request");
    assertError(await search(alice, { q: tag, dm_user_id: MISSING_ID }), 404, "not_found");
    assertError(await search(alice, { q: tag, dm_user_id: bob.user.id, channel_id: community.general }), 400, "invalid_request");
    assertError(await search(alice, { q: tag, dm_user_id: bob.user.id, community_id: community.id }), 400, "invalid_request");
  });

  it("keeps DMs current on edit and delete", async () => {
    const [alice, bob] = await makeUsers(2);
    const [before, after] = [word(), word()];
    const dm = await postDirectMessage(alice, bob, `${before} first draft`);
    await expectStatus(api.request("PUT", `/api/messages/direct/message/${dm.id}`, { token: alice.token, body: { content: `${after} second draft` } }), 200, "edit DM");
    assert.equal((await found(bob, { q: before, dm_user_id: alice.user.id })).total, 0);
    assert.deepEqual(ids(await found(bob, { q: after, dm_user_id: alice.user.id })), [dm.id]);
    await expectStatus(api.request("DELETE", `/api/messages/direct/message/${dm.id}`, { token: alice.token }), 200, "delete DM");
    assert.equal((await found(bob, { q: after, dm_user_id: alice.user.id })).total, 0);
  });
});

describe("GET /api/messages/search: input", () => {
  it("refuses bad input with 400 and the error shape", async () => {
    const [user] = await makeUsers(1);
    const bad: Record<string, string>[] = [
      {},
      { q: "" },
      { q: "   " },
      { q: "x".repeat(201) },
      { q: "a", limit: "0" },
      { q: "a", limit: "101" },
      { q: "a", offset: "-1" },
      { q: "a", offset: "10001" },
      { q: "a", has: "video" },
      { q: "a", channel_id: "abc" },
      { q: "a", community_id: "0" },
      { q: "a", author_id: "1e3" },
      { q: "a", before: "-5" },
      { q: "a", dm_user_id: "99999999999" },
    ];
    for (const params of bad) assertError(await search(user, params), 400, "invalid_request");
  });
});
