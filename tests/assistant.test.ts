import assert from "node:assert/strict";
import { after, afterEach, describe, it } from "node:test";
import type { Assistant, ChannelSummary, DirectMessage, Message } from "../lib/api/entities";
import { startFakeModel, type ModelRequest } from "./helpers/fake-model";
import type { TestUser } from "./helpers/api";
import { closeAll, socketEvents, track, waitFor } from "./helpers/events";
import { connectSocket } from "./helpers/socket";
import { assertError, expectStatus, useServer } from "./helpers/world";

// The built-in assistant against a local OpenAI-compatible server (tests/helpers/fake-model.ts)
// that streams server-sent events as the real API does: mentions answered by a streamed ai reply,
// DMs, the context it is given, failures, neutralised output, its budget, and "catch me up".

const model = await startFakeModel();
const MODEL = "fake-model-1";
const WRITING_MARK = " ▍";
after(async () => {
  await closeAll();
  await model.close();
});
afterEach(() => model.reset());

const world = useServer({ env: { AI_BASE_URL: model.baseUrl, AI_MODEL: MODEL, AI_API_KEY: "sk-test", AI_TIMEOUT_MS: "1500" } });
const { api, db, makeCommunity, makeMember, makeChannel, makeUsers, postMessage, postDirectMessage } = world;

let assistant: Promise<Assistant> | undefined;
const theAssistant = () =>
  (assistant ??= api.register().then(async (someone) => (await expectStatus(api.get("/api/assistant", { token: someone.token }), 200, "GET /api/assistant")).body));

/** A community the assistant was added to, with a member and a socket of that member listening. */
async function assistantWorld() {
  const { user } = await theAssistant();
  const community = await makeCommunity();
  await expectStatus(api.post("/api/channels/community/add-member", { token: community.owner.token, body: { community_id: community.id, user_id: user.id } }), 201, "add the assistant");
  const member = await makeMember(community);
  const socket = track(await connectSocket(world.server.url, { token: member.token }));
  return { community, member, assistantId: user.id, sent: socketEvents<Message>(socket, "message_sent"), edited: socketEvents<Message>(socket, "message_edited") };
}

const mention = (id: number) => `<@${id}>`;
/** Every text the model was sent, in one string. */
const promptText = (request: ModelRequest) => (request.body.messages ?? []).map((m) => m.content).join("\n");

/** The reply to `question`: created at once, then edited until it no longer ends with the writing mark. */
async function finalReply(edited: ReturnType<typeof socketEvents<Message>>, replyId: number): Promise<Message> {
  return waitFor(edited, (m) => m.id === replyId && !m.content.endsWith(WRITING_MARK) && m.content !== "…", "the finished reply", { from: 0, timeoutMs: 8000 });
}

describe("the assistant account", () => {
  it("exists as an AI bot named aura, and says which model it asks", async () => {
    const { user, model: name } = await theAssistant();
    assert.equal(user.username, "aura");
    assert.equal(user.is_bot, true);
    assert.equal(name, MODEL);
  });
});

