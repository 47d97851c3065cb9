import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { createApi, uniqueName } from "./helpers/api";
import { startServer, testEngine } from "./helpers/server";
import { handshakeResult } from "./helpers/socket";
import { assertError, useServer } from "./helpers/world";

// The audit's open doors (2026-11-29), each tried again as the attacker did: a page of the same site
// on another origin (another port, a sibling subdomain) gets the user's SameSite=Lax cookie on its
// requests and WebSocket handshakes; it must get nothing done with it. The same attacks from a real
// Chromium page are in e2e/security.spec.ts.

const world = useServer();
const { api, db, makeCommunity, browserSession } = world;

const FOREIGN = "http://127.0.0.1:5999";
const own = () => world.server.url;

describe("CSRF: cookie-authenticated unsafe requests", () => {
  it("refuses a message sent with the cookie from another origin (403 forbidden_origin), and writes nothing", async () => {
    const community = await makeCommunity();
    const cookie = await browserSession(community.owner);
    const before = await db.count("messages");
    const response = await api.post("/api/messages/send", {
      cookie,
      headers: { origin: FOREIGN, "sec-fetch-site": "same-site" },
      body: { channel_id: community.general, content: "forged" },
    });
    assertError(response, 403, "forbidden_origin");
    assert.equal(await db.count("messages"), before);
  });

  it("refuses a same-site request that names no origin but says it is not same-origin (Sec-Fetch-Site)", async () => {
    const owner = await world.api.register();
    const cookie = await browserSession(owner);
    const response = await api.post("/api/channels/communities", { cookie, headers: { "sec-fetch-site": "same-site" }, body: { name: uniqueName("c") } });
    assertError(response, 403, "forbidden_origin");
    assert.equal(await db.count("communities WHERE creator_id = ?", owner.user.id), 0);
  });

  it("refuses a forged logout: the session stays signed in", async () => {
    const user = await world.api.register();
    const cookie = await browserSession(user);
    assertError(await api.post("/api/auth/logout", { cookie, headers: { origin: FOREIGN } }), 403, "forbidden_origin");
    assert.equal((await api.get("/api/auth/me", { cookie })).status, 200);
  });

  it("accepts the same requests from the app's own pages (its Origin, or Sec-Fetch-Site: same-origin)", async () => {
    const community = await makeCommunity();
    const cookie = await browserSession(community.owner);
    const byOrigin = await api.post("/api/messages/send", { cookie, headers: { origin: own() }, body: { channel_id: community.general, content: "mine" } });
    assert.equal(byOrigin.status, 201, byOrigin.text);
    const bySite = await api.post("/api/messages/send", { cookie, headers: { "sec-fetch-site": "same-origin" }, body: { channel_id: community.general, content: "mine too" } });
    assert.equal(bySite.status, 201, bySite.text);
  });

  it("leaves Bearer-token clients alone, whatever their origin", async () => {
    const community = await makeCommunity();
    const response = await api.post("/api/messages/send", {
      token: community.owner.token,
      headers: { origin: FOREIGN },
      body: { channel_id: community.general, content: "from a third-party client" },
    });
    assert.equal(response.status, 201, response.text);
  });

  it("reads with the cookie are not refused (GET is safe; CORS keeps other origins from reading the answer)", async () => {
    const user = await world.api.register();
    const cookie = await browserSession(user);
    assert.equal((await api.get("/api/auth/me", { cookie, headers: { origin: FOREIGN } })).status, 200);
  });
});

