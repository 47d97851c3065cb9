import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { io, type Socket } from "socket.io-client";
import { uniqueName, type TestUser } from "./helpers/api";
import { MISSING_ID, useServer } from "./helpers/world";

// Who receives each server → client event (lib/realtime/events.ts), and who must not, with real
// sockets against the real server. Absence is proven with a bounded wait (expectNone).

const world = useServer();
const { api, db, makeUsers, makeCommunity, joinCommunity, setRole, makeChannel, befriend, postMessage, postDirectMessage } = world;
afterEach(() => closeAll());

// ---------------------------------------------------------------------------------------------
// Event collector: every event of every socket, recorded from before the handshake.

interface Recorded {
  event: string;
  payload: any;
}
type Predicate = (payload: any) => boolean;

const logs = new WeakMap<Socket, Recorded[]>();
const listeners = new WeakMap<Socket, Set<() => void>>();
const opened: Socket[] = [];

function closeAll(): void {
  for (const socket of opened.splice(0)) socket.close();
}

/** A connected socket for `user` whose every event is recorded (onAny is set before connecting). */
function connect(user: TestUser): Promise<Socket> {
  const socket = io(world.server.url, { transports: ["websocket"], reconnection: false, forceNew: true, auth: { token: user.token } });
  opened.push(socket);
  const log: Recorded[] = [];
  const notify = new Set<() => void>();
  logs.set(socket, log);
  listeners.set(socket, notify);
  socket.onAny((event: string, ...args: unknown[]) => {
    log.push({ event, payload: args[0] });
    for (const listener of [...notify]) listener();
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error) => reject(error));
  });
}

function tabs(user: TestUser, count: number): Promise<Socket[]> {
  return Promise.all(Array.from({ length: count }, () => connect(user)));
}

/** Every recorded `event` payload of the socket that matches. */
function received(socket: Socket, event: string, predicate: Predicate = () => true): any[] {
  return logs.get(socket)!.filter((r) => r.event === event && predicate(r.payload)).map((r) => r.payload);
}

function describeLog(socket: Socket): string {
  return JSON.stringify(logs.get(socket)!.map((r) => [r.event, r.payload]));
}

/** Resolves with the first matching `event` (already received or arriving within timeoutMs). */
function waitFor(socket: Socket, event: string, predicate: Predicate = () => true, timeoutMs = 3000): Promise<any> {
  const found = received(socket, event, predicate);
  if (found.length > 0) return Promise.resolve(found[0]);
  const notify = listeners.get(socket)!;
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = received(socket, event, predicate);
      if (match.length === 0) return;
      clearTimeout(timer);
      notify.delete(check);
      resolve(match[0]);
    };
    const timer = setTimeout(() => {
      notify.delete(check);
      reject(new Error(`no ${event} within ${timeoutMs} ms; the socket received: ${describeLog(socket)}`));
    }, timeoutMs);
    notify.add(check);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A bounded wait proving absence: after `ms`, the socket has received no matching `event`. */
async function expectNone(socket: Socket, event: string, predicate: Predicate = () => true, ms = 400): Promise<void> {
  await sleep(ms);
  const found = received(socket, event, predicate);
  assert.equal(found.length, 0, `expected no ${event}, got ${JSON.stringify(found)}`);
}

/**
 * Every socket of `receivers` gets the event exactly once and none of `others` gets it.
 * Returns the payload the first receiver got.
 */
async function expectDelivery(event: string, predicate: Predicate, receivers: Socket[], others: Socket[]): Promise<any> {
  const payloads = await Promise.all(receivers.map((socket) => waitFor(socket, event, predicate)));
  // One bounded wait lets any duplicate arrive and proves the others got nothing.
  await Promise.all([sleep(400), ...others.map((socket) => expectNone(socket, event, predicate))]);
  for (const socket of receivers) {
    assert.equal(received(socket, event, predicate).length, 1, `expected exactly one ${event}, got ${describeLog(socket)}`);
  }
  return payloads[0];
}

function ack(socket: Socket, event: string, payload: unknown): Promise<any> {
  return socket.timeout(3000).emitWithAck(event, payload);
}

function assertErrorAck(result: any, code: string): void {
  assert.equal(result?.ok, undefined, `expected an error ack, got ${JSON.stringify(result)}`);
  assert.equal(result?.error?.code, code, `expected ${code}, got ${JSON.stringify(result)}`);
  assert.equal(typeof result.error.message, "string");
}

// ---------------------------------------------------------------------------------------------
// REST set-up.

function expectStatus(response: { status: number; text: string }, status: number): void {
  assert.equal(response.status, status, response.text);
}

async function addToChannel(manager: TestUser, channelId: number, user: TestUser): Promise<void> {
  expectStatus(await api.post(`/api/channels/${channelId}/members`, { token: manager.token, body: { user_id: user.user.id } }), 201);
}

async function block(blocker: TestUser, target: TestUser): Promise<void> {
  expectStatus(await api.post(`/api/friends/block/${target.user.id}`, { token: blocker.token }), 201);
}

/** The two sides of a DM conversation with `count` tabs each, and a third user with one tab. */
async function conversationTabs(count: number) {
  const [sender, receiver, third] = await makeUsers(3);
  const senderTabs = await tabs(sender, count);
  const receiverTabs = await tabs(receiver, count);
  const [thirdTab] = await tabs(third, 1);
  return { sender, receiver, third, both: [...senderTabs, ...receiverTabs], thirdTab };
}

const byId = (id: number): Predicate => (payload) => payload?.id === id;
const inChannel = (channelId: number): Predicate => (payload) => payload?.channel_id === channelId;

// ---------------------------------------------------------------------------------------------

