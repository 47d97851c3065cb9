import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, it } from "node:test";
import { SignJWT } from "jose";
import { uniqueName } from "./helpers/api";
import { assertError, useServer } from "./helpers/world";

const world = useServer();
const { api, db } = world;

function assertNoSecrets(text: string) {
  assert.doesNotMatch(text, /password/i);
}

/** Signs a token the way the server does, with the server's own persisted secret. */
async function forgeToken(claims: { sub: string; jti: string; exp: number; aud?: string }, secret?: string) {
  const serverSecret = secret ?? world.server.authSecret();
  const key = createHmac("sha256", serverSecret).update("auraflow api token v1").digest();
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(claims.sub)
    .setJti(claims.jti)
    .setIssuer("auraflow")
    .setAudience(claims.aud ?? "auraflow:api")
    .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
    .setExpirationTime(claims.exp)
    .sign(key);
}

describe("POST /api/auth/register", () => {
  it("creates an account and returns 201 with a token and the user", async () => {
    const username = uniqueName("Reg");
    const response = await api.post("/api/auth/register", {
      body: { username, email: `${username}@Example.TEST`, password: "hunter2hunter2", display_name: "  Regina  " },
    });
    assert.equal(response.status, 201);
    assert.equal(typeof response.body.token, "string");
    assert.deepEqual(Object.keys(response.body).sort(), ["token", "user"]);
    const { user } = response.body;
    assert.equal(user.username, username);
    assert.equal(user.email, `${username}@example.test`.toLowerCase(), "email is stored lower-cased");
    assert.equal(user.display_name, "Regina", "display_name is trimmed");
    assert.equal(user.status, "offline");
    assert.ok(Number.isInteger(user.id));
    assertNoSecrets(response.text);
  });

  it("defaults display_name to the username", async () => {
    const { user } = await api.register();
    assert.equal(user.display_name, user.username);
  });

  it("stores the password as an argon2id hash", async () => {
    const { user } = await api.register({ password: "plain text never stored" });
    const row = await db.one<{ password_hash: string }>("SELECT password_hash FROM users WHERE id = ?", user.id);
    assert.match(row!.password_hash, /^\$argon2id\$/);
    assert.ok(!row!.password_hash.includes("plain text"));
  });

  it("returns 409 for a username taken in any letter case", async () => {
    const { user } = await api.register();
    const response = await api.post("/api/auth/register", {
      body: { username: user.username.toUpperCase(), email: `${uniqueName()}@example.test`, password: "password123" },
    });
    assertError(response, 409, "conflict");
    assert.deepEqual(response.body.error.details.map((d: any) => d.path), ["username"]);
  });

  it("returns 409 for an email taken in any letter case", async () => {
    const { user } = await api.register();
    const response = await api.post("/api/auth/register", {
      body: { username: uniqueName(), email: user.email.toUpperCase(), password: "password123" },
    });
    assertError(response, 409, "conflict");
    assert.deepEqual(response.body.error.details.map((d: any) => d.path), ["email"]);
  });

  it("lets exactly one of two simultaneous sign-ups with the same username win", async () => {
    const username = uniqueName("race");
    const attempts = await Promise.all(
      [1, 2, 3].map((n) =>
        api.post("/api/auth/register", { body: { username, email: `${username}.${n}@example.test`, password: "password123" } }),
      ),
    );
    assert.deepEqual(attempts.map((r) => r.status).sort(), [201, 409, 409]);
  });

  const valid = () => ({ username: uniqueName(), email: `${uniqueName()}@example.test`, password: "password123" });
  const badBodies: [string, () => unknown, string][] = [
    ["a username shorter than 3 characters", () => ({ ...valid(), username: "ab" }), "username"],
    ["a username longer than 32 characters", () => ({ ...valid(), username: "a".repeat(33) }), "username"],
    ["a username with a space", () => ({ ...valid(), username: "has space" }), "username"],
    ["a username with an @", () => ({ ...valid(), username: "at@sign" }), "username"],
    ["a username with non-ASCII letters", () => ({ ...valid(), username: "zoë_user" }), "username"],
    ["an invalid email", () => ({ ...valid(), email: "not-an-email" }), "email"],
    ["a password shorter than 8 characters", () => ({ ...valid(), password: "1234567" }), "password"],
    ["a password longer than 128 characters", () => ({ ...valid(), password: "p".repeat(129) }), "password"],
    ["a missing username", () => ({ email: `${uniqueName()}@example.test`, password: "password123" }), "username"],
    ["a missing email", () => ({ username: uniqueName(), password: "password123" }), "email"],
    ["a missing password", () => ({ username: uniqueName(), email: `${uniqueName()}@example.test` }), "password"],
    ["a number as username", () => ({ ...valid(), username: 12345 }), "username"],
    ["an empty display_name", () => ({ ...valid(), display_name: "   " }), "display_name"],
    ["a display_name longer than 32 characters", () => ({ ...valid(), display_name: "d".repeat(33) }), "display_name"],
    ["an unknown field (no mass assignment)", () => ({ ...valid(), status: "online" }), ""],
    ["an id field (no mass assignment)", () => ({ ...valid(), id: 1 }), ""],
  ];

  for (const [what, body, field] of badBodies) {
    it(`returns 400 and stores nothing for ${what}`, async () => {
      const before = await db.tableCounts();
      const response = await api.post("/api/auth/register", { body: body() });
      assertError(response, 400, "invalid_request");
      assert.ok(Array.isArray(response.body.error.details) && response.body.error.details.length > 0);
      if (field) assert.ok(response.body.error.details.some((d: any) => d.path === field), JSON.stringify(response.body.error.details));
      assert.deepEqual(await db.tableCounts(), before);
    });
  }

  const malformed: [string, string][] = [
    ["malformed JSON", '{"username": "abc",'],
    ["a JSON array", "[1, 2, 3]"],
    ["a JSON string", '"hello"'],
    ["JSON null", "null"],
    ["an empty body", ""],
  ];
  for (const [what, rawBody] of malformed) {
    it(`returns 400 (not 500) for ${what}`, async () => {
      const before = await db.tableCounts();
      const response = await api.post("/api/auth/register", { rawBody, headers: { "content-type": "application/json" } });
      assertError(response, 400, "invalid_request");
      assert.deepEqual(await db.tableCounts(), before);
    });
  }

  it("returns 413 for a body over 64 KiB", async () => {
    const response = await api.post("/api/auth/register", { body: { ...valid(), display_name: "x".repeat(70_000) } });
    assertError(response, 413, "payload_too_large");
  });
});

