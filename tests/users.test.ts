import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { uniqueName, type Api, type TestUser } from "./helpers/api";
import { emailGuarded } from "./helpers/email-guard";
import { assertError, MISSING_ID, useServer } from "./helpers/world";

const { api, db } = useServer();
// Every response body is checked for an `email` key (see email-guard).
const { call, get, post, signUp, signUpMany } = emailGuarded(api);

const PUBLIC_KEYS = ["avatar_url", "created_at", "custom_status", "display_name", "id", "is_bot", "last_seen", "status", "username"];
const SELF_KEYS = [...PUBLIC_KEYS, "email"].sort();
const PROFILE_KEYS = [...PUBLIC_KEYS, "relationship"].sort();

const patchMe = (user: TestUser, body: unknown) => call("PATCH", "/api/users/me", { token: user.token, body });
const me = (user: TestUser) => get("/api/auth/me", user.token);
const search = (user: TestUser, q: string) => get(`/api/channels/users/search?q=${encodeURIComponent(q)}`, user.token);

/** Registers in small batches (password hashing is deliberately slow). */
async function signUpAll(list: Parameters<Api["register"]>[0][]): Promise<TestUser[]> {
  const users: TestUser[] = [];
  for (let i = 0; i < list.length; i += 8) users.push(...(await Promise.all(list.slice(i, i + 8).map((o) => signUp(o)))));
  return users;
}

/** A lower-case token no other user name contains. */
const token = (prefix = "zq") => `${prefix}${randomBytes(4).toString("hex")}`;

// ---------------------------------------------------------------------------------------------