describe("message_sent / message_edited / message_deleted", () => {
  it("reach every tab of every reader exactly once, and nobody outside the community", async () => {
    const [owner, member, outsider] = await makeUsers(3);
    const { id: communityId, general } = await makeCommunity(owner);
    await joinCommunity(member, communityId);
    const [ownerTab] = await tabs(owner, 1);
    const memberTabs = await tabs(member, 2);
    const [outsiderTab] = await tabs(outsider, 1);
    const readers = [ownerTab, ...memberTabs];

    const sent = await postMessage(member, general);
    const delivered = await expectDelivery("message_sent", byId(sent.id), readers, [outsiderTab]);
    assert.deepEqual(delivered, sent);

    const edited = await api.request("PUT", `/api/messages/${sent.id}`, { token: member.token, body: { content: "edited text" } });
    expectStatus(edited, 200);
    const editEvent = await expectDelivery("message_edited", byId(sent.id), readers, [outsiderTab]);
    assert.equal(editEvent.content, "edited text");
    assert.deepEqual(editEvent, edited.body);

    expectStatus(await api.request("DELETE", `/api/messages/${sent.id}`, { token: owner.token }), 200);
    const deleted = await expectDelivery("message_deleted", byId(sent.id), readers, [outsiderTab]);
    assert.deepEqual(deleted, { id: sent.id, channel_id: general });
    assert.equal(received(outsiderTab, "message_sent").length + received(outsiderTab, "message_edited").length, 0);
  });

  it("reach the owner, an admin and an added member of a private channel, never a plain member", async () => {
    const [owner, admin, added, plain] = await makeUsers(4);
    const { id: communityId } = await makeCommunity(owner);
    for (const user of [admin, added, plain]) await joinCommunity(user, communityId);
    await setRole(owner, communityId, admin, "admin");
    const privateId = (await makeChannel(owner, communityId, { type: "private" })).id;
    await addToChannel(owner, privateId, added);
    const [ownerTab, adminTab, addedTab, plainTab] = await Promise.all([owner, admin, added, plain].map(connect));

    const sent = await postMessage(added, privateId);
    await expectDelivery("message_sent", byId(sent.id), [ownerTab, adminTab, addedTab], [plainTab]);
    expectStatus(await api.request("PUT", `/api/messages/${sent.id}`, { token: added.token, body: { content: "changed" } }), 200);
    await expectDelivery("message_edited", byId(sent.id), [ownerTab, adminTab, addedTab], [plainTab]);
    expectStatus(await api.request("DELETE", `/api/messages/${sent.id}`, { token: admin.token }), 200);
    await expectDelivery("message_deleted", byId(sent.id), [ownerTab, adminTab, addedTab], [plainTab]);
  });

  it("start at once for a user who joins or is added to the community", async () => {
    const [owner, joiner, added] = await makeUsers(3);
    const { id: communityId, general } = await makeCommunity(owner);
    const [ownerTab, joinerTab, addedTab] = await Promise.all([owner, joiner, added].map(connect));
    const before = await postMessage(owner, general);
    await expectDelivery("message_sent", byId(before.id), [ownerTab], [joinerTab, addedTab]);

    await joinCommunity(joiner, communityId);
    const response = await api.post("/api/channels/community/add-member", { token: owner.token, body: { community_id: communityId, user_id: added.user.id } });
    expectStatus(response, 201);
    const welcome = await postMessage(owner, general);
    await expectDelivery("message_sent", byId(welcome.id), [ownerTab, joinerTab, addedTab], []);
  });

  it("stop at once for a kicked member", async () => {
    const [owner, kicked] = await makeUsers(2);
    const { id: communityId, general } = await makeCommunity(owner);
    await joinCommunity(kicked, communityId);
    const [ownerTab] = await tabs(owner, 1);
    const kickedTabs = await tabs(kicked, 2);
    const before = await postMessage(owner, general);
    await expectDelivery("message_sent", byId(before.id), [ownerTab, ...kickedTabs], []);

    expectStatus(await api.request("DELETE", `/api/channels/communities/${communityId}/members/${kicked.user.id}`, { token: owner.token }), 200);
    await Promise.all(kickedTabs.map((tab) => waitFor(tab, "community_member_left", (e) => e.community_id === communityId)));
    const afterKick = await postMessage(owner, general);
    await expectDelivery("message_sent", byId(afterKick.id), [ownerTab], kickedTabs);
  });

  it("stop at once for a member who leaves", async () => {
    const [owner, leaver] = await makeUsers(2);
    const { id: communityId, general } = await makeCommunity(owner);
    await joinCommunity(leaver, communityId);
    const [ownerTab, leaverTab] = await Promise.all([connect(owner), connect(leaver)]);

    expectStatus(await api.post(`/api/channels/communities/${communityId}/leave`, { token: leaver.token }), 200);
    const afterLeave = await postMessage(owner, general);
    await expectDelivery("message_sent", byId(afterLeave.id), [ownerTab], [leaverTab]);
  });

  it("stop for everyone once the community is deleted", async () => {
    const [owner, member] = await makeUsers(2);
    const { id: communityId, general } = await makeCommunity(owner);
    await joinCommunity(member, communityId);
    const [ownerTab, memberTab] = await Promise.all([connect(owner), connect(member)]);
    for (const tab of [ownerTab, memberTab]) assert.deepEqual(await ack(tab, "join_channel", { channel_id: general }), { ok: true });

    expectStatus(await api.request("DELETE", `/api/channels/communities/${communityId}`, { token: owner.token }), 200);
    await expectDelivery("community_deleted", byId(communityId), [ownerTab, memberTab], []);
    const late = await api.post("/api/messages/send", { token: owner.token, body: { channel_id: general, content: "too late" } });
    expectStatus(late, 404);
    assertErrorAck(await ack(ownerTab, "send_message", { channel_id: general, content: "too late" }), "not_found");
    ownerTab.emit("typing", { channel_id: general, is_typing: true });
    assertErrorAck(await ack(memberTab, "join_channel", { channel_id: general }), "not_found");
    await Promise.all([ownerTab, memberTab].map((tab) => expectNone(tab, "message_sent")));
    await Promise.all([ownerTab, memberTab].map((tab) => expectNone(tab, "typing", inChannel(general), 0)));
  });

  it("start at once for a member added to a private channel (with channel_created) and stop when removed (with channel_deleted)", async () => {
    const [owner, user] = await makeUsers(2);
    const { id: communityId } = await makeCommunity(owner);
    await joinCommunity(user, communityId);
    const privateId = (await makeChannel(owner, communityId, { type: "private" })).id;
    const [ownerTab] = await tabs(owner, 1);
    const userTabs = await tabs(user, 2);

    const hidden = await postMessage(owner, privateId);
    await expectDelivery("message_sent", byId(hidden.id), [ownerTab], userTabs);

    await addToChannel(owner, privateId, user);
    const created = await expectDelivery("channel_created", byId(privateId), userTabs, [ownerTab]);
    assert.equal(created.type, "private");
    assert.equal(created.community_id, communityId);
    const visible = await postMessage(owner, privateId);
    await expectDelivery("message_sent", byId(visible.id), [ownerTab, ...userTabs], []);

    expectStatus(await api.request("DELETE", `/api/channels/${privateId}/members/${user.user.id}`, { token: owner.token }), 200);
    const removed = await expectDelivery("channel_deleted", byId(privateId), userTabs, [ownerTab]);
    assert.deepEqual(removed, { id: privateId, community_id: communityId });
    const hiddenAgain = await postMessage(owner, privateId);
    await expectDelivery("message_sent", byId(hiddenAgain.id), [ownerTab], userTabs);
  });

  it("stop for a member who leaves a private channel, who gets channel_deleted", async () => {
    const [owner, user] = await makeUsers(2);
    const { id: communityId } = await makeCommunity(owner);
    await joinCommunity(user, communityId);
    const privateId = (await makeChannel(owner, communityId, { type: "private" })).id;
    await addToChannel(owner, privateId, user);
    const [ownerTab, userTab] = await Promise.all([connect(owner), connect(user)]);

    expectStatus(await api.post(`/api/channels/${privateId}/leave`, { token: user.token }), 200);
    assert.deepEqual(await expectDelivery("channel_deleted", byId(privateId), [userTab], [ownerTab]), { id: privateId, community_id: communityId });
    const after = await postMessage(owner, privateId);
    await expectDelivery("message_sent", byId(after.id), [ownerTab], [userTab]);
  });
});

