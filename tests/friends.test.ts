import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ApiResponse, TestUser } from "./helpers/api";
import { emailGuarded } from "./helpers/email-guard";
import { assertError, MISSING_ID, useServer } from "./helpers/world";

const { api, db } = useServer();
// Every response body is checked for an `email` key (see email-guard).
const { call, get, post, signUp, signUpMany } = emailGuarded(api);

const FRIEND_KEYS = ["avatar_url", "custom_status", "display_name", "friends_since", "id", "is_bot", "last_seen", "status", "username"];
const REQUEST_KEYS = ["created_at", "id", "receiver", "receiver_id", "sender", "sender_id", "status"];
const BLOCKED_KEYS = ["avatar_url", "blocked_at", "display_name", "id", "username"];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

// ---------------------------------------------------------------------------------------------
// Small steps

const sendRequest = (from: TestUser, to: TestUser) => post("/api/friends/request", from.token, { receiver_id: to.user.id });

async function requestId(from: TestUser, to: TestUser): Promise<number> {
  const response = await sendRequest(from, to);
  assert.equal(response.status, 201, response.text);
  return response.body.request.id;
}

async function befriend(a: TestUser, b: TestUser) {
  const id = await requestId(a, b);
  const accepted = await post(`/api/friends/request/${id}/accept`, b.token);
  assert.equal(accepted.status, 200, accepted.text);
}

async function friendIds(user: TestUser): Promise<number[]> {
  const response = await get("/api/channels/friends", user.token);
  assert.equal(response.status, 200, response.text);
  return response.body.map((f: any) => f.id);
}

async function incomingIds(user: TestUser): Promise<number[]> {
  const response = await get("/api/friends/requests/pending", user.token);
  assert.equal(response.status, 200, response.text);
  return response.body.map((r: any) => r.id).sort();
}

async function outgoingIds(user: TestUser): Promise<number[]> {
  const response = await get("/api/friends/requests/outgoing", user.token);
  assert.equal(response.status, 200, response.text);
  return response.body.map((r: any) => r.id).sort();
}

async function blockedIds(user: TestUser): Promise<number[]> {
  const response = await get("/api/friends/blocked", user.token);
  assert.equal(response.status, 200, response.text);
  return response.body.map((b: any) => b.id);
}

async function storedStatus(requestIdValue: number): Promise<string | undefined> {
  return (await db.one<{ status: string }>("SELECT status FROM friend_requests WHERE id = ?", requestIdValue))?.status;
}

const summary = (u: { username: string; display_name: string }, avatar: string | null = null) => ({
  username: u.username,
  display_name: u.display_name,
  avatar_url: avatar,
});

const sendDm = (from: TestUser, to: TestUser, content = "hello") =>
  post("/api/messages/direct/send", from.token, { receiver_id: to.user.id, content });

// ---------------------------------------------------------------------------------------------

