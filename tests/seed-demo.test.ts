import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { createApi } from "./helpers/api";
import { newTestDatabase, projectRoot, startServer, type TestServer } from "./helpers/server";

const dataDir = mkdtempSync(path.join(tmpdir(), "auraflow-demo-"));
/** On PostgreSQL the seed and the server share a database made up front (on SQLite, the data folder's file). */
let databaseUrl: string | undefined;
let server: TestServer;

function seed() {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  for (const key of ["DATABASE_URL", "AUTH_SECRET", "NEXTAUTH_SECRET"]) delete env[key];
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  return spawnSync(process.execPath, ["--import", "tsx", path.join(projectRoot, "scripts", "seed-demo.ts")], { cwd: projectRoot, env, encoding: "utf8" });
}

describe("npm run seed:demo", () => {
  let first: ReturnType<typeof seed>;
  before(async () => {
    databaseUrl = await newTestDatabase();
    first = seed();
    server = await startServer({ dataDir, databaseUrl });
  });
  after(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("fills an empty database and says how to sign in", () => {
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /password "auraflow-demo"/);
  });

  it("creates users who can sign in with the documented password, in a community with a conversation", async () => {
    const api = createApi(server.url);
    const login = await api.post("/api/auth/login", { body: { username: "alice", password: "auraflow-demo" } });
    assert.equal(login.status, 200);
    const token = login.body.token;
    const communities = await api.get("/api/channels/communities", { token });
    const lounge = communities.body.find((c: any) => c.name === "Auraflow Lounge");
    assert.ok(lounge);
    assert.equal(lounge.member_count, 4);
    const channels = await api.get(`/api/channels/communities/${lounge.id}/channels`, { token });
    assert.deepEqual(channels.body.map((c: any) => c.type).sort(), ["announcement", "private", "text", "text", "voice"]);
    const general = channels.body.find((c: any) => c.name === "general");
    const messages = await api.get(`/api/messages/channel/${general.id}`, { token });
    assert.ok(messages.body.length >= 8);
    assert.ok(messages.body.some((m: any) => m.reply_to !== null), "the conversation has replies");
    assert.equal((await api.get("/api/channels/friends", { token })).body.length, 2);
    assert.equal((await api.get("/api/friends/requests/pending", { token })).body.length, 1);
    assert.equal((await api.get("/api/messages/direct", { token })).body.length, 1);
  });

  it("leaves no unread message in a conversation whose last message is the reader's own (Bob wrote last to Alice)", async () => {
    const api = createApi(server.url);
    const login = await api.post("/api/auth/login", { body: { username: "bob", password: "auraflow-demo" } });
    const conversations = await api.get("/api/messages/direct", { token: login.body.token });
    const withAlice = conversations.body.find((c: any) => c.user.username === "alice");
    assert.ok(withAlice, JSON.stringify(conversations.body));
    assert.equal(withAlice.last_message.sender_id, login.body.user.id, "Bob wrote the last message");
    assert.equal(withAlice.unread_count, 0);
  });

  it("refuses to run on a database that already has users, changing nothing", () => {
    const again = seed();
    assert.equal(again.status, 1);
    assert.match(again.stderr, /only fills an empty database/);
  });
});