describe("direct_message_sent", () => {
  it("reaches every tab of the sender and of the receiver exactly once, and no third user", async () => {
    const { sender, receiver, both, thirdTab } = await conversationTabs(2);
    const dm = await postDirectMessage(sender, receiver, "hello there");
    const delivered = await expectDelivery("direct_message_sent", byId(dm.id), both, [thirdTab]);
    assert.deepEqual(delivered, dm);
  });

  it("is neither stored nor emitted after a block, in either direction", async () => {
    const [blocker, blocked, third] = await makeUsers(3);
    await block(blocker, blocked);
    const all = [...(await tabs(blocker, 2)), ...(await tabs(blocked, 2)), await connect(third)];
    for (const [from, to] of [[blocked, blocker], [blocker, blocked]]) {
      const refused = await api.post("/api/messages/direct/send", { token: from.token, body: { receiver_id: to.user.id, content: "hi" } });
      expectStatus(refused, 403);
      assert.equal(refused.body.error.code, "cannot_message_user");
    }
    await Promise.all(all.map((tab) => expectNone(tab, "direct_message_sent")));
    assert.equal(await db.count("direct_messages WHERE sender_id IN (?, ?)", blocker.user.id, blocked.user.id), 0);
  });
});

describe("direct_message_edited / direct_message_deleted", () => {
  const editDm = (user: TestUser, id: number, content: string) => api.request("PUT", `/api/messages/direct/message/${id}`, { token: user.token, body: { content } });
  const deleteDm = (user: TestUser, id: number) => api.request("DELETE", `/api/messages/direct/message/${id}`, { token: user.token });

  it("reach every tab of the sender and of the receiver exactly once, and no third user", async () => {
    const { sender, receiver, both, thirdTab } = await conversationTabs(2);
    const dm = await postDirectMessage(sender, receiver, "frist");
    const edited = await editDm(sender, dm.id, "first");
    expectStatus(edited, 200);
    assert.deepEqual(await expectDelivery("direct_message_edited", byId(dm.id), both, [thirdTab]), edited.body);

    const deleted = await deleteDm(sender, dm.id);
    expectStatus(deleted, 200);
    const event = await expectDelivery("direct_message_deleted", byId(dm.id), both, [thirdTab]);
    assert.deepEqual(event, { id: dm.id, sender_id: sender.user.id, receiver_id: receiver.user.id });
  });

  it("a reply reaches both sides as direct_message_sent with its reply_to", async () => {
    const { sender, receiver, both, thirdTab } = await conversationTabs(1);
    const question = await postDirectMessage(receiver, sender, "there?");
    const reply = await postDirectMessage(sender, receiver, "here", { reply_to: question.id });
    const delivered = await expectDelivery("direct_message_sent", byId(reply.id), both, [thirdTab]);
    assert.equal(delivered.reply_to, question.id);
  });

  it("reach both sides after a block too: the author may still edit and delete", async () => {
    const [blocker, blocked] = await makeUsers(2);
    const dm = await postDirectMessage(blocked, blocker, "before the block");
    await block(blocker, blocked);
    const all = [...(await tabs(blocker, 1)), ...(await tabs(blocked, 1))];
    expectStatus(await editDm(blocked, dm.id, "after the block"), 200);
    await expectDelivery("direct_message_edited", byId(dm.id), all, []);
    expectStatus(await deleteDm(blocked, dm.id), 200);
    await expectDelivery("direct_message_deleted", byId(dm.id), all, []);
  });

  it("a refused edit or deletion emits nothing", async () => {
    const { sender, receiver, third, both, thirdTab } = await conversationTabs(1);
    const dm = await postDirectMessage(sender, receiver, "mine");
    const all = [...both, thirdTab];
    for (const [user, status] of [[receiver, 403], [third, 404]] as const) {
      expectStatus(await editDm(user, dm.id, "hijacked"), status);
      expectStatus(await deleteDm(user, dm.id), status);
    }
    expectStatus(await editDm(sender, dm.id, "   "), 400);
    await Promise.all(all.flatMap((tab) => [expectNone(tab, "direct_message_edited"), expectNone(tab, "direct_message_deleted")]));
  });
});

describe("direct_typing", () => {
  const typingOf = (user: TestUser, isTyping: boolean): Predicate => (e) => e.user_id === user.user.id && e.is_typing === isTyping;

  it("reaches every tab of the peer only: not the typist's other tabs, not a third user", async () => {
    const { sender: typist, receiver: peer, both, thirdTab } = await conversationTabs(2);
    const [typistTab, typistOtherTab, ...peerTabs] = both;
    const others = [typistTab, typistOtherTab, thirdTab];

    typistTab.emit("direct_typing", { user_id: peer.user.id, is_typing: true });
    const event = await expectDelivery("direct_typing", typingOf(typist, true), peerTabs, others);
    assert.deepEqual(event, { username: typist.user.username, user_id: typist.user.id, is_typing: true });

    typistTab.emit("direct_typing", { user_id: peer.user.id, is_typing: false });
    await expectDelivery("direct_typing", typingOf(typist, false), peerTabs, others);
    await Promise.all([...peerTabs, ...others].map((tab) => expectNone(tab, "typing", () => true, 0)));
  });

  it("stops for the peer when the typist sends the DM, and when the typist's socket goes", async () => {
    const [typist, peer] = await makeUsers(2);
    const [typistTab] = await tabs(typist, 1);
    const [peerTab] = await tabs(peer, 1);

    // Resolves once the peer has had `count` starts or stops of the typist in all.
    const seen = (isTyping: boolean, count: number) =>
      waitFor(peerTab, "direct_typing", () => received(peerTab, "direct_typing", typingOf(typist, isTyping)).length === count);

    typistTab.emit("direct_typing", { user_id: peer.user.id, is_typing: true });
    await seen(true, 1);
    await postDirectMessage(typist, peer, "done typing");
    await seen(false, 1);

    typistTab.emit("direct_typing", { user_id: peer.user.id, is_typing: true });
    await seen(true, 2);
    typistTab.close();
    await seen(false, 2);
  });

  it("never crosses a block, in either direction, and works again after an unblock", async () => {
    const [blocker, blocked] = await makeUsers(2);
    await block(blocker, blocked);
    const [blockerTab] = await tabs(blocker, 1);
    const [blockedTab] = await tabs(blocked, 1);

    blockedTab.emit("direct_typing", { user_id: blocker.user.id, is_typing: true });
    blockerTab.emit("direct_typing", { user_id: blocked.user.id, is_typing: true });
    await Promise.all([blockerTab, blockedTab].map((tab) => expectNone(tab, "direct_typing")));

    expectStatus(await api.post(`/api/friends/unblock/${blocked.user.id}`, { token: blocker.token }), 200);
    blockedTab.emit("direct_typing", { user_id: blocker.user.id, is_typing: true });
    await waitFor(blockerTab, "direct_typing", typingOf(blocked, true));
  });

  it("ignores typing to oneself, to a missing user and malformed payloads", async () => {
    const [typist, peer] = await makeUsers(2);
    const [typistTab, typistOtherTab] = await tabs(typist, 2);
    const [peerTab] = await tabs(peer, 1);
    for (const payload of [
      { user_id: typist.user.id, is_typing: true },
      { user_id: MISSING_ID, is_typing: true },
      { user_id: String(peer.user.id), is_typing: true },
      { user_id: peer.user.id, is_typing: "yes" },
      { user_id: peer.user.id, is_typing: true, username: "someone else" },
      { channel_id: 1, is_typing: true },
    ]) {
      typistTab.emit("direct_typing", payload);
    }
    await Promise.all([typistTab, typistOtherTab, peerTab].map((tab) => expectNone(tab, "direct_typing")));
  });
});