describe("POST /api/friends/request", () => {
  it("sends a request by username in any letter case and returns 201 with the request and friend null", async () => {
    const [a, b] = await signUpMany(2);
    const avatar = "https://cdn.example.test/a.png";
    const patched = await call("PATCH", "/api/users/me", { token: a.token, body: { display_name: "Alice A", avatar_url: avatar } });
    assert.equal(patched.status, 200, patched.text);

    const response = await post("/api/friends/request", a.token, { username: b.user.username.toUpperCase() });
    assert.equal(response.status, 201, response.text);
    assert.deepEqual(Object.keys(response.body).sort(), ["friend", "request"]);
    assert.equal(response.body.friend, null);
    const request = response.body.request;
    assert.deepEqual(Object.keys(request).sort(), REQUEST_KEYS);
    assert.ok(Number.isInteger(request.id));
    assert.equal(request.sender_id, a.user.id);
    assert.equal(request.receiver_id, b.user.id);
    assert.equal(request.status, "pending");
    assert.match(request.created_at, ISO);
    assert.deepEqual(request.sender, { username: a.user.username, display_name: "Alice A", avatar_url: avatar });
    assert.deepEqual(request.receiver, summary(b.user));
    assert.equal(await storedStatus(request.id), "pending");
  });

  it("sends a request by receiver_id", async () => {
    const [a, b] = await signUpMany(2);
    const response = await post("/api/friends/request", a.token, { receiver_id: b.user.id });
    assert.equal(response.status, 201, response.text);
    assert.equal(response.body.friend, null);
    assert.equal(response.body.request.sender_id, a.user.id);
    assert.equal(response.body.request.receiver_id, b.user.id);
    assert.equal(response.body.request.status, "pending");
    assert.deepEqual(await incomingIds(b), [response.body.request.id]);
  });

  const badBodies: [string, (other: TestUser) => unknown][] = [
    ["both username and receiver_id", (o) => ({ username: o.user.username, receiver_id: o.user.id })],
    ["neither username nor receiver_id", () => ({})],
    ["receiver_id as a numeric string", (o) => ({ receiver_id: String(o.user.id) })],
    ["receiver_id 0", () => ({ receiver_id: 0 })],
    ["a fractional receiver_id", () => ({ receiver_id: 1.5 })],
    ["a username that is not a valid username", () => ({ username: "no spaces allowed" })],
    ["an unknown field (sender_id, no mass assignment)", (o) => ({ receiver_id: o.user.id, sender_id: o.user.id })],
    ["an unknown field (status, no mass assignment)", (o) => ({ receiver_id: o.user.id, status: "accepted" })],
  ];
  for (const [what, body] of badBodies) {
    it(`returns 400 and stores nothing for ${what}`, async () => {
      const [a, b] = await signUpMany(2);
      const before = await db.tableCounts();
      const response = await post("/api/friends/request", a.token, body(b));
      assertError(response, 400, "invalid_request");
      assert.deepEqual(await db.tableCounts(), before);
    });
  }

  it("returns 400 for a request to yourself, by id or by username in another case", async () => {
    const a = await signUp();
    const before = await db.tableCounts();
    assertError(await post("/api/friends/request", a.token, { receiver_id: a.user.id }), 400, "invalid_request");
    assertError(await post("/api/friends/request", a.token, { username: a.user.username.toUpperCase() }), 400, "invalid_request");
    assert.deepEqual(await db.tableCounts(), before);
  });

  it("returns 404 for an unknown user, by id or by username", async () => {
    const a = await signUp();
    assertError(await post("/api/friends/request", a.token, { receiver_id: MISSING_ID }), 404, "not_found");
    assertError(await post("/api/friends/request", a.token, { username: "nobody_has_this_name_x" }), 404, "not_found");
  });

  it("returns 409 for a duplicate request while the first is pending", async () => {
    const [a, b] = await signUpMany(2);
    const first = await requestId(a, b);
    assertError(await sendRequest(a, b), 409, "conflict");
    assertError(await post("/api/friends/request", a.token, { username: b.user.username.toLowerCase() }), 409, "conflict");
    assert.deepEqual(await outgoingIds(a), [first]);
    assert.deepEqual(await incomingIds(b), [first]);
  });

  it("returns 409 when the two are already friends, whichever of them asks", async () => {
    const [a, b] = await signUpMany(2);
    await befriend(a, b);
    const before = await db.tableCounts();
    assertError(await sendRequest(a, b), 409, "conflict");
    assertError(await sendRequest(b, a), 409, "conflict");
    assert.deepEqual(await db.tableCounts(), before);
  });

  it("accepts their request instead when the receiver already asked the caller (200, friend set)", async () => {
    const [a, b] = await signUpMany(2);
    const original = await requestId(a, b);
    const before = await db.tableCounts();

    const response = await sendRequest(b, a);
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.request.id, original, "their original request is the one accepted");
    assert.equal(response.body.request.status, "accepted");
    assert.equal(response.body.request.sender_id, a.user.id);
    assert.equal(response.body.request.receiver_id, b.user.id);
    assert.ok(response.body.friend, "friend is set");
    assert.deepEqual(Object.keys(response.body.friend).sort(), FRIEND_KEYS);
    assert.equal(response.body.friend.id, a.user.id);
    assert.equal(response.body.friend.username, a.user.username);

    assert.equal(await storedStatus(original), "accepted");
    assert.equal((await db.tableCounts()).friend_requests, before.friend_requests, "no second request row");
    assert.deepEqual(await friendIds(a), [b.user.id]);
    assert.deepEqual(await friendIds(b), [a.user.id]);
    assert.deepEqual(await incomingIds(a), []);
    assert.deepEqual(await incomingIds(b), []);
    assert.deepEqual(await outgoingIds(a), []);
    assert.deepEqual(await outgoingIds(b), []);
  });

  it("allows a new request after the earlier one was rejected", async () => {
    const [a, b] = await signUpMany(2);
    const first = await requestId(a, b);
    assert.equal((await post(`/api/friends/request/${first}/reject`, b.token)).status, 200);
    const again = await sendRequest(a, b);
    assert.equal(again.status, 201, again.text);
    assert.notEqual(again.body.request.id, first);
    assert.equal(again.body.request.status, "pending");
  });
});

