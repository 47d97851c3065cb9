import assert from "node:assert/strict";
import { once } from "node:events";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { createApi } from "./helpers/api";
import { spawnServer, startServer } from "./helpers/server";
import { connectSocket, nextEvent } from "./helpers/socket";

const freshDir = () => mkdtempSync(path.join(tmpdir(), "auraflow-life-"));
describe("zero-config first start", () => {
  it("uses AUTH_SECRET from the environment instead of generating one", async () => {
    const dataDir = freshDir();
    try {
      const server = await startServer({ dataDir, env: { AUTH_SECRET: "s".repeat(40) } });
      await server.stop();
      assert.equal(existsSync(path.join(dataDir, "auth-secret")), false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("environment validation", () => {
  const invalid: [string, Record<string, string>, RegExp][] = [
    ["a non-numeric PORT", { PORT: "five-thousand" }, /PORT/],
    ["a PORT out of range", { PORT: "70000" }, /PORT/],
    ["a short AUTH_SECRET", { AUTH_SECRET: "short" }, /AUTH_SECRET: must be at least 32 characters/],
    ["an unsupported DATABASE_URL", { DATABASE_URL: "mysql://localhost/db" }, /DATABASE_URL/],
    ["a DATABASE_POOL_SIZE of 0", { DATABASE_POOL_SIZE: "0" }, /DATABASE_POOL_SIZE/],
    ["a PostgreSQL server that does not answer", { DATABASE_URL: "postgresql://auraflow@127.0.0.1:1/auraflow" }, /DATABASE_URL: cannot connect/],
    ["a RATE_LIMITS rule that is not name=points/seconds", { RATE_LIMITS: "message=fast" }, /RATE_LIMITS: "message=fast" is not name=points\/seconds or name=off/],
    ["a RATE_LIMITS rule for a limit that does not exist", { RATE_LIMITS: "messages=5/5" }, /RATE_LIMITS: unknown limit "messages"/],
    ["an unsupported REDIS_URL", { REDIS_URL: "memcached://127.0.0.1:11211" }, /REDIS_URL: must start with redis:\/\/ or rediss:\/\//],
    ["REDIS_URL (cluster mode) on SQLite", { REDIS_URL: "redis://127.0.0.1:6379", AUTH_SECRET: "x".repeat(40) }, /DATABASE_URL: cluster mode \(REDIS_URL is set\) needs PostgreSQL/],
    ["ICE_SERVERS that are not JSON", { ICE_SERVERS: "turn:turn.example.org" }, /ICE_SERVERS: must be JSON/],
    ["ICE_SERVERS with a URL that is not STUN or TURN", { ICE_SERVERS: '[{"urls":"https://turn.example.org"}]' }, /ICE_SERVERS: must be a list of RTCIceServer/],
    ["ICE_TRANSPORT_POLICY=relay without a TURN server", { ICE_SERVERS: '[{"urls":"stun:stun.example.org"}]', ICE_TRANSPORT_POLICY: "relay" }, /ICE_TRANSPORT_POLICY: relay needs a TURN server/],
    ["TURN_SECRET without TURN_URLS", { TURN_SECRET: "a secret shared with coturn" }, /TURN_SECRET: TURN_SECRET and TURN_URLS go together/],
    ["TURN_URLS that are not TURN", { TURN_URLS: "stun:turn.example.org", TURN_SECRET: "a secret shared with coturn" }, /TURN_URLS/],
    ["VOICE_MAX_PARTICIPANTS of 1", { VOICE_MAX_PARTICIPANTS: "1" }, /VOICE_MAX_PARTICIPANTS/],
    ["an AI_BASE_URL that is not http or https", { AI_BASE_URL: "ftp://127.0.0.1:11434/v1", AI_MODEL: "llama3.2" }, /AI_BASE_URL: must be an http:\/\/ or https:\/\/ URL/],
    ["AI_BASE_URL without AI_MODEL", { AI_BASE_URL: "http://127.0.0.1:11434/v1" }, /AI_MODEL: AI_BASE_URL and AI_MODEL go together/],
    ["AI_MODEL without AI_BASE_URL", { AI_MODEL: "llama3.2" }, /AI_MODEL: AI_BASE_URL and AI_MODEL go together/],
    ["an AI_ASSISTANT_NAME that is not a valid username", { AI_ASSISTANT_NAME: "the assistant" }, /AI_ASSISTANT_NAME: Username may use only letters, digits, _ and \./],
    ["REDIS_URL (cluster mode) without an explicit AUTH_SECRET", { REDIS_URL: "redis://127.0.0.1:6379", DATABASE_URL: "postgresql://auraflow@127.0.0.1:1/auraflow" }, /AUTH_SECRET: cluster mode \(REDIS_URL is set\) needs the same explicit secret/],
  ];
  for (const [what, env, message] of invalid) {
    it(`refuses to start with ${what}, saying which variable is wrong`, async () => {
      const dataDir = freshDir();
      try {
        const child = spawnServer(dataDir, env);
        let output = "";
        child.stdout!.on("data", (chunk) => (output += chunk));
        child.stderr!.on("data", (chunk) => (output += chunk));
        const [code] = await once(child, "exit");
        assert.equal(code, 1);
        assert.match(output, /Invalid environment/);
        assert.match(output, message);
        assert.doesNotMatch(output, /\n\s+at /, "a readable message, not a stack trace");
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  }
});

describe("graceful shutdown", () => {
  it("closes live sockets and exits 0 on SIGTERM", async () => {
    const server = await startServer();
    const api = createApi(server.url);
    const { token } = await api.register();
    const socket = await connectSocket(server.url, { token });
    const disconnected = nextEvent(socket, "disconnect");
    assert.equal(await server.stop(), 0, `the server's output:\n${server.output()}`);
    await disconnected;
    assert.equal(socket.connected, false);
    socket.close();
  });
});