describe("typing", () => {
  it("reaches only other users' sockets that joined the channel", async () => {
    const [owner, typist, watcher, idle, outsider] = await makeUsers(5);
    const { id: communityId, general } = await makeCommunity(owner);
    for (const user of [typist, watcher, idle]) await joinCommunity(user, communityId);
    const [typistTab, typistOtherTab] = await tabs(typist, 2);
    const [ownerTab, watcherTab, idleTab, outsiderTab] = await Promise.all([owner, watcher, idle, outsider].map(connect));

    for (const tab of [typistTab, typistOtherTab, watcherTab, ownerTab]) assert.deepEqual(await ack(tab, "join_channel", { channel_id: general }), { ok: true });
    assertErrorAck(await ack(outsiderTab, "join_channel", { channel_id: general }), "not_found");

    typistTab.emit("typing", { channel_id: general, is_typing: true });
    const event = await expectDelivery("typing", inChannel(general), [watcherTab, ownerTab], [typistTab, typistOtherTab, idleTab, outsiderTab]);
    assert.deepEqual(event, { username: typist.user.username, user_id: typist.user.id, channel_id: general, is_typing: true });

    // Typing from a socket that never joined is ignored.
    idleTab.emit("typing", { channel_id: general, is_typing: true });
    await Promise.all([watcherTab, ownerTab].map((tab) => expectNone(tab, "typing", (e) => e.user_id === idle.user.id)));

    // After leave_channel the watcher hears nothing more, while a socket still subscribed does.
    assert.deepEqual(await ack(watcherTab, "leave_channel", { channel_id: general }), { ok: true });
    typistTab.emit("typing", { channel_id: general, is_typing: false });
    const stopped = (e: any) => e.channel_id === general && e.is_typing === false;
    await expectDelivery("typing", stopped, [ownerTab], [watcherTab, typistTab, typistOtherTab, idleTab, outsiderTab]);
  });

  it("never reaches a member who cannot read the private channel, whose join_channel is refused", async () => {
    const [owner, typist, reader, plain] = await makeUsers(4);
    const { id: communityId } = await makeCommunity(owner);
    for (const user of [typist, reader, plain]) await joinCommunity(user, communityId);
    const privateId = (await makeChannel(owner, communityId, { type: "private" })).id;
    await addToChannel(owner, privateId, typist);
    await addToChannel(owner, privateId, reader);
    const [typistTab, readerTab, plainTab] = await Promise.all([typist, reader, plain].map(connect));

    assert.deepEqual(await ack(typistTab, "join_channel", { channel_id: privateId }), { ok: true });
    assert.deepEqual(await ack(readerTab, "join_channel", { channel_id: privateId }), { ok: true });
    assertErrorAck(await ack(plainTab, "join_channel", { channel_id: privateId }), "not_found");

    typistTab.emit("typing", { channel_id: privateId, is_typing: true });
    await expectDelivery("typing", inChannel(privateId), [readerTab], [plainTab, typistTab]);
  });
});

describe("user_status", () => {
  it("tells friends and fellow members when a user comes online and changes status, never blocked users or strangers", async () => {
    const [subject, friend, member, blocker, blockedBySubject, stranger] = await makeUsers(6);
    const { id: communityId } = await makeCommunity(member);
    for (const user of [subject, blocker, blockedBySubject]) await joinCommunity(user, communityId);
    await befriend(subject, friend);
    await block(blocker, subject);
    await block(subject, blockedBySubject);

    const watchers = await Promise.all([friend, member, blocker, blockedBySubject, stranger].map(connect));
    const [friendTab, memberTab, blockerTab, blockedTab, strangerTab] = watchers;
    await Promise.all(watchers.map((tab) => waitFor(tab, "user_status")));
    const isSubject = (status: string): Predicate => (e) => e.user_id === subject.user.id && e.status === status;

    const subjectTab = await connect(subject);
    const online = await expectDelivery("user_status", isSubject("online"), [subjectTab, friendTab, memberTab], [blockerTab, blockedTab, strangerTab]);
    assert.equal(online.username, subject.user.username);
    assert.equal(online.display_name, subject.user.display_name);
    assert.equal(online.custom_status, null);
    assert.equal(online.avatar_url, null);

    const patched = await api.request("PATCH", "/api/users/me", { token: subject.token, body: { status: "dnd" } });
    expectStatus(patched, 200);
    await expectDelivery("user_status", isSubject("dnd"), [subjectTab, friendTab, memberTab], [blockerTab, blockedTab, strangerTab]);
    for (const tab of [blockerTab, blockedTab, strangerTab]) {
      assert.equal(received(tab, "user_status", (e) => e.user_id === subject.user.id).length, 0, describeLog(tab));
    }
  });

  it("is not announced again when a second tab connects, and set_status over the socket reaches the same audience", async () => {
    const [subject, friend, stranger] = await makeUsers(3);
    await befriend(subject, friend);
    const [friendTab, strangerTab] = await Promise.all([friend, stranger].map(connect));
    const subjectTab = await connect(subject);
    const fromSubject = (e: any) => e.user_id === subject.user.id;
    const online = await waitFor(friendTab, "user_status", (e) => fromSubject(e) && e.status === "online");
    const secondTab = await connect(subject);
    await expectNone(friendTab, "user_status", (e) => fromSubject(e) && e !== online);

    assert.deepEqual(await ack(secondTab, "set_status", { status: "idle", custom_status: "brb" }), { ok: true, status: "idle" });
    const idle = await expectDelivery("user_status", (e) => fromSubject(e) && e.status === "idle", [subjectTab, secondTab, friendTab], [strangerTab]);
    assert.equal(idle.custom_status, "brb");
    assertErrorAck(await ack(secondTab, "set_status", { status: "away" }), "invalid_request");
  });
});