describe("GET /api/friends/requests/pending and /outgoing", () => {
  it("lists the caller's incoming and outgoing pending requests with the FriendRequest shape", async () => {
    const [a, b, c, d, e] = await signUpMany(5);
    const aToB = await requestId(a, b);
    const cToB = await requestId(c, b);
    const bToD = await requestId(b, d);
    await requestId(c, e); // between other people: in no list of b's

    const incoming = await get("/api/friends/requests/pending", b.token);
    assert.equal(incoming.status, 200, incoming.text);
    assert.deepEqual(incoming.body.map((r: any) => r.id).sort(), [aToB, cToB].sort());
    for (const request of incoming.body) {
      assert.deepEqual(Object.keys(request).sort(), REQUEST_KEYS);
      assert.equal(request.receiver_id, b.user.id);
      assert.equal(request.status, "pending");
      assert.deepEqual(request.receiver, summary(b.user));
    }
    const fromA = incoming.body.find((r: any) => r.id === aToB);
    assert.equal(fromA.sender_id, a.user.id);
    assert.deepEqual(fromA.sender, summary(a.user));

    const outgoing = await get("/api/friends/requests/outgoing", b.token);
    assert.equal(outgoing.status, 200, outgoing.text);
    assert.deepEqual(outgoing.body.map((r: any) => r.id), [bToD]);
    assert.deepEqual(Object.keys(outgoing.body[0]).sort(), REQUEST_KEYS);
    assert.equal(outgoing.body[0].sender_id, b.user.id);
    assert.equal(outgoing.body[0].receiver_id, d.user.id);
    assert.deepEqual(outgoing.body[0].sender, summary(b.user));
    assert.deepEqual(outgoing.body[0].receiver, summary(d.user));

    assert.deepEqual(await outgoingIds(a), [aToB]);
    assert.deepEqual(await incomingIds(a), []);
    assert.deepEqual(await incomingIds(d), [bToD]);
    assert.deepEqual(await outgoingIds(d), []);
  });

  it("drops requests once they are accepted, rejected or cancelled", async () => {
    const [b, x, y, z] = await signUpMany(4);
    const accepted = await requestId(x, b);
    const rejected = await requestId(y, b);
    const cancelled = await requestId(z, b);
    assert.equal((await post(`/api/friends/request/${accepted}/accept`, b.token)).status, 200);
    assert.equal((await post(`/api/friends/request/${rejected}/reject`, b.token)).status, 200);
    assert.equal((await post(`/api/friends/request/${cancelled}/cancel`, z.token)).status, 200);
    assert.deepEqual(await incomingIds(b), []);
    for (const sender of [x, y, z]) assert.deepEqual(await outgoingIds(sender), []);
  });
});

describe("POST /api/friends/request/{id}/accept", () => {
  it("lets the receiver accept: 200 with the accepted request and the new friend, for both sides", async () => {
    const [a, b] = await signUpMany(2);
    const id = await requestId(a, b);
    const response = await post(`/api/friends/request/${id}/accept`, b.token);
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(Object.keys(response.body).sort(), ["friend", "request"]);
    assert.equal(response.body.request.id, id);
    assert.equal(response.body.request.status, "accepted");
    assert.deepEqual(Object.keys(response.body.friend).sort(), FRIEND_KEYS);
    assert.equal(response.body.friend.id, a.user.id);
    assert.equal(response.body.friend.username, a.user.username);
    assert.match(response.body.friend.friends_since, ISO);
    assert.deepEqual(await friendIds(a), [b.user.id]);
    assert.deepEqual(await friendIds(b), [a.user.id]);
  });

  it("returns 403 to the sender and leaves the request pending", async () => {
    const [a, b] = await signUpMany(2);
    const id = await requestId(a, b);
    assertError(await post(`/api/friends/request/${id}/accept`, a.token), 403, "forbidden");
    assert.equal(await storedStatus(id), "pending");
    assert.deepEqual(await friendIds(a), []);
  });

  it("returns 404 to a stranger, with the same body as a nonexistent request id", async () => {
    const [a, b, stranger] = await signUpMany(3);
    const id = await requestId(a, b);
    const response = await post(`/api/friends/request/${id}/accept`, stranger.token);
    const missing = await post(`/api/friends/request/${MISSING_ID}/accept`, stranger.token);
    assertError(response, 404, "not_found");
    assertError(missing, 404, "not_found");
    assert.deepEqual(response.body, missing.body);
    assert.equal(await storedStatus(id), "pending");
  });

  it("returns 400 for a non-numeric request id", async () => {
    const a = await signUp();
    assertError(await post("/api/friends/request/abc/accept", a.token), 400, "invalid_request");
  });
});

