import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { describe, it } from "node:test";
import { gunzipSync } from "node:zlib";
import type { RequestOptions } from "./helpers/api";
import { comparable, DISPATCH_HEADER, throughNext } from "./helpers/dispatch";
import { useServer } from "./helpers/world";

// server.ts calls the /api route handlers itself (lib/server/http/api-dispatch.ts) and leaves to
// Next.js what only Next.js answers. API_DISPATCH=compare: a request with X-Auraflow-Dispatch: next
// goes through Next.js, so that each answer here is checked against Next.js's own.
// (tests/bad-input.test.ts compares every endpoint's answers the same way.)

const world = useServer({ env: { API_DISPATCH: "compare" } });
const { api, makeCommunity, postMessage } = world;
const NEXT = { [DISPATCH_HEADER]: "next" };

async function bothWays(method: string, path: string, options: RequestOptions = {}) {
  const direct = await api.request(method, path, { unchecked: true, ...options });
  const viaNext = await api.request(method, path, { unchecked: true, ...options, headers: { ...options.headers, ...NEXT } });
  assert.ok(throughNext(viaNext.headers.get("vary")), `${method} ${path} with the header went through Next.js`);
  assert.deepEqual(comparable(direct), comparable(viaNext), `${method} ${path}: the same answer both ways`);
  return direct;
}

/** A raw request (fetch would not send HEAD bodies' framing or odd paths as they are). */
function raw(method: string, path: string, headers: Record<string, string> = {}) {
  const url = new URL(world.server.url);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the /api dispatch in server.ts", () => {
  it("answers known routes itself, and the same as Next.js", async () => {
    const community = await makeCommunity();
    const { owner } = community;
    const message = await postMessage(owner, community.general, "dispatch check");
    for (const path of ["/api/health", "/api/auth/me", `/api/channels/communities/${community.id}`, `/api/messages/channel/${community.general}?limit=5`, `/api/messages/${message.id}/reactions/${encodeURIComponent("🎉")}`]) {
      const response = await bothWays("GET", path, { token: owner.token });
      assert.ok(!throughNext(response.headers.get("vary")), `${path} was answered by the custom server`);
      assert.equal(response.headers.get("x-frame-options"), "DENY");
      assert.equal(response.headers.get("x-content-type-options"), "nosniff");
      assert.equal(response.headers.get("referrer-policy"), "strict-origin-when-cross-origin");
      assert.equal(response.headers.get("cache-control"), "no-store");
    }
  });

  it("decodes path parameters as Next.js does (an emoji in the reactions path)", async () => {
    const community = await makeCommunity();
    const { owner } = community;
    const message = await postMessage(owner, community.general, "react to me");
    const put = await api.request("PUT", `/api/messages/${message.id}/reactions/${encodeURIComponent("👍")}`, { token: owner.token });
    assert.equal(put.status, 204);
    const list = await bothWays("GET", `/api/messages/${message.id}/reactions/${encodeURIComponent("👍")}`, { token: owner.token });
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.users.map((user: { id: number }) => user.id), [owner.user.id]);
  });

  it("answers unknown /api paths with the JSON 404, at any depth", async () => {
    for (const path of ["/api/nothing", "/api/messages/channel/1/2/3", "/api/channels/communities/1/nothing"]) {
      const response = await bothWays("GET", path);
      assert.equal(response.status, 404);
      assert.equal(response.body.error.code, "not_found");
    }
  });

  it("leaves to Next.js what Next.js answers: HEAD, OPTIONS, a trailing slash", async () => {
    const head = await raw("HEAD", "/api/health");
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    assert.ok(throughNext(head.headers.vary as string));

    const options = await raw("OPTIONS", "/api/health");
    assert.equal(options.status, 204);
    assert.match(String(options.headers.allow), /GET/);

    const slash = await raw("GET", "/api/health/");
    assert.equal(slash.status, 308);
    assert.equal(slash.headers.location, "/api/health");

  });

  it("refuses a path that is not valid percent-encoding with a 400, both ways (Next.js answered 500)", async () => {
    for (const headers of [{}, NEXT]) {
      const response = await raw("GET", "/api/messages/channel/%E0%A4%A", headers);
      assert.equal(response.status, 400);
      assert.equal(JSON.parse(response.body.toString()).error.code, "invalid_request");
      assert.equal(response.headers["x-frame-options"], "DENY");
    }
  });

  it("answers a method the route lacks with 405 in the error shape and Allow, both ways (Next.js's had no body)", async () => {
    for (const headers of [{}, NEXT]) {
      const health = await raw("PATCH", "/api/health", headers);
      assert.equal(health.status, 405);
      assert.equal(health.headers.allow, "GET, HEAD, OPTIONS");
      assert.equal(JSON.parse(health.body.toString()).error.code, "method_not_allowed");
      assert.equal(health.headers["x-frame-options"], "DENY");
      const send = await raw("GET", "/api/messages/send", headers);
      assert.equal(send.status, 405);
      assert.equal(send.headers.allow, "OPTIONS, POST");
    }
  });

  it("leaves next-auth's routes to Next.js", async () => {
    const csrf = await raw("GET", "/api/auth/csrf");
    assert.equal(csrf.status, 200);
    assert.ok(throughNext(csrf.headers.vary as string));
    assert.equal(typeof JSON.parse(csrf.body.toString()).csrfToken, "string");
  });

  it("gzips a JSON answer of 1 KiB or more for a client that takes gzip, and sends its length", async () => {
    const community = await makeCommunity();
    const { owner } = community;
    for (let i = 0; i < 10; i++) await postMessage(owner, community.general, `message ${i} ${"x".repeat(100)}`);
    const path = `/api/messages/channel/${community.general}?limit=50`;
    const plain = await raw("GET", path, { authorization: `Bearer ${owner.token}` });
    assert.equal(plain.headers["content-encoding"], undefined);
    assert.equal(Number(plain.headers["content-length"]), plain.body.length);
    const zipped = await raw("GET", path, { authorization: `Bearer ${owner.token}`, "accept-encoding": "gzip, br" });
    assert.equal(zipped.headers["content-encoding"], "gzip");
    assert.equal(zipped.headers.vary, "Accept-Encoding");
    assert.ok(zipped.body.length < plain.body.length);
    assert.deepEqual(JSON.parse(gunzipSync(zipped.body).toString()), JSON.parse(plain.body.toString()));
    const small = await raw("GET", "/api/health", { "accept-encoding": "gzip" });
    assert.equal(small.headers["content-encoding"], undefined, "a small answer goes as it is");
  });
});