describe("POST /api/auth/login", () => {
  it("signs in with the username in any case, returning a token and the user", async () => {
    const registered = await api.register();
    const response = await api.post("/api/auth/login", {
      body: { username: registered.user.username.toUpperCase(), password: registered.password },
    });
    assert.equal(response.status, 200);
    assert.equal(response.body.user.id, registered.user.id);
    assert.notEqual(response.body.token, registered.token, "each login is a new session");
    assertNoSecrets(response.text);
  });

  it("signs in with the email in any case", async () => {
    const registered = await api.register();
    const response = await api.post("/api/auth/login", { body: { email: registered.user.email.toUpperCase(), password: registered.password } });
    assert.equal(response.status, 200);
    assert.equal(response.body.user.id, registered.user.id);
  });

  it("answers a wrong password and an unknown user with the same 401 body", async () => {
    const registered = await api.register();
    const wrongPassword = await api.post("/api/auth/login", { body: { username: registered.user.username, password: "not-the-password" } });
    const unknownUser = await api.post("/api/auth/login", { body: { username: uniqueName("ghost"), password: "not-the-password" } });
    const unknownEmail = await api.post("/api/auth/login", { body: { email: "nobody@example.test", password: "not-the-password" } });
    assertError(wrongPassword, 401, "unauthorized");
    assert.deepEqual(unknownUser.body, wrongPassword.body);
    assert.equal(unknownUser.status, 401);
    assert.deepEqual(unknownEmail.body, wrongPassword.body);
  });

  const badLogins: [string, unknown][] = [
    ["both username and email", { username: "someone", email: "someone@example.test", password: "password123" }],
    ["neither username nor email", { password: "password123" }],
    ["a missing password", { username: "someone" }],
    ["a wrong-typed password", { username: "someone", password: 12345678 }],
    ["an unknown field", { username: "someone", password: "password123", remember: true }],
  ];
  for (const [what, body] of badLogins) {
    it(`returns 400 for ${what}`, async () => {
      const response = await api.post("/api/auth/login", { body });
      assertError(response, 400, "invalid_request");
    });
  }
});