describe("answering a mention", () => {
  it("replies to the asking message with an ai message created at once and streamed in by edits, in order, then finished", async () => {
    const { community, member, assistantId, sent, edited } = await assistantWorld();
    const answer = "Streaming works: one, two, three, four, five, six.";
    model.script({ reply: answer, chunks: 6, chunkDelayMs: 150 });
    const question = await postMessage(member, community.general, `${mention(assistantId)} does streaming work?`);
    const reply = await waitFor(sent, (m) => m.reply_to === question.id, "the reply's message_sent");
    assert.equal(reply.sender_id, assistantId);
    assert.equal(reply.message_type, "ai");
    assert.deepEqual(reply.ai, { model: MODEL, requested_by: { id: member.user.id, username: member.user.username } });
    assert.equal(reply.is_bot, true);

    const done = await finalReply(edited, reply.id);
    assert.equal(done.content, answer);
    const steps = edited.items.filter((m) => m.id === reply.id).map((m) => m.content);
    assert.ok(steps.length >= 3, `several edits while streaming: ${JSON.stringify(steps)}`);
    for (const [i, step] of steps.slice(0, -1).entries()) {
      const text = step.slice(0, -WRITING_MARK.length);
      assert.ok(step.endsWith(WRITING_MARK), `a step in progress ends with the mark: ${step}`);
      assert.ok(answer.startsWith(text), `each step is a prefix of the answer: ${step}`);
      if (i > 0) assert.ok(text.length >= steps[i - 1].length - WRITING_MARK.length, "the text only grows");
    }
    const stored = (await api.get(`/api/messages/channel/${community.general}`, { token: member.token })).body as Message[];
    assert.equal(stored.find((m) => m.id === reply.id)?.content, answer);

    const [request] = model.requests;
    assert.equal(request.body.model, MODEL);
    assert.equal(request.headers.authorization, "Bearer sk-test");
    assert.ok(promptText(request).includes(`${member.user.username}: ${mention(assistantId)} does streaming work?`));
  });

  it("gives the model this channel's recent messages only: never another channel, a DM, or a blocked user's messages", async () => {
    const { community, member, assistantId, sent, edited } = await assistantWorld();
    const secret = await makeChannel(community.owner, community.id, { type: "private" });
    await postMessage(community.owner, secret.id, "SECRET-PRIVATE-CHANNEL");
    const other = await makeChannel(community.owner, community.id);
    await postMessage(community.owner, other.id, "OTHER-CHANNEL-TEXT");
    await postDirectMessage(community.owner, member, "SOMEONE-ELSES-DM");
    const [blocked] = await makeUsers(1);
    await expectStatus(api.post("/api/channels/community/add-member", { token: community.owner.token, body: { community_id: community.id, user_id: blocked.user.id } }), 201, "add");
    await postMessage(blocked, community.general, "BLOCKED-USER-TEXT");
    await expectStatus(api.post(`/api/friends/block/${blocked.user.id}`, { token: member.token }), 201, "block");
    await postMessage(community.owner, community.general, "VISIBLE-CONTEXT");

    const question = await postMessage(member, community.general, `${mention(assistantId)} what did I miss?`);
    const reply = await waitFor(sent, (m) => m.reply_to === question.id, "reply");
    await finalReply(edited, reply.id);
    const prompt = promptText(model.requests[0]);
    assert.ok(prompt.includes("VISIBLE-CONTEXT"));
    for (const hidden of ["SECRET-PRIVATE-CHANNEL", "OTHER-CHANNEL-TEXT", "SOMEONE-ELSES-DM", "BLOCKED-USER-TEXT"]) {
      assert.ok(!prompt.includes(hidden), `${hidden} must not reach the model`);
    }
  });

  it("does nothing where it is not a member, and answers no bot", async () => {
    const { user } = await theAssistant();
    const community = await makeCommunity();
    await postMessage(community.owner, community.general, `${mention(user.id)} are you there?`);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(model.requests.length, 0);
    assert.equal(await db.count("messages WHERE channel_id = ? AND sender_id = ?", community.general, user.id), 0);
  });

  it("stays silent where it may not post: an announcement channel, or while timed out", async () => {
    const { community, member, assistantId } = await assistantWorld();
    const news = await makeChannel(community.owner, community.id, { type: "announcement" });
    await postMessage(community.owner, news.id, `${mention(assistantId)} announce this`);
    const until = new Date(Date.now() + 3_600_000).toISOString();
    await expectStatus(api.request("PATCH", `/api/channels/communities/${community.id}/members/${assistantId}`, { token: community.owner.token, body: { timeout_until: until } }), 200, "time out the assistant");
    await postMessage(member, community.general, `${mention(assistantId)} are you timed out?`);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.deepEqual(model.requests.map(promptText), []);
    assert.equal(await db.count("messages WHERE sender_id = ? AND message_type = 'ai' AND channel_id IN (?, ?)", assistantId, news.id, community.general), 0);
  });

  it("keeps the failure text when a long answer is cut off", async () => {
    const { community, member, assistantId, sent, edited } = await assistantWorld();
    // Half of it (3,990 characters) comes after 1 s; the rest would come after the 1.5 s timeout.
    model.script({ reply: "y".repeat(7980), chunks: 2, chunkDelayMs: 1000 });
    const question = await postMessage(member, community.general, `${mention(assistantId)} write a lot`);
    const done = await finalReply(edited, (await waitFor(sent, (m) => m.reply_to === question.id, "reply")).id);
    assert.match(done.content, /⚠️ I could not finish: the model did not finish within/);
    assert.ok(done.content.length <= 4000);
  });

  it("neutralises @everyone, @here and mentions in the model's text and caps it at the message limit", async () => {
    const { community, member, assistantId, sent, edited } = await assistantWorld();
    model.script({ reply: `@everyone and @here, ask <@${member.user.id}>! ${"x".repeat(5000)}`, chunks: 3 });
    const question = await postMessage(member, community.general, `${mention(assistantId)} shout`);
    const reply = await waitFor(sent, (m) => m.reply_to === question.id, "reply");
    const done = await finalReply(edited, reply.id);
    assert.ok(done.content.startsWith(`@\u200beveryone and @\u200bhere, ask <@\u200b${member.user.id}>!`), done.content.slice(0, 60));
    assert.deepEqual(done.mentions, []);
    assert.equal(done.mention_everyone, false);
    assert.ok(done.content.length <= 4000, `capped: ${done.content.length}`);
  });

  it("ends with a visible failure text when the model fails, and within the timeout when it never answers", async () => {
    const { community, member, assistantId, sent, edited } = await assistantWorld();
    model.script({ failWith: 500 });
    const failing = await postMessage(member, community.general, `${mention(assistantId)} fail please`);
    const failed = await finalReply(edited, (await waitFor(sent, (m) => m.reply_to === failing.id, "reply")).id);
    assert.match(failed.content, /⚠️ I could not finish: the model server answered 500/);

    model.script({ failWith: null, hang: true });
    const hanging = await postMessage(member, community.general, `${mention(assistantId)} hang please`);
    const started = Date.now();
    const hung = await finalReply(edited, (await waitFor(sent, (m) => m.reply_to === hanging.id, "reply")).id);
    assert.match(hung.content, /⚠️ I could not finish: the model did not answer within/);
    assert.ok(Date.now() - started < 5000);
  });
});