describe("PATCH /api/users/me", () => {
  it("changes the display name (trimmed) and returns the caller's own account", async () => {
    const [user, other] = await signUpMany(2);
    const response = await patchMe(user, { display_name: "  Neo  " });
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(Object.keys(response.body).sort(), SELF_KEYS);
    assert.equal(response.body.id, user.user.id);
    assert.equal(response.body.display_name, "Neo");
    assert.equal(response.body.email, user.user.email);
    assert.equal((await me(user)).body.display_name, "Neo");
    assert.equal((await get(`/api/users/${user.user.id}`, other.token)).body.display_name, "Neo");
  });

  it("accepts a display name of exactly 32 characters", async () => {
    const user = await signUp();
    const response = await patchMe(user, { display_name: "d".repeat(32) });
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.display_name, "d".repeat(32));
  });

  it("resets the display name to the username with null", async () => {
    const user = await signUp({ display_name: "Someone Else" });
    assert.equal((await me(user)).body.display_name, "Someone Else");
    const response = await patchMe(user, { display_name: null });
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.display_name, user.user.username);
    assert.equal((await me(user)).body.display_name, user.user.username);
  });

  it("sets and clears avatar_url with http and https URLs", async () => {
    const user = await signUp();
    for (const url of ["https://cdn.example.test/me.png", "http://example.test/avatar.jpg?size=64"]) {
      const response = await patchMe(user, { avatar_url: url });
      assert.equal(response.status, 200, response.text);
      assert.equal(response.body.avatar_url, url);
      assert.equal((await me(user)).body.avatar_url, url);
    }
    const cleared = await patchMe(user, { avatar_url: null });
    assert.equal(cleared.status, 200, cleared.text);
    assert.equal(cleared.body.avatar_url, null);
  });

  for (const status of ["online", "idle", "dnd", "offline"]) {
    it(`sets status ${status}`, async () => {
      const [user, other] = await signUpMany(2);
      const start = status === "dnd" ? "idle" : "dnd";
      assert.equal((await patchMe(user, { status: start })).status, 200);
      const response = await patchMe(user, { status });
      assert.equal(response.status, 200, response.text);
      assert.equal(response.body.status, status);
      assert.equal((await me(user)).body.status, status);
      assert.equal((await get(`/api/users/${user.user.id}`, other.token)).body.status, status);
    });
  }

  it("sets custom_status up to 128 characters, trimmed, and clears it with an empty string or null", async () => {
    const user = await signUp();
    const long = await patchMe(user, { custom_status: "c".repeat(128) });
    assert.equal(long.status, 200, long.text);
    assert.equal(long.body.custom_status, "c".repeat(128));

    const trimmed = await patchMe(user, { custom_status: "  brb  " });
    assert.equal(trimmed.status, 200, trimmed.text);
    assert.equal(trimmed.body.custom_status, "brb");

    const empty = await patchMe(user, { custom_status: "" });
    assert.equal(empty.status, 200, empty.text);
    assert.equal(empty.body.custom_status, null);
    assert.equal((await me(user)).body.custom_status, null);

    await patchMe(user, { custom_status: "back soon" });
    const nulled = await patchMe(user, { custom_status: null });
    assert.equal(nulled.status, 200, nulled.text);
    assert.equal(nulled.body.custom_status, null);
  });

  it("changes several fields at once and leaves the others alone", async () => {
    const user = await signUp();
    const first = await patchMe(user, { display_name: "Trinity", avatar_url: "https://example.test/t.png", status: "idle", custom_status: "hacking" });
    assert.equal(first.status, 200, first.text);
    const second = await patchMe(user, { custom_status: "done" });
    assert.equal(second.status, 200, second.text);
    const after = (await me(user)).body;
    assert.equal(after.display_name, "Trinity");
    assert.equal(after.avatar_url, "https://example.test/t.png");
    assert.equal(after.status, "idle");
    assert.equal(after.custom_status, "done");
    assert.equal(after.username, user.user.username);
    assert.equal(after.email, user.user.email);
  });

  const badBodies: [string, unknown][] = [
    ["an empty object", {}],
    ["an empty display_name", { display_name: "" }],
    ["a blank display_name", { display_name: "    " }],
    ["a display_name of 33 characters", { display_name: "d".repeat(33) }],
    ["a numeric display_name", { display_name: 42 }],
    ["a javascript: avatar_url", { avatar_url: "javascript:alert(1)" }],
    ["an ftp: avatar_url", { avatar_url: "ftp://x" }],
    ["an avatar_url that is not a URL", { avatar_url: "not a url" }],
    ["a data: avatar_url", { avatar_url: "data:image/png;base64,AAAA" }],
    ["status away", { status: "away" }],
    ["status ONLINE (wrong case)", { status: "ONLINE" }],
    ["an empty status", { status: "" }],
    ["a null status", { status: null }],
    ["a custom_status of 129 characters", { custom_status: "c".repeat(129) }],
    ["a numeric custom_status", { custom_status: 7 }],
    ["an email field", { email: "new@example.test" }],
    ["a username field", { username: "renamed_user" }],
    ["an id field", { id: 1 }],
    ["a password_hash field", { password_hash: "$argon2id$v=19$m=19456,t=2,p=1$x$y" }],
    ["a created_at field", { created_at: "2000-01-01T00:00:00.000Z" }],
    ["a valid field together with an email field", { display_name: "Mallory", email: "mallory@example.test" }],
    ["a valid field together with a username field", { status: "dnd", username: "mallory_x" }],
  ];
  for (const [what, body] of badBodies) {
    it(`returns 400 and changes nothing for ${what}`, async () => {
      const user = await signUp();
      await patchMe(user, { display_name: "Before", avatar_url: "https://example.test/before.png", status: "idle", custom_status: "before" });
      const before = (await me(user)).body;
      const response = await patchMe(user, body);
      assertError(response, 400, "invalid_request");
      assert.deepEqual((await me(user)).body, before);
    });
  }

  const rawBodies: [string, string][] = [
    ["an empty body", ""],
    ["malformed JSON", '{"display_name":'],
    ["a JSON array", '["display_name"]'],
    ["JSON null", "null"],
  ];
  for (const [what, rawBody] of rawBodies) {
    it(`returns 400 for ${what}`, async () => {
      const user = await signUp();
      const before = (await me(user)).body;
      const response = await call("PATCH", "/api/users/me", { token: user.token, rawBody, headers: { "content-type": "application/json" } });
      assertError(response, 400, "invalid_request");
      assert.deepEqual((await me(user)).body, before);
    });
  }

  it("cannot be used to take another user's username or email", async () => {
    const [user, victim] = await signUpMany(2);
    const beforeCounts = await db.tableCounts();
    assertError(await patchMe(user, { username: victim.user.username }), 400, "invalid_request");
    assertError(await patchMe(user, { email: victim.user.email }), 400, "invalid_request");
    assert.equal((await me(user)).body.username, user.user.username);
    assert.equal((await me(victim)).body.email, victim.user.email);
    assert.deepEqual(await db.tableCounts(), beforeCounts);
  });
});