describe("channel events", () => {
  it("channel_created, channel_updated and channel_deleted of a text channel reach the members only", async () => {
    const [owner, member, outsider] = await makeUsers(3);
    const { id: communityId } = await makeCommunity(owner);
    await joinCommunity(member, communityId);
    const [ownerTab] = await tabs(owner, 1);
    const memberTabs = await tabs(member, 2);
    const [outsiderTab] = await tabs(outsider, 1);
    const members = [ownerTab, ...memberTabs];

    const channelId = (await makeChannel(owner, communityId, { type: "text" })).id;
    const created = await expectDelivery("channel_created", byId(channelId), members, [outsiderTab]);
    assert.equal(created.community_id, communityId);
    const sent = await postMessage(member, channelId);
    await expectDelivery("message_sent", byId(sent.id), members, [outsiderTab]);

    expectStatus(await api.request("PATCH", `/api/channels/${channelId}`, { token: owner.token, body: { name: "renamed" } }), 200);
    assert.equal((await expectDelivery("channel_updated", byId(channelId), members, [outsiderTab])).name, "renamed");

    expectStatus(await api.request("DELETE", `/api/channels/${channelId}`, { token: owner.token }), 200);
    assert.deepEqual(await expectDelivery("channel_deleted", byId(channelId), members, [outsiderTab]), { id: channelId, community_id: communityId });
  });

  it("events of a private channel reach its readers only", async () => {
    const [owner, admin, added, plain] = await makeUsers(4);
    const { id: communityId } = await makeCommunity(owner);
    for (const user of [admin, added, plain]) await joinCommunity(user, communityId);
    await setRole(owner, communityId, admin, "admin");
    const [ownerTab, adminTab, addedTab, plainTab] = await Promise.all([owner, admin, added, plain].map(connect));

    const privateId = (await makeChannel(admin, communityId, { type: "private" })).id;
    await expectDelivery("channel_created", byId(privateId), [ownerTab, adminTab], [addedTab, plainTab]);
    await addToChannel(admin, privateId, added);
    await expectDelivery("channel_created", byId(privateId), [addedTab], [plainTab]);
    assert.equal(received(ownerTab, "channel_created", byId(privateId)).length, 1);

    expectStatus(await api.request("PATCH", `/api/channels/${privateId}`, { token: owner.token, body: { description: "secret" } }), 200);
    await expectDelivery("channel_updated", byId(privateId), [ownerTab, adminTab, addedTab], [plainTab]);
    expectStatus(await api.request("DELETE", `/api/channels/${privateId}`, { token: owner.token }), 200);
    await expectDelivery("channel_deleted", byId(privateId), [ownerTab, adminTab, addedTab], [plainTab]);
  });

  it("a channel made private is taken from plain members (channel_deleted, no more messages) and kept by its readers", async () => {
    const [owner, admin, plain] = await makeUsers(3);
    const { id: communityId } = await makeCommunity(owner);
    await joinCommunity(admin, communityId);
    await joinCommunity(plain, communityId);
    await setRole(owner, communityId, admin, "admin");
    const channelId = (await makeChannel(owner, communityId, { type: "text" })).id;
    const [ownerTab, adminTab, plainTab] = await Promise.all([owner, admin, plain].map(connect));
    assert.deepEqual(await ack(plainTab, "join_channel", { channel_id: channelId }), { ok: true });
    assert.deepEqual(await ack(ownerTab, "join_channel", { channel_id: channelId }), { ok: true });

    expectStatus(await api.request("PATCH", `/api/channels/${channelId}`, { token: owner.token, body: { type: "private" } }), 200);
    assert.deepEqual(await expectDelivery("channel_deleted", byId(channelId), [plainTab], [ownerTab, adminTab]), { id: channelId, community_id: communityId });
    const updated = await waitFor(ownerTab, "channel_updated", byId(channelId));
    assert.equal(updated.type, "private");
    await expectDelivery("channel_updated", byId(channelId), [ownerTab, adminTab], [plainTab]);

    const secret = await postMessage(admin, channelId);
    await expectDelivery("message_sent", byId(secret.id), [ownerTab, adminTab], [plainTab]);
    // Its typing subscription went with it.
    ownerTab.emit("typing", { channel_id: channelId, is_typing: true });
    await expectNone(plainTab, "typing", inChannel(channelId));
  });
});