describe("direct messages with the assistant", () => {
  it("answers anyone's DM (no shared community needed) with a streamed ai DM from that conversation only", async () => {
    const { user } = await theAssistant();
    const [alice, bob] = await makeUsers(2);
    await postDirectMessage(bob, alice, "BOBS-DM-TO-ALICE");
    const socket = track(await connectSocket(world.server.url, { token: alice.token }));
    const sent = socketEvents<DirectMessage>(socket, "direct_message_sent");
    const edited = socketEvents<DirectMessage>(socket, "direct_message_edited");
    model.script({ reply: "Hi Alice, happy to help.", chunks: 4, chunkDelayMs: 120 });
    const question = await postDirectMessage(alice, { user } as unknown as TestUser, "hello assistant");
    const reply = await waitFor(sent, (m) => m.reply_to === question.id, "the reply DM");
    assert.deepEqual(reply.ai, { model: MODEL, requested_by: { id: alice.user.id, username: alice.user.username } });
    const done = await waitFor(edited, (m) => m.id === reply.id && !m.content.endsWith(WRITING_MARK) && m.content !== "…", "finished", { from: 0, timeoutMs: 8000 });
    assert.equal(done.content, "Hi Alice, happy to help.");
    const prompt = promptText(model.requests[0]);
    assert.ok(prompt.includes("hello assistant"));
    assert.ok(!prompt.includes("BOBS-DM-TO-ALICE"));
  });
});

