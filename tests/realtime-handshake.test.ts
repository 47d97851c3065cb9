import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { connectSocket, handshakeResult, nextEvent } from "./helpers/socket";
import { useServer } from "./helpers/world";

const world = useServer();
const { api } = world;

async function browserSessionCookie(username: string, password: string): Promise<string> {
  const csrf = await api.get("/api/auth/csrf");
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const signIn = await api.request("POST", "/api/auth/callback/credentials", {
    rawBody: new URLSearchParams({ csrfToken: csrf.body.csrfToken, login: username, password, json: "true" }).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
  });
  const session = signIn.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  assert.ok(session, `no session cookie: ${signIn.status} ${signIn.text}`);
  return session.split(";")[0];
}

describe("Socket.IO handshake", () => {
  it("connects with auth: { token }", async () => {
    const { token } = await api.register();
    assert.equal(await handshakeResult(world.server.url, { token }), "connected");
  });

  it("connects with the browser's next-auth session cookie", async () => {
    const { user, password } = await api.register();
    const cookie = await browserSessionCookie(user.username, password);
    assert.equal(await handshakeResult(world.server.url, { cookie }), "connected");
  });

  it("refuses a handshake without credentials with connect_error 'unauthorized'", async () => {
    assert.equal(await handshakeResult(world.server.url), "unauthorized");
  });

  it("refuses a token that is not valid", async () => {
    assert.equal(await handshakeResult(world.server.url, { token: "not-a-token" }), "unauthorized");
  });

  it("refuses a garbage session cookie", async () => {
    assert.equal(await handshakeResult(world.server.url, { cookie: "next-auth.session-token=garbage" }), "unauthorized");
  });

  it("refuses a token after logout", async () => {
    const { token } = await api.register();
    await api.post("/api/auth/logout", { token });
    assert.equal(await handshakeResult(world.server.url, { token }), "unauthorized");
  });

  it("disconnects the live sockets of a session when it logs out, and only those", async () => {
    const registered = await api.register();
    const other = await api.post("/api/auth/login", { body: { username: registered.user.username, password: registered.password } });
    const loggingOut = await connectSocket(world.server.url, { token: registered.token });
    const staying = await connectSocket(world.server.url, { token: other.body.token });
    try {
      const disconnected = nextEvent<[string]>(loggingOut, "disconnect");
      await api.post("/api/auth/logout", { token: registered.token });
      const [reason] = await disconnected;
      assert.equal(reason, "io server disconnect");
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(staying.connected, true);
    } finally {
      loggingOut.close();
      staying.close();
    }
  });
});