describe("community events", () => {
  it("community_created reaches every tab of the creator only, with role owner", async () => {
    const [creator, friend] = await makeUsers(2);
    await befriend(creator, friend);
    const creatorTabs = await tabs(creator, 2);
    const [friendTab] = await tabs(friend, 1);

    const created = await api.post("/api/channels/communities", { token: creator.token, body: { name: uniqueName("c") } });
    expectStatus(created, 201);
    const event = await expectDelivery("community_created", byId(created.body.id), creatorTabs, [friendTab]);
    assert.equal(event.role, "owner");
    assert.equal(event.creator_id, creator.user.id);
  });

  it("community_updated, community_member_added and community_member_left reach the members (and the newcomer and leaver)", async () => {
    const [owner, member, newcomer, outsider] = await makeUsers(4);
    const { id: communityId } = await makeCommunity(owner);
    await joinCommunity(member, communityId);
    const [ownerTab, memberTab, newcomerTab, outsiderTab] = await Promise.all([owner, member, newcomer, outsider].map(connect));
    const here = (e: any) => e.community_id === communityId;

    const patched = await api.request("PATCH", `/api/channels/communities/${communityId}`, { token: owner.token, body: { description: "new text" } });
    expectStatus(patched, 200);
    const updated = await expectDelivery("community_updated", byId(communityId), [ownerTab, memberTab], [newcomerTab, outsiderTab]);
    assert.equal(updated.description, "new text");
    assert.equal(updated.role, null);

    await joinCommunity(newcomer, communityId);
    const added = await expectDelivery("community_member_added", here, [ownerTab, memberTab, newcomerTab], [outsiderTab]);
    assert.equal(added.user.id, newcomer.user.id);
    assert.equal(added.user.role, "member");
    const counted = await waitFor(memberTab, "community_updated", (e) => e.id === communityId && e.member_count === 3);
    assert.equal(counted.role, null);

    expectStatus(await api.post(`/api/channels/communities/${communityId}/leave`, { token: newcomer.token }), 200);
    const left = await expectDelivery("community_member_left", (e) => here(e) && e.user.id === newcomer.user.id, [ownerTab, memberTab, newcomerTab], [outsiderTab]);
    assert.equal(left.user.username, newcomer.user.username);
    await waitFor(ownerTab, "community_updated", (e) => e.id === communityId && e.member_count === 2);
    await expectNone(newcomerTab, "community_updated", (e) => e.id === communityId && e.member_count === 2);

    expectStatus(await api.request("DELETE", `/api/channels/communities/${communityId}/members/${member.user.id}`, { token: owner.token }), 200);
    await expectDelivery("community_member_left", (e) => here(e) && e.user.id === member.user.id, [ownerTab, memberTab], [newcomerTab, outsiderTab]);
  });

  it("community_deleted reaches the members only", async () => {
    const [owner, member, outsider] = await makeUsers(3);
    const { id: communityId } = await makeCommunity(owner);
    await joinCommunity(member, communityId);
    const memberTabs = await tabs(member, 2);
    const [ownerTab, outsiderTab] = await Promise.all([connect(owner), connect(outsider)]);
    expectStatus(await api.request("DELETE", `/api/channels/communities/${communityId}`, { token: owner.token }), 200);
    assert.deepEqual(await expectDelivery("community_deleted", byId(communityId), [ownerTab, ...memberTabs], [outsiderTab]), { id: communityId });
  });

  it("community_member_updated reaches the members; a promoted admin reads private channels at once, a demoted one stops", async () => {
    const [owner, promoted, other, outsider] = await makeUsers(4);
    const { id: communityId } = await makeCommunity(owner);
    await joinCommunity(promoted, communityId);
    await joinCommunity(other, communityId);
    const privateId = (await makeChannel(owner, communityId, { type: "private" })).id;
    const [ownerTab, promotedTab, otherTab, outsiderTab] = await Promise.all([owner, promoted, other, outsider].map(connect));
    const about = (role: string): Predicate => (e) => e.community_id === communityId && e.user.id === promoted.user.id && e.user.role === role;

    await setRole(owner, communityId, promoted, "admin");
    await expectDelivery("community_member_updated", about("admin"), [ownerTab, promotedTab, otherTab], [outsiderTab]);
    // The private channel appears in the promoted member's sidebar, and only theirs.
    await expectDelivery("channel_created", (e) => e.id === privateId, [promotedTab], [ownerTab, otherTab, outsiderTab]);
    const asAdmin = await postMessage(owner, privateId);
    await expectDelivery("message_sent", byId(asAdmin.id), [ownerTab, promotedTab], [otherTab, outsiderTab]);

    await setRole(owner, communityId, promoted, "member");
    await expectDelivery("community_member_updated", about("member"), [ownerTab, promotedTab, otherTab], [outsiderTab]);
    await expectDelivery("channel_deleted", (e) => e.id === privateId, [promotedTab], [ownerTab, otherTab, outsiderTab]);
    const asMember = await postMessage(owner, privateId);
    await expectDelivery("message_sent", byId(asMember.id), [ownerTab], [promotedTab, otherTab, outsiderTab]);
  });

  it("a demoted admin keeps reading a private channel they are an explicit member of", async () => {
    const [owner, admin, plain] = await makeUsers(3);
    const { id: communityId } = await makeCommunity(owner);
    await joinCommunity(admin, communityId);
    await joinCommunity(plain, communityId);
    await setRole(owner, communityId, admin, "admin");
    const ownChannel = (await makeChannel(admin, communityId, { type: "private" })).id;
    const otherChannel = (await makeChannel(owner, communityId, { type: "private" })).id;
    const [ownerTab, adminTab, plainTab] = await Promise.all([owner, admin, plain].map(connect));

    await setRole(owner, communityId, admin, "member");
    await waitFor(adminTab, "community_member_updated", (e) => e.user.id === admin.user.id && e.user.role === "member");
    const kept = await postMessage(owner, ownChannel);
    await expectDelivery("message_sent", byId(kept.id), [ownerTab, adminTab], [plainTab]);
    await expectDelivery("channel_deleted", (e) => e.id === otherChannel, [adminTab], [ownerTab, plainTab]);
    const lost = await postMessage(owner, otherChannel);
    await expectDelivery("message_sent", byId(lost.id), [ownerTab], [adminTab, plainTab]);
  });
});

describe("message_read", () => {
  it("a channel read reaches the reader's tabs only", async () => {
    const [owner, reader] = await makeUsers(2);
    const { id: communityId, general } = await makeCommunity(owner);
    await joinCommunity(reader, communityId);
    const readerTabs = await tabs(reader, 2);
    const [ownerTab] = await tabs(owner, 1);
    const sent = await postMessage(owner, general);

    expectStatus(await api.post("/api/messages/read", { token: reader.token, body: { channel_id: general, message_id: sent.id } }), 200);
    const event = await expectDelivery("message_read", inChannel(general), readerTabs, [ownerTab]);
    assert.deepEqual(event, { channel_id: general, message_id: sent.id });
  });

  it("a DM read reaches the reader's tabs with the peer's id and the peer with the reader's id, nobody else", async () => {
    const [sender, reader, third] = await makeUsers(3);
    await postDirectMessage(sender, reader);
    const last = await postDirectMessage(sender, reader);
    const senderTabs = await tabs(sender, 2);
    const readerTabs = await tabs(reader, 2);
    const [thirdTab] = await tabs(third, 1);

    expectStatus(await api.post("/api/messages/read", { token: reader.token, body: { user_id: sender.user.id } }), 200);
    const [forReader, forSender] = await Promise.all([
      expectDelivery("message_read", (e) => e.user_id === sender.user.id, readerTabs, [thirdTab, ...senderTabs]),
      expectDelivery("message_read", (e) => e.user_id === reader.user.id, senderTabs, [thirdTab, ...readerTabs]),
    ]);
    assert.deepEqual(forReader, { user_id: sender.user.id, message_id: last.id });
    assert.deepEqual(forSender, { user_id: reader.user.id, message_id: last.id });
  });
});

