import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { createApi } from "./helpers/api";
import { testDb } from "./helpers/db";
import { releaseDatabase } from "./helpers/postgres";
import { newTestDatabase, startServer, testEngine, type TestServer } from "./helpers/server";

// Timestamps are instants: whatever time zone the server process runs in, what it stores and what
// it answers are the same UTC instant, on both engines (node-postgres would read a plain
// `timestamp` column in the process's local zone; the columns are `timestamptz`).

const ZONES = ["America/Los_Angeles", "Asia/Kolkata"];
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

function assertNow(value: string, what: string) {
  assert.match(value, ISO_UTC, what);
  assert.ok(Math.abs(Date.parse(value) - Date.now()) < 60_000, `${what} ${value} is not now (${new Date().toISOString()})`);
}

describe(`time zones (${testEngine()})`, () => {
  it(`a server in ${ZONES[0]} and then one in ${ZONES[1]} store and answer the same UTC instants`, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "auraflow-tz-"));
    const databaseUrl = await newTestDatabase();
    let server: TestServer | undefined;
    try {
      server = await startServer({ dataDir, databaseUrl, keepData: true, env: { TZ: ZONES[0] } });
      let api = createApi(server.url);
      const alice = await api.register();
      assertNow((await api.get("/api/auth/me", { token: alice.token })).body.created_at, "user created_at");
      const community = await api.post("/api/channels/communities", { token: alice.token, body: { name: "Zones" } });
      assertNow(community.body.created_at, "community created_at (Prisma)");
      const general = (await api.get(`/api/channels/communities/${community.body.id}/channels`, { token: alice.token })).body[0];
      const sent = await api.post("/api/messages/send", { token: alice.token, body: { channel_id: general.id, content: "what time is it?" } });
      assert.equal(sent.status, 201, sent.text);
      assertNow(sent.body.created_at, "message created_at (hot query)");
      const edited = await api.request("PUT", `/api/messages/${sent.body.id}`, { token: alice.token, body: { content: "what time is it now?" } });
      assert.equal(edited.status, 200, edited.text);
      assertNow(edited.body.edited_at, "edited_at (Prisma)");
      const dm = await api.post("/api/messages/direct/send", { token: alice.token, body: { receiver_id: (await api.register()).user.id, content: "hi" } });
      assertNow(dm.body.created_at, "direct message created_at");

      // What is stored is that instant, read by this process (in its own zone) behind the server's back.
      const stored = await testDb(() => server!).one<{ created_at: unknown }>("SELECT created_at FROM messages WHERE id = ?", sent.body.id);
      const storedInstant = stored!.created_at instanceof Date ? stored!.created_at.getTime() : Date.parse(String(stored!.created_at));
      assert.equal(storedInstant, Date.parse(sent.body.created_at), `stored ${String(stored!.created_at)}`);

      const history = async () => (await api.get(`/api/messages/channel/${general.id}`, { token: alice.token })).body;
      const before = await history();
      await server.stop();

      server = await startServer({ dataDir, databaseUrl, keepData: true, env: { TZ: ZONES[1] } });
      api = createApi(server.url);
      const login = await api.post("/api/auth/login", { body: { username: alice.user.username, password: alice.password } });
      assert.equal(login.status, 200, login.text);
      alice.token = login.body.token;
      assert.deepEqual(await history(), before, "the same history, to the millisecond, from a server in another zone");
      assert.equal((await api.get(`/api/channels/communities/${community.body.id}`, { token: alice.token })).body.created_at, community.body.created_at);
      const later = await api.post("/api/messages/send", { token: alice.token, body: { channel_id: general.id, content: "and now?" } });
      assertNow(later.body.created_at, `message created_at in ${ZONES[1]}`);
    } finally {
      await server?.stop();
      if (databaseUrl) await releaseDatabase(process.env.TEST_DATABASE_URL!, databaseUrl, { drop: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