describe("POST /api/friends/request/{id}/reject", () => {
  it("lets the receiver reject: 200 with status rejected and no friendship", async () => {
    const [a, b] = await signUpMany(2);
    const id = await requestId(a, b);
    const response = await post(`/api/friends/request/${id}/reject`, b.token);
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(Object.keys(response.body).sort(), REQUEST_KEYS);
    assert.equal(response.body.id, id);
    assert.equal(response.body.status, "rejected");
    assert.equal(await storedStatus(id), "rejected");
    assert.deepEqual(await friendIds(a), []);
    assert.deepEqual(await friendIds(b), []);
  });

  it("returns 403 to the sender and leaves the request pending", async () => {
    const [a, b] = await signUpMany(2);
    const id = await requestId(a, b);
    assertError(await post(`/api/friends/request/${id}/reject`, a.token), 403, "forbidden");
    assert.equal(await storedStatus(id), "pending");
  });

  it("returns 404 to a stranger, with the same body as a nonexistent request id", async () => {
    const [a, b, stranger] = await signUpMany(3);
    const id = await requestId(a, b);
    const response = await post(`/api/friends/request/${id}/reject`, stranger.token);
    const missing = await post(`/api/friends/request/${MISSING_ID}/reject`, stranger.token);
    assertError(response, 404, "not_found");
    assert.deepEqual(response.body, missing.body);
    assert.equal(await storedStatus(id), "pending");
  });
});

describe("POST /api/friends/request/{id}/cancel", () => {
  it("lets the sender cancel: 200 with status cancelled, and the receiver can no longer accept", async () => {
    const [a, b] = await signUpMany(2);
    const id = await requestId(a, b);
    const response = await post(`/api/friends/request/${id}/cancel`, a.token);
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(Object.keys(response.body).sort(), REQUEST_KEYS);
    assert.equal(response.body.id, id);
    assert.equal(response.body.status, "cancelled");
    assert.equal(await storedStatus(id), "cancelled");
    assert.deepEqual(await incomingIds(b), []);
    assert.deepEqual(await outgoingIds(a), []);
    assertError(await post(`/api/friends/request/${id}/accept`, b.token), 409, "conflict");
    assert.deepEqual(await friendIds(b), []);
  });

  it("returns 403 to the receiver and leaves the request pending", async () => {
    const [a, b] = await signUpMany(2);
    const id = await requestId(a, b);
    assertError(await post(`/api/friends/request/${id}/cancel`, b.token), 403, "forbidden");
    assert.equal(await storedStatus(id), "pending");
  });

  it("returns 404 to a stranger, with the same body as a nonexistent request id", async () => {
    const [a, b, stranger] = await signUpMany(3);
    const id = await requestId(a, b);
    const response = await post(`/api/friends/request/${id}/cancel`, stranger.token);
    const missing = await post(`/api/friends/request/${MISSING_ID}/cancel`, stranger.token);
    assertError(response, 404, "not_found");
    assert.deepEqual(response.body, missing.body);
    assert.equal(await storedStatus(id), "pending");
  });
});