describe("request bodies are JSON only", () => {
  for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
    it(`answers 415 unsupported_media_type to a body sent as ${type.split(";")[0]}, and writes nothing`, async () => {
      const community = await makeCommunity();
      const before = await db.count("messages");
      const response = await api.post("/api/messages/send", {
        token: community.owner.token,
        rawBody: JSON.stringify({ channel_id: community.general, content: "what a form would carry" }),
        headers: { "content-type": type },
      });
      assertError(response, 415, "unsupported_media_type");
      assert.equal(await db.count("messages"), before);
    });
  }

  it("answers 415 to a JSON body without a Content-Type", async () => {
    const response = await api.post("/api/auth/login", { rawBody: JSON.stringify({ username: "someone", password: "something" }) });
    assertError(response, 415, "unsupported_media_type");
  });

  it("accepts application/json with a charset, and a body-less POST without any type", async () => {
    const community = await makeCommunity();
    const sent = await api.post("/api/messages/send", {
      token: community.owner.token,
      rawBody: JSON.stringify({ channel_id: community.general, content: "charset" }),
      headers: { "content-type": "application/json; charset=utf-8" },
    });
    assert.equal(sent.status, 201, sent.text);
    const joiner = await world.api.register();
    assert.equal((await api.post(`/api/channels/communities/${community.id}/join`, { token: joiner.token })).status, 200);
  });
});

describe("Socket.IO handshake (cross-site WebSocket hijacking)", () => {
  it("refuses a handshake that carries the cookie from another origin", async () => {
    const user = await world.api.register();
    const cookie = await browserSession(user);
    assert.equal(await handshakeResult(own(), { cookie, extraHeaders: { origin: FOREIGN } }), "forbidden_origin");
  });

  it("accepts the cookie from the app's own origin, and a token from anywhere", async () => {
    const user = await world.api.register();
    const cookie = await browserSession(user);
    assert.equal(await handshakeResult(own(), { cookie, extraHeaders: { origin: own() } }), "connected");
    assert.equal(await handshakeResult(own(), { token: user.token, extraHeaders: { origin: FOREIGN } }), "connected");
  });
});

describe("caching and page headers", () => {
  it("marks every API answer Cache-Control: no-store (tokens, errors and the JSON 404 included)", async () => {
    const registered = await api.post("/api/auth/register", { body: { username: uniqueName(), email: `${uniqueName()}@example.test`, password: "correct horse battery" } });
    assert.equal(registered.status, 201);
    for (const response of [registered, await api.get("/api/auth/me"), await api.get("/api/does-not-exist")]) {
      assert.equal(response.headers.get("cache-control"), "no-store", `${response.status} ${response.text}`);
    }
  });

  it("serves pages with a nonce-based Content-Security-Policy that every script of the page carries", async () => {
    const response = await fetch(`${own()}/login`);
    const policy = response.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    assert.ok(nonce, `no nonce in ${policy}`);
    assert.match(policy, /script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    assert.match(policy, /frame-ancestors 'none'/);
    assert.match(policy, /object-src 'none'/);
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.ok(scripts.length > 0);
    for (const script of scripts) assert.ok(script.includes(`nonce="${nonce}"`), `script without the nonce: ${script}`);
    const again = await fetch(`${own()}/login`);
    assert.notEqual(/'nonce-([^']+)'/.exec(again.headers.get("content-security-policy") ?? "")?.[1], nonce, "a fresh nonce per response");
  });

  it("adds Strict-Transport-Security only when the page came over HTTPS (a TLS proxy's X-Forwarded-Proto)", async () => {
    assert.equal((await fetch(`${own()}/login`)).headers.get("strict-transport-security"), null);
    const overHttps = await fetch(`${own()}/login`, { headers: { "x-forwarded-proto": "https" } });
    assert.match(overHttps.headers.get("strict-transport-security") ?? "", /max-age=\d+/);
  });
});

describe("the data folder", () => {
  it("is created readable by the server's account only: folder 0700, secret and SQLite files 0600", async () => {
    const parent = mkdtempSync(path.join(tmpdir(), "auraflow-perms-"));
    const dataDir = path.join(parent, "data");
    const mode = (file: string) => statSync(file).mode & 0o777;
    try {
      const server = await startServer({ dataDir });
      try {
        // A write, so that SQLite has its -wal file too.
        await createApi(server.url).register();
        assert.equal(mode(dataDir), 0o700);
        assert.equal(mode(path.join(dataDir, "auth-secret")), 0o600);
        if (testEngine() === "sqlite") {
          for (const file of [server.dbFile!, `${server.dbFile}-wal`]) assert.equal(mode(file), 0o600, file);
        }
      } finally {
        await server.stop();
      }
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