describe("catch me up", () => {
  const summarize = (user: TestUser, channelId: number) => api.post(`/api/channels/${channelId}/summary`, { token: user.token });
  const addAssistant = async (community: { id: number; owner: TestUser }) =>
    expectStatus(api.post("/api/channels/community/add-member", { token: community.owner.token, body: { community_id: community.id, username: "aura" } }), 201, "add the assistant");

  it("summarises the caller's unread messages of that channel for the caller only, and asks nothing when all is read", async () => {
    const community = await makeCommunity();
    await addAssistant(community);
    const member = await makeMember(community);
    const first = await postMessage(community.owner, community.general, "OLD-READ-MESSAGE");
    await expectStatus(api.post("/api/messages/read", { token: member.token, body: { channel_id: community.general, message_id: first.id } }), 200, "read");
    await postMessage(community.owner, community.general, "NEW-UNREAD-ONE");
    await postMessage(community.owner, community.general, "NEW-UNREAD-TWO");
    const messagesBefore = await db.count("messages WHERE channel_id = ?", community.general);
    model.script({ reply: "- The owner said two new things." });
    const response = await summarize(member, community.general);
    assert.equal(response.status, 200, response.text);
    const summary = response.body as ChannelSummary;
    assert.equal(summary.summary, "- The owner said two new things.");
    assert.equal(summary.message_count, 2);
    assert.equal(summary.model, MODEL);
    const prompt = promptText(model.requests[0]);
    assert.ok(prompt.includes("NEW-UNREAD-ONE") && prompt.includes("NEW-UNREAD-TWO"));
    assert.ok(!prompt.includes("OLD-READ-MESSAGE"));
    assert.equal(await db.count("messages WHERE channel_id = ?", community.general), messagesBefore, "nothing posted");

    const caughtUp = await summarize(community.owner, community.general);
    assert.equal(caughtUp.body.message_count, 0, "the owner's own messages are not news to them");
    assert.equal(model.requests.length, 1);
  });

  it("summarises from from_message_id on, what was unread when the app opened the channel, though it is marked read since", async () => {
    const community = await makeCommunity();
    await addAssistant(community);
    const member = await makeMember(community);
    await postMessage(community.owner, community.general, "SEEN-BEFORE");
    const firstUnread = await postMessage(community.owner, community.general, "UNREAD-AT-OPEN-ONE");
    await postMessage(community.owner, community.general, "UNREAD-AT-OPEN-TWO");
    await expectStatus(api.post("/api/messages/read", { token: member.token, body: { channel_id: community.general } }), 200, "read as the app shows it");
    model.script({ reply: "- Two things happened." });

    const response = await api.post(`/api/channels/${community.general}/summary`, { token: member.token, body: { from_message_id: firstUnread.id } });
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.message_count, 2);
    assert.equal(response.body.first_message_id, firstUnread.id);
    const prompt = promptText(model.requests[0]);
    assert.ok(prompt.includes("UNREAD-AT-OPEN-ONE") && prompt.includes("UNREAD-AT-OPEN-TWO"));
    assert.ok(!prompt.includes("SEEN-BEFORE"));

    const withoutIt = await summarize(member, community.general);
    assert.equal(withoutIt.body.message_count, 0, "after the read position: nothing");
    assertError(await api.post(`/api/channels/${community.general}/summary`, { token: member.token, body: { from_message_id: "1" } }), 400, "invalid_request");
  });

  it("answers 404 for a channel the caller cannot read, 403 where nobody added the assistant, and 503 when the model fails", async () => {
    const community = await makeCommunity();
    const [outsider] = await makeUsers(1);
    assertError(await summarize(outsider, community.general), 404, "not_found");
    const member = await makeMember(community);
    await postMessage(community.owner, community.general, "NOT-FOR-THE-MODEL");
    assertError(await summarize(member, community.general), 403, "forbidden");
    assert.equal(model.requests.length, 0, "nothing reached the model");
    await addAssistant(community);
    model.script({ failWith: 500 });
    assertError(await summarize(member, community.general), 503, "ai_unavailable");
  });
});

describe("the assistant's budget", () => {
  const limited = useServer({ env: { AI_BASE_URL: model.baseUrl, AI_MODEL: MODEL, RATE_LIMITS: "assistant=1/60" } });

  it("answers a second question within the minute with a refusal, without asking the model", async () => {
    const { user } = (await expectStatus(limited.api.get("/api/assistant", { token: (await limited.api.register()).token }), 200, "assistant")).body as Assistant;
    const community = await limited.makeCommunity();
    await expectStatus(limited.api.post("/api/channels/community/add-member", { token: community.owner.token, body: { community_id: community.id, user_id: user.id } }), 201, "add");
    const socket = track(await connectSocket(limited.server.url, { token: community.owner.token }));
    const sent = socketEvents<Message>(socket, "message_sent");
    const first = await limited.postMessage(community.owner, community.general, `${mention(user.id)} one`);
    await waitFor(sent, (m) => m.reply_to === first.id, "first reply");
    const second = await limited.postMessage(community.owner, community.general, `${mention(user.id)} two`);
    const refusal = await waitFor(sent, (m) => m.reply_to === second.id, "second reply");
    assert.match(refusal.content, /asking me too often/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(model.requests.length, 1);
  });
});