describe("answering a request that is no longer pending", () => {
  const ended: Record<string, (a: TestUser, b: TestUser, id: number) => Promise<ApiResponse>> = {
    accepted: (_a, b, id) => post(`/api/friends/request/${id}/accept`, b.token),
    rejected: (_a, b, id) => post(`/api/friends/request/${id}/reject`, b.token),
    cancelled: (a, _b, id) => post(`/api/friends/request/${id}/cancel`, a.token),
  };
  const actions: [string, "sender" | "receiver"][] = [
    ["accept", "receiver"],
    ["reject", "receiver"],
    ["cancel", "sender"],
  ];
  for (const [state, end] of Object.entries(ended)) {
    for (const [action, actor] of actions) {
      it(`returns 409 to ${action} a request that is already ${state}`, async () => {
        const [a, b] = await signUpMany(2);
        const id = await requestId(a, b);
        assert.equal((await end(a, b, id)).status, 200);
        const response = await post(`/api/friends/request/${id}/${action}`, (actor === "sender" ? a : b).token);
        assertError(response, 409, "conflict");
        assert.equal(await storedStatus(id), state, "the status does not change");
      });
    }
  }
});

describe("DELETE /api/friends/{id}", () => {
  it("ends the friendship for both sides, and a second time returns 404", async () => {
    const [a, b, c] = await signUpMany(3);
    await befriend(a, b);
    await befriend(a, c);
    const response = await call("DELETE", `/api/friends/${b.user.id}`, { token: a.token });
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.body, { ok: true });
    assert.deepEqual(await friendIds(a), [c.user.id]);
    assert.deepEqual(await friendIds(b), []);
    assertError(await call("DELETE", `/api/friends/${b.user.id}`, { token: a.token }), 404, "not_found");
    assertError(await call("DELETE", `/api/friends/${a.user.id}`, { token: b.token }), 404, "not_found");
  });

  it("can be done by either friend", async () => {
    const [a, b] = await signUpMany(2);
    await befriend(a, b);
    const response = await call("DELETE", `/api/friends/${a.user.id}`, { token: b.token });
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(await friendIds(a), []);
    assert.deepEqual(await friendIds(b), []);
  });

  it("returns 404 for a user who is not a friend and for an unknown user", async () => {
    const [a, b] = await signUpMany(2);
    await requestId(a, b); // pending is not friends
    assertError(await call("DELETE", `/api/friends/${b.user.id}`, { token: a.token }), 404, "not_found");
    assertError(await call("DELETE", `/api/friends/${MISSING_ID}`, { token: a.token }), 404, "not_found");
  });

  it("returns 400 for a non-numeric id", async () => {
    const a = await signUp();
    assertError(await call("DELETE", "/api/friends/abc", { token: a.token }), 400, "invalid_request");
  });

  it("allows a new friend request after the friendship ended", async () => {
    const [a, b] = await signUpMany(2);
    await befriend(a, b);
    assert.equal((await call("DELETE", `/api/friends/${b.user.id}`, { token: a.token })).status, 200);
    const again = await sendRequest(b, a);
    assert.equal(again.status, 201, again.text);
    assert.equal(again.body.friend, null);
  });
});

describe("GET /api/channels/friends", () => {
  it("lists friends with the Friend shape: the friend's user id, live status, no email", async () => {
    const [a, b, c, pending] = await signUpMany(4);
    await befriend(a, b);
    await befriend(c, a);
    await requestId(pending, a);
    const patched = await call("PATCH", "/api/users/me", {
      token: b.token,
      body: { status: "dnd", custom_status: "heads down", display_name: "Bee" },
    });
    assert.equal(patched.status, 200, patched.text);

    const response = await get("/api/channels/friends", a.token);
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.body.map((f: any) => f.id).sort(), [b.user.id, c.user.id].sort());
    for (const friend of response.body) {
      assert.deepEqual(Object.keys(friend).sort(), FRIEND_KEYS);
      assert.match(friend.friends_since, ISO);
    }
    const bee = response.body.find((f: any) => f.id === b.user.id);
    assert.equal(bee.username, b.user.username);
    assert.equal(bee.display_name, "Bee");
    assert.equal(bee.status, "dnd");
    assert.equal(bee.custom_status, "heads down");
    const see = response.body.find((f: any) => f.id === c.user.id);
    assert.equal(see.status, "offline");

    await call("PATCH", "/api/users/me", { token: b.token, body: { status: "idle" } });
    const later = await get("/api/channels/friends", a.token);
    assert.equal(later.body.find((f: any) => f.id === b.user.id).status, "idle", "status is live");
  });

  it("returns an empty list for a user without friends", async () => {
    const a = await signUp();
    const response = await get("/api/channels/friends", a.token);
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, []);
  });
});