describe("friend events", () => {
  it("friend_request, friend_added and friend_removed reach both sides' tabs, never a stranger", async () => {
    const [asker, asked, stranger] = await makeUsers(3);
    const askerTabs = await tabs(asker, 2);
    const askedTabs = await tabs(asked, 2);
    const [strangerTab] = await tabs(stranger, 1);
    const both = [...askerTabs, ...askedTabs];

    const request = await api.post("/api/friends/request", { token: asker.token, body: { receiver_id: asked.user.id } });
    expectStatus(request, 201);
    const requestId = request.body.request.id;
    const pending = await expectDelivery("friend_request", (e) => e.id === requestId && e.status === "pending", both, [strangerTab]);
    assert.equal(pending.sender_id, asker.user.id);
    assert.equal(pending.receiver_id, asked.user.id);

    expectStatus(await api.post(`/api/friends/request/${requestId}/accept`, { token: asked.token }), 200);
    await expectDelivery("friend_request", (e) => e.id === requestId && e.status === "accepted", both, [strangerTab]);
    await expectDelivery("friend_added", byId(asked.user.id), askerTabs, [...askedTabs, strangerTab]);
    await expectDelivery("friend_added", byId(asker.user.id), askedTabs, [...askerTabs, strangerTab]);

    expectStatus(await api.request("DELETE", `/api/friends/${asker.user.id}`, { token: asked.token }), 200);
    await expectDelivery("friend_removed", (e) => e.user_id === asked.user.id, askerTabs, [...askedTabs, strangerTab]);
    await expectDelivery("friend_removed", (e) => e.user_id === asker.user.id, askedTabs, [...askerTabs, strangerTab]);
  });

  it("a request to someone who already asked accepts theirs: friend_request accepted and friend_added on both sides", async () => {
    const [first, second, stranger] = await makeUsers(3);
    const [firstTab, secondTab, strangerTab] = await Promise.all([first, second, stranger].map(connect));
    const asked = await api.post("/api/friends/request", { token: first.token, body: { receiver_id: second.user.id } });
    expectStatus(asked, 201);
    const back = await api.post("/api/friends/request", { token: second.token, body: { receiver_id: first.user.id } });
    expectStatus(back, 200);
    const accepted = (e: any) => e.id === asked.body.request.id && e.status === "accepted";
    await expectDelivery("friend_request", accepted, [firstTab, secondTab], [strangerTab]);
    await expectDelivery("friend_added", byId(second.user.id), [firstTab], [secondTab, strangerTab]);
    await expectDelivery("friend_added", byId(first.user.id), [secondTab], [firstTab, strangerTab]);
  });

  it("a rejected or cancelled request reaches both sides with its new status", async () => {
    const [asker, asked, stranger] = await makeUsers(3);
    const [askerTab, askedTab, strangerTab] = await Promise.all([asker, asked, stranger].map(connect));
    for (const [action, actor, status] of [["reject", asked, "rejected"], ["cancel", asker, "cancelled"]] as const) {
      const request = await api.post("/api/friends/request", { token: asker.token, body: { receiver_id: asked.user.id } });
      expectStatus(request, 201);
      expectStatus(await api.post(`/api/friends/request/${request.body.request.id}/${action}`, { token: actor.token }), 200);
      await expectDelivery("friend_request", (e) => e.id === request.body.request.id && e.status === status, [askerTab, askedTab], [strangerTab]);
    }
  });

  it("a block ends the friendship with friend_removed on both sides", async () => {
    const [blocker, friend, stranger] = await makeUsers(3);
    await befriend(blocker, friend);
    const [blockerTab, friendTab, strangerTab] = await Promise.all([blocker, friend, stranger].map(connect));
    await block(blocker, friend);
    await expectDelivery("friend_removed", (e) => e.user_id === friend.user.id, [blockerTab], [friendTab, strangerTab]);
    await expectDelivery("friend_removed", (e) => e.user_id === blocker.user.id, [friendTab], [blockerTab, strangerTab]);
  });

  it("block_changed tells every tab of both sides how each now stands with the other, as blocks are made and lifted", async () => {
    const [first, second, stranger] = await makeUsers(3);
    const firstTabs = await tabs(first, 2);
    const secondTabs = await tabs(second, 2);
    const [strangerTab] = await tabs(stranger, 1);
    const toFirst = (relationship: string) => (e: any) => e.user_id === second.user.id && e.relationship === relationship;
    const toSecond = (relationship: string) => (e: any) => e.user_id === first.user.id && e.relationship === relationship;

    await block(first, second);
    await expectDelivery("block_changed", toFirst("blocked"), firstTabs, [...secondTabs, strangerTab]);
    await expectDelivery("block_changed", toSecond("blocked_you"), secondTabs, [...firstTabs, strangerTab]);

    // Blocking back changes the second user's view; the first hears its unchanged one again.
    await block(second, first);
    await expectDelivery("block_changed", toSecond("blocked"), secondTabs, [...firstTabs, strangerTab]);

    expectStatus(await api.post(`/api/friends/unblock/${second.user.id}`, { token: first.token }), 200);
    await expectDelivery("block_changed", toFirst("blocked_you"), firstTabs, [...secondTabs, strangerTab]);
    expectStatus(await api.post(`/api/friends/unblock/${first.user.id}`, { token: second.token }), 200);
    await expectDelivery("block_changed", toFirst("none"), firstTabs, [...secondTabs, strangerTab]);
    await expectDelivery("block_changed", toSecond("none"), secondTabs, [...firstTabs, strangerTab]);
  });
});

describe("join_channel / leave_channel acks", () => {
  it("acks ok for a readable channel, not_found for an invisible one and invalid_request for a bad payload", async () => {
    const [owner, plain, elsewhere] = await makeUsers(3);
    const { id: communityId, general } = await makeCommunity(owner);
    await joinCommunity(plain, communityId);
    const privateId = (await makeChannel(owner, communityId, { type: "private" })).id;
    const other = await makeCommunity(elsewhere);
    const [ownerTab, plainTab] = await Promise.all([connect(owner), connect(plain)]);

    assert.deepEqual(await ack(plainTab, "join_channel", { channel_id: general }), { ok: true });
    assert.deepEqual(await ack(ownerTab, "join_channel", { channel_id: privateId }), { ok: true });
    for (const channelId of [privateId, other.general, MISSING_ID]) {
      assertErrorAck(await ack(plainTab, "join_channel", { channel_id: channelId }), "not_found");
    }
    for (const bad of [{}, { channel_id: "x" }, { channel_id: -1 }, { channel_id: general, extra: true }, null, "general"]) {
      assertErrorAck(await ack(plainTab, "join_channel", bad), "invalid_request");
      assertErrorAck(await ack(plainTab, "leave_channel", bad), "invalid_request");
    }
    assert.deepEqual(await ack(plainTab, "leave_channel", { channel_id: general }), { ok: true });
  });
});