describe("GET /api/auth/me", () => {
  it("returns the caller with their email and never a password hash", async () => {
    const registered = await api.register();
    const response = await api.get("/api/auth/me", { token: registered.token });
    assert.equal(response.status, 200);
    assert.equal(response.body.id, registered.user.id);
    assert.equal(response.body.email, registered.user.email);
    assertNoSecrets(response.text);
  });

  const badCredentials: [string, () => Promise<Record<string, string>>][] = [
    ["no credentials", async () => ({})],
    ["a malformed Authorization header", async () => ({ authorization: "Token abc" })],
    ["a token that is not a JWT", async () => ({ authorization: "Bearer not.a.jwt" })],
    ["a token signed with another secret", async () => ({ authorization: `Bearer ${await forgeToken({ sub: "1", jti: "x", exp: Math.floor(Date.now() / 1000) + 600 }, "another-secret-another-secret-another")}` })],
    ["an expired token", async () => ({ authorization: `Bearer ${await forgeToken({ sub: "1", jti: "x", exp: Math.floor(Date.now() / 1000) - 10 })}` })],
    ["a token for another audience", async () => ({ authorization: `Bearer ${await forgeToken({ sub: "1", jti: "x", exp: Math.floor(Date.now() / 1000) + 600, aud: "elsewhere" })}` })],
    ["a token of a user that does not exist", async () => ({ authorization: `Bearer ${await forgeToken({ sub: "999999", jti: "x", exp: Math.floor(Date.now() / 1000) + 600 })}` })],
    ["an unsigned (alg none) token", async () => {
      const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
      const exp = Math.floor(Date.now() / 1000) + 600;
      return { authorization: `Bearer ${encode({ alg: "none" })}.${encode({ sub: "1", jti: "x", iss: "auraflow", aud: "auraflow:api", exp })}.` };
    }],
    ["a valid token whose payload was changed to another user", async () => {
      const [header, , signature] = (await forgeToken({ sub: "1", jti: "x", exp: Math.floor(Date.now() / 1000) + 600 })).split(".");
      const payload = Buffer.from(JSON.stringify({ sub: "2", jti: "x", iss: "auraflow", aud: "auraflow:api", exp: Math.floor(Date.now() / 1000) + 600 })).toString("base64url");
      return { authorization: `Bearer ${header}.${payload}.${signature}` };
    }],
    ["a token signed with the right key but HS512", async () => {
      const serverSecret = world.server.authSecret();
      const key = createHmac("sha256", serverSecret).update("auraflow api token v1").digest();
      const token = await new SignJWT({}).setProtectedHeader({ alg: "HS512" }).setSubject("1").setJti("x").setIssuer("auraflow")
        .setAudience("auraflow:api").setExpirationTime(Math.floor(Date.now() / 1000) + 600).sign(new Uint8Array(Buffer.concat([key, key])));
      return { authorization: `Bearer ${token}` };
    }],
    ["a session cookie that does not decrypt", async () => ({ cookie: "next-auth.session-token=garbage" })],
  ];
  for (const [what, headers] of badCredentials) {
    it(`returns 401 for ${what}`, async () => {
      const response = await api.get("/api/auth/me", { headers: await headers() });
      assertError(response, 401, "unauthorized");
    });
  }

  it("accepts a token the server signed with its persisted secret (the forge helper matches)", async () => {
    const registered = await api.register();
    const token = await forgeToken({ sub: String(registered.user.id), jti: "forged-but-valid", exp: Math.floor(Date.now() / 1000) + 600 });
    const response = await api.get("/api/auth/me", { token });
    assert.equal(response.status, 200, "otherwise the rejection tests above would prove nothing");
  });
});