describe("POST /api/friends/block/{id}", () => {
  it("blocks a user: 201 with the BlockedUser shape", async () => {
    const [a, b] = await signUpMany(2);
    const response = await post(`/api/friends/block/${b.user.id}`, a.token);
    assert.equal(response.status, 201, response.text);
    assert.deepEqual(Object.keys(response.body).sort(), BLOCKED_KEYS);
    assert.equal(response.body.id, b.user.id);
    assert.equal(response.body.username, b.user.username);
    assert.equal(response.body.display_name, b.user.display_name);
    assert.equal(response.body.avatar_url, null);
    assert.match(response.body.blocked_at, ISO);
  });

  it("ends an existing friendship for both sides", async () => {
    const [a, b] = await signUpMany(2);
    await befriend(a, b);
    assert.equal((await post(`/api/friends/block/${b.user.id}`, a.token)).status, 201);
    assert.deepEqual(await friendIds(a), []);
    assert.deepEqual(await friendIds(b), []);
  });

  it("cancels the blocker's pending request to the blocked user", async () => {
    const [a, b] = await signUpMany(2);
    const id = await requestId(a, b);
    assert.equal((await post(`/api/friends/block/${b.user.id}`, a.token)).status, 201);
    assert.equal(await storedStatus(id), "cancelled");
    assert.deepEqual(await outgoingIds(a), []);
    assert.deepEqual(await incomingIds(b), []);
    assertError(await post(`/api/friends/request/${id}/accept`, b.token), 409, "conflict");
  });

  it("cancels the blocked user's pending request to the blocker", async () => {
    const [a, b, c] = await signUpMany(3);
    const id = await requestId(b, a);
    const unrelated = await requestId(c, a);
    assert.equal((await post(`/api/friends/block/${b.user.id}`, a.token)).status, 201);
    assert.equal(await storedStatus(id), "cancelled");
    assert.equal(await storedStatus(unrelated), "pending", "requests from other people stay");
    assert.deepEqual(await incomingIds(a), [unrelated]);
    assert.deepEqual(await outgoingIds(b), []);
  });

  it("returns 409 when the user is already blocked", async () => {
    const [a, b] = await signUpMany(2);
    assert.equal((await post(`/api/friends/block/${b.user.id}`, a.token)).status, 201);
    assertError(await post(`/api/friends/block/${b.user.id}`, a.token), 409, "conflict");
    assert.deepEqual(await blockedIds(a), [b.user.id]);
  });

  it("returns 400 for blocking yourself", async () => {
    const a = await signUp();
    assertError(await post(`/api/friends/block/${a.user.id}`, a.token), 400, "invalid_request");
    assert.deepEqual(await blockedIds(a), []);
  });

  it("returns 404 for an unknown user and 400 for a non-numeric id", async () => {
    const a = await signUp();
    assertError(await post(`/api/friends/block/${MISSING_ID}`, a.token), 404, "not_found");
    assertError(await post("/api/friends/block/abc", a.token), 400, "invalid_request");
    assertError(await post("/api/friends/block/-1", a.token), 400, "invalid_request");
  });

  it("stops DMs in both directions (403 cannot_message_user, nothing stored)", async () => {
    const [blocker, blocked] = await signUpMany(2);
    assert.equal((await sendDm(blocked, blocker, "before")).status, 201, "DMs work before the block");
    assert.equal((await post(`/api/friends/block/${blocked.user.id}`, blocker.token)).status, 201);
    const before = await db.tableCounts();
    assertError(await sendDm(blocked, blocker), 403, "cannot_message_user");
    assertError(await sendDm(blocker, blocked), 403, "cannot_message_user");
    assert.equal((await db.tableCounts()).direct_messages, before.direct_messages);
  });

  it("stops friend requests in both directions (403 cannot_friend_user, nothing stored)", async () => {
    const [blocker, blocked] = await signUpMany(2);
    assert.equal((await post(`/api/friends/block/${blocked.user.id}`, blocker.token)).status, 201);
    const before = await db.tableCounts();
    assertError(await sendRequest(blocked, blocker), 403, "cannot_friend_user");
    assertError(await post("/api/friends/request", blocked.token, { username: blocker.user.username }), 403, "cannot_friend_user");
    assertError(await sendRequest(blocker, blocked), 403, "cannot_friend_user");
    assert.equal((await db.tableCounts()).friend_requests, before.friend_requests);
    assert.deepEqual(await incomingIds(blocker), []);
    assert.deepEqual(await incomingIds(blocked), []);
  });
});