describe("GET /api/users/{id}", () => {
  it("returns the public profile without email, plus the relationship", async () => {
    const [viewer, user] = await signUpMany(2);
    await patchMe(user, { display_name: "Morpheus", avatar_url: "https://example.test/m.png", status: "dnd", custom_status: "red pill" });
    const response = await get(`/api/users/${user.user.id}`, viewer.token);
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(Object.keys(response.body).sort(), PROFILE_KEYS);
    assert.equal(response.body.id, user.user.id);
    assert.equal(response.body.username, user.user.username);
    assert.equal(response.body.display_name, "Morpheus");
    assert.equal(response.body.avatar_url, "https://example.test/m.png");
    assert.equal(response.body.status, "dnd");
    assert.equal(response.body.custom_status, "red pill");
    assert.equal(response.body.relationship, "none");
    assert.ok(!response.text.includes(user.user.email), "the email appears nowhere in the response");
  });

  const relationships: [string, (viewer: TestUser, user: TestUser) => Promise<TestUser>][] = [
    ["self", async (viewer) => viewer],
    [
      "friend",
      async (viewer, user) => {
        const sent = await post("/api/friends/request", viewer.token, { receiver_id: user.user.id });
        assert.equal((await post(`/api/friends/request/${sent.body.request.id}/accept`, user.token)).status, 200);
        return user;
      },
    ],
    [
      "incoming_request",
      async (viewer, user) => {
        assert.equal((await post("/api/friends/request", user.token, { receiver_id: viewer.user.id })).status, 201);
        return user;
      },
    ],
    [
      "outgoing_request",
      async (viewer, user) => {
        assert.equal((await post("/api/friends/request", viewer.token, { receiver_id: user.user.id })).status, 201);
        return user;
      },
    ],
    [
      "blocked",
      async (viewer, user) => {
        assert.equal((await post(`/api/friends/block/${user.user.id}`, viewer.token)).status, 201);
        return user;
      },
    ],
    [
      "blocked_you",
      async (viewer, user) => {
        assert.equal((await post(`/api/friends/block/${viewer.user.id}`, user.token)).status, 201);
        return user;
      },
    ],
    ["none", async (_viewer, user) => user],
  ];
  for (const [relationship, setUp] of relationships) {
    it(`reports relationship ${relationship}`, async () => {
      const [viewer, user] = await signUpMany(2);
      const target = await setUp(viewer, user);
      const response = await get(`/api/users/${target.user.id}`, viewer.token);
      assert.equal(response.status, 200, response.text);
      assert.deepEqual(Object.keys(response.body).sort(), PROFILE_KEYS);
      assert.equal(response.body.id, target.user.id);
      assert.equal(response.body.relationship, relationship);
    });
  }

  it("reports the caller's own block when both have blocked, and blocked_you once the caller lifts theirs", async () => {
    const [viewer, user] = await signUpMany(2);
    assert.equal((await post(`/api/friends/block/${user.user.id}`, viewer.token)).status, 201);
    assert.equal((await post(`/api/friends/block/${viewer.user.id}`, user.token)).status, 201);
    assert.equal((await get(`/api/users/${user.user.id}`, viewer.token)).body.relationship, "blocked");
    assert.equal((await post(`/api/friends/unblock/${user.user.id}`, viewer.token)).status, 200);
    assert.equal((await get(`/api/users/${user.user.id}`, viewer.token)).body.relationship, "blocked_you");
  });

  it("reports none again once a request is cancelled or a friendship ended", async () => {
    const [viewer, requested, friend] = await signUpMany(3);
    const sent = await post("/api/friends/request", viewer.token, { receiver_id: requested.user.id });
    assert.equal((await post(`/api/friends/request/${sent.body.request.id}/cancel`, viewer.token)).status, 200);
    assert.equal((await get(`/api/users/${requested.user.id}`, viewer.token)).body.relationship, "none");

    const asked = await post("/api/friends/request", friend.token, { receiver_id: viewer.user.id });
    assert.equal((await post(`/api/friends/request/${asked.body.request.id}/accept`, viewer.token)).status, 200);
    assert.equal((await get(`/api/users/${friend.user.id}`, viewer.token)).body.relationship, "friend");
    assert.equal((await call("DELETE", `/api/friends/${viewer.user.id}`, { token: friend.token })).status, 200);
    assert.equal((await get(`/api/users/${friend.user.id}`, viewer.token)).body.relationship, "none");
  });

  it("returns 404 for an unknown id", async () => {
    const viewer = await signUp();
    assertError(await get(`/api/users/${MISSING_ID}`, viewer.token), 404, "not_found");
  });

  for (const id of ["abc", "1e3", "-1", "0", "1.5", "0x10", "99999999999"]) {
    it(`returns 400 for the id ${JSON.stringify(id)}`, async () => {
      const viewer = await signUp();
      assertError(await get(`/api/users/${encodeURIComponent(id)}`, viewer.token), 400, "invalid_request");
    });
  }
});

