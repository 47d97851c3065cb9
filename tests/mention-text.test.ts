import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeMentions, encodeMentions, mentionQueryAt, namedMentions } from "../components/mentions/mention-codec";
import { hasWords, parseSearch } from "../components/search/search-query";

const people = [
  { id: 7, username: "bob", displayName: "Bob Stone", avatarUrl: null },
  { id: 9, username: "ann.lee", displayName: "Ann", avatarUrl: null },
];

describe("mentions as typed and as sent", () => {
  it("sends @username of a member as their token, whatever its case, and keeps a full stop after it", () => {
    assert.equal(encodeMentions("hi @bob and @Ann.Lee.", people), "hi <@7> and <@9>.");
  });

  it("leaves unknown names, e-mail addresses and code as typed", () => {
    assert.equal(encodeMentions("@carol bob@example.com `@bob` ```\n@bob\n```", people), "@carol bob@example.com `@bob` ```\n@bob\n```");
  });

  it("shows the tokens of known members as @username for editing, and keeps the others", () => {
    assert.equal(decodeMentions("<@7> meet <@42>", people), "@bob meet <@42>");
    assert.equal(encodeMentions(decodeMentions("<@7> meet <@42>", people), people), "<@7> meet <@42>");
  });

  it("names tokens in one-line previews, an unknown user as such", () => {
    assert.equal(namedMentions("<@7> and <@42>", new Map(people.map((p) => [p.id, p]))), "@Bob Stone and @unknown-user");
  });

  it("finds the @ word before the caret only at a word's start", () => {
    assert.deepEqual(mentionQueryAt("hey @bo", 7), { start: 4, query: "bo" });
    assert.deepEqual(mentionQueryAt("@", 1), { start: 0, query: "" });
    assert.equal(mentionQueryAt("mail bob@ex", 11), null);
    assert.equal(mentionQueryAt("hey @bo there", 13), null);
  });
});

describe("the search box's syntax", () => {
  const names = { people: [{ id: 7, username: "bob" }], channels: [{ id: 3, name: "general" }] };

  it("turns known filters into the API's fields and keeps the rest as words", () => {
    assert.deepEqual(parseSearch("from:@Bob in:#general has:image oak  tree", names), { text: "oak tree", authorId: 7, channelId: 3, has: "image" });
  });

  it("keeps a filter it cannot resolve as words, so nothing is dropped silently", () => {
    assert.deepEqual(parseSearch("from:carol has:video in:nowhere", names), { text: "from:carol has:video in:nowhere" });
  });

  it("needs words: filters alone only narrow a search", () => {
    assert.equal(hasWords(parseSearch("from:bob", names)), false);
    assert.equal(hasWords(parseSearch("from:bob -- ", names)), false);
    assert.equal(hasWords(parseSearch("from:bob oak", names)), true);
  });
});