describe("GET /api/friends/blocked", () => {
  it("lists the users the caller blocked, not those who blocked the caller", async () => {
    const [a, b, c, d] = await signUpMany(4);
    assert.equal((await post(`/api/friends/block/${b.user.id}`, a.token)).status, 201);
    assert.equal((await post(`/api/friends/block/${c.user.id}`, a.token)).status, 201);
    assert.equal((await post(`/api/friends/block/${a.user.id}`, d.token)).status, 201);

    const response = await get("/api/friends/blocked", a.token);
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.body.map((u: any) => u.id).sort(), [b.user.id, c.user.id].sort());
    for (const entry of response.body) {
      assert.deepEqual(Object.keys(entry).sort(), BLOCKED_KEYS);
      assert.match(entry.blocked_at, ISO);
    }
    const bee = response.body.find((u: any) => u.id === b.user.id);
    assert.equal(bee.username, b.user.username);
    assert.deepEqual(await blockedIds(b), []);
    assert.deepEqual(await blockedIds(d), [a.user.id]);
  });
});

describe("POST /api/friends/unblock/{id}", () => {
  it("unblocks with 200 and brings no friendship back; a new request and DMs are possible again", async () => {
    const [a, b] = await signUpMany(2);
    await befriend(a, b);
    assert.equal((await post(`/api/friends/block/${b.user.id}`, a.token)).status, 201);

    const response = await post(`/api/friends/unblock/${b.user.id}`, a.token);
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.body, { ok: true });
    assert.deepEqual(await blockedIds(a), []);
    assert.deepEqual(await friendIds(a), []);
    assert.deepEqual(await friendIds(b), []);

    const again = await sendRequest(b, a);
    assert.equal(again.status, 201, again.text);
    assert.equal(again.body.friend, null);
    assert.equal(again.body.request.status, "pending");
    assert.equal((await sendDm(b, a, "hi again")).status, 201);
    assert.equal((await sendDm(a, b, "hello")).status, 201);
  });

  it("leaves the requests the block cancelled cancelled", async () => {
    const [a, b] = await signUpMany(2);
    const id = await requestId(b, a);
    assert.equal((await post(`/api/friends/block/${b.user.id}`, a.token)).status, 201);
    assert.equal((await post(`/api/friends/unblock/${b.user.id}`, a.token)).status, 200);
    assert.equal(await storedStatus(id), "cancelled");
    assert.deepEqual(await incomingIds(a), []);
    assert.deepEqual(await outgoingIds(b), []);
  });

  it("returns 404 when the user is not blocked, including for the blocked side trying to unblock", async () => {
    const [a, b, c] = await signUpMany(3);
    assertError(await post(`/api/friends/unblock/${c.user.id}`, a.token), 404, "not_found");
    assert.equal((await post(`/api/friends/block/${b.user.id}`, a.token)).status, 201);
    assertError(await post(`/api/friends/unblock/${a.user.id}`, b.token), 404, "not_found");
    assert.deepEqual(await blockedIds(a), [b.user.id], "the block stays");
    assertError(await sendDm(b, a), 403, "cannot_message_user");
  });

  it("returns 404 for an unknown user and 400 for a non-numeric id", async () => {
    const a = await signUp();
    assertError(await post(`/api/friends/unblock/${MISSING_ID}`, a.token), 404, "not_found");
    assertError(await post("/api/friends/unblock/x1", a.token), 400, "invalid_request");
  });
});

describe("authentication", () => {
  const routes: [string, string, unknown?][] = [
    ["GET", "/api/channels/friends"],
    ["POST", "/api/friends/request", { receiver_id: 1 }],
    ["GET", "/api/friends/requests/pending"],
    ["GET", "/api/friends/requests/outgoing"],
    ["POST", "/api/friends/request/1/accept"],
    ["POST", "/api/friends/request/1/reject"],
    ["POST", "/api/friends/request/1/cancel"],
    ["DELETE", "/api/friends/1"],
    ["POST", "/api/friends/block/1"],
    ["POST", "/api/friends/unblock/1"],
    ["GET", "/api/friends/blocked"],
  ];
  for (const [method, path, body] of routes) {
    it(`${method} ${path} returns 401 without credentials`, async () => {
      const before = await db.tableCounts();
      assertError(await call(method, path, { body }), 401, "unauthorized");
      assert.deepEqual(await db.tableCounts(), before);
    });
  }
});