describe("send_message over the socket", () => {
  it("acks the stored message and delivers message_sent to the readers exactly as REST does", async () => {
    const [owner, member, outsider] = await makeUsers(3);
    const { id: communityId, general } = await makeCommunity(owner);
    await joinCommunity(member, communityId);
    const [ownerTab] = await tabs(owner, 1);
    const memberTabs = await tabs(member, 2);
    const [outsiderTab] = await tabs(outsider, 1);

    const result = await ack(memberTabs[0], "send_message", { channel_id: general, content: "over the socket" });
    assert.equal(result.ok, true, JSON.stringify(result));
    const page = await api.get(`/api/messages/channel/${general}`, { token: owner.token });
    expectStatus(page, 200);
    const stored = page.body.find((m: any) => m.id === result.message.id);
    assert.deepEqual(result.message, stored);
    assert.equal(stored.sender_id, member.user.id);
    assert.equal(stored.content, "over the socket");
    const delivered = await expectDelivery("message_sent", byId(stored.id), [ownerTab, ...memberTabs], [outsiderTab]);
    assert.deepEqual(delivered, stored);
  });

  it("stores one message for a repeated nonce and acks the same message twice", async () => {
    const [owner, member] = await makeUsers(2);
    const { id: communityId, general } = await makeCommunity(owner);
    await joinCommunity(member, communityId);
    const [memberTab, ownerTab] = await Promise.all([connect(member), connect(owner)]);
    const nonce = uniqueName("nonce");

    const first = await ack(memberTab, "send_message", { channel_id: general, content: "once", nonce });
    const second = await ack(memberTab, "send_message", { channel_id: general, content: "once", nonce });
    assert.equal(first.ok, true, JSON.stringify(first));
    assert.equal(second.ok, true, JSON.stringify(second));
    assert.equal(second.message.id, first.message.id);
    assert.equal(await db.count("messages WHERE sender_id = ? AND nonce = ?", member.user.id, nonce), 1);
    await expectDelivery("message_sent", byId(first.message.id), [ownerTab, memberTab], []);
  });

  it("answers errors in the REST error shape and emits nothing", async () => {
    const [owner, member, outsider] = await makeUsers(3);
    const { id: communityId, general } = await makeCommunity(owner);
    await joinCommunity(member, communityId);
    const voiceId = (await makeChannel(owner, communityId, { type: "voice" })).id;
    const privateId = (await makeChannel(owner, communityId, { type: "private" })).id;
    const announcementId = (await makeChannel(owner, communityId, { type: "announcement" })).id;
    const elsewhere = await postMessage(owner, announcementId);
    const [ownerTab, memberTab, outsiderTab] = await Promise.all([owner, member, outsider].map(connect));

    const cases: [Socket, unknown, string][] = [
      [memberTab, { channel_id: voiceId, content: "hi" }, "voice_channel"],
      [outsiderTab, { channel_id: general, content: "hi" }, "not_found"],
      [memberTab, { channel_id: privateId, content: "hi" }, "not_found"],
      [memberTab, { channel_id: MISSING_ID, content: "hi" }, "not_found"],
      [memberTab, { channel_id: announcementId, content: "hi" }, "forbidden"],
      [memberTab, { channel_id: general, content: "hi", message_type: "system" }, "forbidden"],
      [memberTab, { channel_id: general, content: "hi", reply_to: elsewhere.id }, "invalid_request"],
      [memberTab, { channel_id: general }, "invalid_request"],
      [memberTab, { channel_id: general, content: "   " }, "invalid_request"],
      [memberTab, { channel_id: general, content: "hi", extra: 1 }, "invalid_request"],
      [memberTab, "hello", "invalid_request"],
    ];
    for (const [socket, payload, code] of cases) assertErrorAck(await ack(socket, "send_message", payload), code);
    await Promise.all([ownerTab, memberTab, outsiderTab].map((tab) => expectNone(tab, "message_sent")));
    assert.equal(await db.count("messages WHERE sender_id IN (?, ?) AND message_type <> 'system'", member.user.id, outsider.user.id), 0, "nothing but the member's join message");
  });
});

describe("send_direct_message over the socket", () => {
  it("acks the stored message and reaches both sides' tabs once; a repeated nonce stores one message", async () => {
    const [sender, receiver, third] = await makeUsers(3);
    const senderTabs = await tabs(sender, 2);
    const receiverTabs = await tabs(receiver, 2);
    const [thirdTab] = await tabs(third, 1);
    const nonce = uniqueName("nonce");

    const first = await ack(senderTabs[0], "send_direct_message", { receiver_id: receiver.user.id, content: "psst", nonce });
    assert.equal(first.ok, true, JSON.stringify(first));
    const page = await api.get(`/api/messages/direct/${sender.user.id}`, { token: receiver.token });
    expectStatus(page, 200);
    assert.deepEqual(first.message, page.body.find((m: any) => m.id === first.message.id));
    const second = await ack(senderTabs[1], "send_direct_message", { receiver_id: receiver.user.id, content: "psst", nonce });
    assert.equal(second.ok, true, JSON.stringify(second));
    assert.equal(second.message.id, first.message.id);
    assert.equal(await db.count("direct_messages WHERE sender_id = ? AND nonce = ?", sender.user.id, nonce), 1);
    assert.deepEqual(await expectDelivery("direct_message_sent", byId(first.message.id), [...senderTabs, ...receiverTabs], [thirdTab]), first.message);
  });

  it("answers cannot_message_user after a block and other errors in the REST shape, emitting nothing", async () => {
    const [sender, blocker, third] = await makeUsers(3);
    await block(blocker, sender);
    const [senderTab, blockerTab, thirdTab] = await Promise.all([sender, blocker, third].map(connect));

    const cases: [Socket, unknown, string][] = [
      [senderTab, { receiver_id: blocker.user.id, content: "hi" }, "cannot_message_user"],
      [blockerTab, { receiver_id: sender.user.id, content: "hi" }, "cannot_message_user"],
      [senderTab, { receiver_id: MISSING_ID, content: "hi" }, "not_found"],
      [senderTab, { receiver_id: sender.user.id, content: "hi" }, "invalid_request"],
      [senderTab, { receiver_id: third.user.id }, "invalid_request"],
      [senderTab, { receiver_id: third.user.id, content: "hi", extra: true }, "invalid_request"],
      [senderTab, { receiver_id: "x", content: "hi" }, "invalid_request"],
    ];
    for (const [socket, payload, code] of cases) assertErrorAck(await ack(socket, "send_direct_message", payload), code);
    await Promise.all([senderTab, blockerTab, thirdTab].map((tab) => expectNone(tab, "direct_message_sent")));
    assert.equal(await db.count("direct_messages WHERE sender_id IN (?, ?)", sender.user.id, blocker.user.id), 0);
  });
});