describe("POST /api/auth/logout", () => {
  it("revokes the presented token and only that one", async () => {
    const registered = await api.register();
    const second = await api.post("/api/auth/login", { body: { username: registered.user.username, password: registered.password } });
    assert.equal((await api.get("/api/auth/me", { token: registered.token })).status, 200);

    const logout = await api.post("/api/auth/logout", { token: registered.token });
    assert.equal(logout.status, 200);

    const reused = await api.get("/api/auth/me", { token: registered.token });
    assertError(reused, 401, "unauthorized");
    assert.equal((await api.post("/api/auth/logout", { token: registered.token })).status, 401, "a revoked token cannot log out twice");
    assert.equal((await api.get("/api/auth/me", { token: second.body.token })).status, 200, "other sessions stay signed in");
  });

  it("returns 401 without credentials", async () => {
    const response = await api.post("/api/auth/logout");
    assertError(response, 401, "unauthorized");
  });
});

describe("browser sessions (next-auth)", () => {
  it("signs in through the credentials provider, and the cookie works for the API until sign-out revokes it", async () => {
    const registered = await api.register();
    const csrf = await api.get("/api/auth/csrf");
    assert.equal(csrf.status, 200);
    const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");

    const signIn = await api.request("POST", "/api/auth/callback/credentials", {
      rawBody: new URLSearchParams({ csrfToken: csrf.body.csrfToken, login: registered.user.username, password: registered.password, json: "true" }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    });
    assert.equal(signIn.status, 200, signIn.text);
    const sessionCookie = signIn.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
    assert.ok(sessionCookie, "a session cookie is set");
    assert.match(sessionCookie, /HttpOnly/i);
    const cookie = sessionCookie.split(";")[0];

    const me = await api.get("/api/auth/me", { cookie });
    assert.equal(me.status, 200);
    assert.equal(me.body.id, registered.user.id);

    const signOut = await api.request("POST", "/api/auth/signout", {
      rawBody: new URLSearchParams({ csrfToken: csrf.body.csrfToken, json: "true" }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${csrfCookie}; ${cookie}` },
    });
    assert.equal(signOut.status, 200);
    assert.equal((await api.get("/api/auth/me", { cookie })).status, 401, "the old cookie is revoked, not just cleared");
  });

  it("rejects a wrong password through the credentials provider without setting a session", async () => {
    const registered = await api.register();
    const csrf = await api.get("/api/auth/csrf");
    const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const signIn = await api.request("POST", "/api/auth/callback/credentials", {
      rawBody: new URLSearchParams({ csrfToken: csrf.body.csrfToken, login: registered.user.username, password: "wrong-password", json: "true" }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    });
    assert.equal(signIn.status, 401);
    assert.ok(!signIn.headers.getSetCookie().some((c) => c.startsWith("next-auth.session-token=")));
  });
});

describe("errors and health", () => {
  it("answers GET /api/health with status ok and a database check", async () => {
    const response = await api.get("/api/health");
    assert.equal(response.status, 200);
    assert.equal(response.body.status, "ok");
    assert.equal(response.body.database, "ok");
  });

  it("answers an unknown API path with a JSON 404", async () => {
    const response = await api.get("/api/does-not-exist");
    assertError(response, 404, "not_found");
  });

  it("never leaks internals: error responses carry only code, message and details", async () => {
    const response = await api.post("/api/auth/register", { rawBody: "{", headers: { "content-type": "application/json" } });
    assert.deepEqual(Object.keys(response.body), ["error"]);
    assert.ok(Object.keys(response.body.error).every((key) => ["code", "message", "details"].includes(key)));
    assert.doesNotMatch(response.text, /at .*\.(ts|js):\d+/);
  });
});