describe("GET /api/channels/users/search", () => {
  it("matches username substrings case-insensitively and returns PublicUser entries without email", async () => {
    const tok = token();
    const [caller, , , outsider] = await signUpAll([{}, { username: `Pre_${tok.toUpperCase()}_x` }, { username: `${tok}_lower` }, {}]);
    const response = await search(caller, tok.toUpperCase());
    assert.equal(response.status, 200, response.text);
    const names = response.body.map((u: any) => u.username).sort();
    assert.deepEqual(names, [`${tok}_lower`, `Pre_${tok.toUpperCase()}_x`].sort());
    for (const user of response.body) assert.deepEqual(Object.keys(user).sort(), PUBLIC_KEYS);
    assert.ok(!names.includes(outsider.user.username));

    const lower = await search(caller, tok);
    assert.deepEqual(lower.body.map((u: any) => u.username).sort(), names);
  });

  it("matches display name substrings case-insensitively", async () => {
    const tok = token();
    const [caller, byName, byNamePrefix] = await signUpAll([
      {},
      { display_name: `Mister ${tok.toUpperCase()} Smith` },
      { display_name: `${tok} first` },
    ]);
    for (const q of [tok, tok.toUpperCase(), `${tok.slice(0, 4)}${tok.slice(4).toUpperCase()}`]) {
      const response = await search(caller, q);
      assert.equal(response.status, 200, response.text);
      assert.deepEqual(response.body.map((u: any) => u.id).sort(), [byName.user.id, byNamePrefix.user.id].sort(), `q=${q}`);
    }
  });

  it("lists prefix matches (of username or display name) before other matches", async () => {
    const tok = token();
    // The non-prefix matches sort first alphabetically, so only the prefix rule puts the others first.
    const users = await signUpAll([
      {},
      { username: `aa_${tok}_1` },
      { username: `ab_${tok}_2` },
      { username: `${tok}_start` },
      { username: `zz_${randomBytes(3).toString("hex")}`, display_name: `${tok.toUpperCase()} Display` },
      { username: `ac_${tok}_3` },
    ]);
    const [caller, infix1, infix2, prefixUser, prefixDisplay, infix3] = users;
    const response = await search(caller, tok);
    assert.equal(response.status, 200, response.text);
    const ids: number[] = response.body.map((u: any) => u.id);
    assert.equal(ids.length, 5);
    assert.deepEqual(ids.slice(0, 2).sort(), [prefixUser.user.id, prefixDisplay.user.id].sort());
    assert.deepEqual(ids.slice(2).sort(), [infix1.user.id, infix2.user.id, infix3.user.id].sort());
  });

  it("returns at most 20 results when 25 users match", async () => {
    const tok = token();
    const [caller] = await signUpMany(1);
    const matching = await signUpAll(Array.from({ length: 25 }, (_, i) => ({ username: `m${i}_${tok}` })));
    const response = await search(caller, tok);
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.length, 20);
    const matchingIds = new Set(matching.map((u) => u.user.id));
    for (const user of response.body) assert.ok(matchingIds.has(user.id), `${user.username} does not match`);
    assert.equal(new Set(response.body.map((u: any) => u.id)).size, 20, "no duplicates");
  });

  it("keeps prefix matches first even when more than 100 other users match", async () => {
    const tok = token();
    const [caller] = await signUpMany(1);
    await signUpAll(Array.from({ length: 101 }, (_, i) => ({ username: `a${String(i).padStart(3, "0")}_${tok}` })));
    const prefixUser = await signUp({ username: `${tok}_first` });
    const response = await search(caller, tok);
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.length, 20);
    assert.ok(response.body.some((u: any) => u.id === prefixUser.user.id), "the prefix match is among the results");
    assert.equal(response.body[0]?.id, prefixUser.user.id, `first result: ${response.body[0]?.username}`);
  });

  it("leaves out the caller", async () => {
    const tok = token();
    const [caller, other] = await signUpAll([{ username: `${tok}_me` }, { username: `${tok}_you` }]);
    const response = await search(caller, tok);
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.body.map((u: any) => u.id), [other.user.id]);
    const byDisplay = await patchMe(caller, { display_name: `${tok} Myself` });
    assert.equal(byDisplay.status, 200);
    assert.deepEqual((await search(caller, `${tok} my`)).body, []);
  });

  it("takes % and _ in the query literally", async () => {
    const tok = token();
    const [caller, percent, plain, underscore, letter] = await signUpAll([
      {},
      { display_name: `${tok} 100% sure` },
      { display_name: `${tok} 1000 sure` },
      { username: `a_${tok}` },
      { username: `ab${tok}` },
    ]);
    assert.deepEqual((await search(caller, `${tok} 100%`)).body.map((u: any) => u.id), [percent.user.id]);
    assert.deepEqual((await search(caller, `a_${tok}`)).body.map((u: any) => u.id), [underscore.user.id]);
    const everything = await search(caller, "%");
    assert.equal(everything.status, 200, everything.text);
    for (const user of everything.body) assert.ok(`${user.username} ${user.display_name}`.includes("%"), `${user.username} has no %`);
    assert.ok(everything.body.some((u: any) => u.id === percent.user.id));
    assert.ok(!everything.body.some((u: any) => [plain.user.id, letter.user.id].includes(u.id)));
  });

  it("returns an empty list when nothing matches", async () => {
    const caller = await signUp();
    const response = await search(caller, token("nomatch"));
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.body, []);
  });

  it("accepts a query of 64 characters", async () => {
    const caller = await signUp();
    const response = await search(caller, "q".repeat(64));
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.body, []);
  });

  const badQueries: [string, string][] = [
    ["an empty q", "?q="],
    ["a blank q", "?q=%20%20%20"],
    ["a missing q", ""],
    ["a q of 65 characters", `?q=${"q".repeat(65)}`],
  ];
  for (const [what, query] of badQueries) {
    it(`returns 400 for ${what}`, async () => {
      const caller = await signUp();
      assertError(await get(`/api/channels/users/search${query}`, caller.token), 400, "invalid_request");
    });
  }
});

describe("authentication", () => {
  const routes: [string, string, unknown?][] = [
    ["PATCH", "/api/users/me", { display_name: "x" }],
    ["GET", "/api/users/1"],
    ["GET", "/api/channels/users/search?q=a"],
  ];
  for (const [method, path, body] of routes) {
    it(`${method} ${path} returns 401 without credentials`, async () => {
      assertError(await call(method, path, { body }), 401, "unauthorized");
    });
  }

  it("does not let an invalid token change a profile", async () => {
    const user = await signUp({ username: uniqueName("auth") });
    const response = await call("PATCH", "/api/users/me", { token: `${user.token}x`, body: { display_name: "Hijacked" } });
    assertError(response, 401, "unauthorized");
    assert.equal((await me(user)).body.display_name, user.user.display_name);
  });
});
