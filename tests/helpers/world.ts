import assert from "node:assert/strict";
import { after, before } from "node:test";
import type { Channel, DirectMessage, Message } from "../../lib/api/entities";
import { createApi, uniqueName, type Api, type ApiResponse, type TestUser } from "./api";
import { startClusterAsServer } from "./cluster";
import { testDb, type TestDb } from "./db";
import { startServer, type StartOptions, type TestServer } from "./server";

// One test world for every suite: a real server per file (or per describe block), a client for its
// API, its database, and the set-up steps the suites share. Each step asserts its own status, so a
// broken set-up says which step broke rather than failing an unrelated assertion later.

/** An id no row of any kind has: the largest a 32-bit integer column holds (SQLite and PostgreSQL), and still a valid id. */
export const MISSING_ID = 2_147_483_647;

/** The API's error answer: this status, the `{ error: { code, message } }` shape, this code. */
export function assertError(response: ApiResponse, status: number, code: string): void {
  assert.equal(response.status, status, `expected ${status} ${code}, got ${response.status} ${response.text}`);
  assert.equal(typeof response.body?.error?.message, "string", `expected the error shape, got ${response.text}`);
  assert.equal(response.body.error.code, code, response.text);
}

/** Awaits a set-up call and asserts its status, naming the step. */
export async function expectStatus(pending: Promise<ApiResponse>, status: number, what: string): Promise<ApiResponse> {
  const response = await pending;
  assert.equal(response.status, status, `${what}: expected ${status}, got ${response.status} ${response.text}`);
  return response;
}

export interface TestCommunity {
  id: number;
  owner: TestUser;
  /** The id of the #general text channel every community starts with. */
  general: number;
}

type ChannelFields = { type?: Channel["type"]; name?: string; description?: string };

/** The set-up steps, through `api`. */
export function factories(api: Api) {
  const makeUsers = (count: number): Promise<TestUser[]> => Promise.all(Array.from({ length: count }, () => api.register()));

  /** A fresh community owned by `owner` (a new user unless given). */
  async function makeCommunity(owner?: TestUser): Promise<TestCommunity> {
    const user = owner ?? (await api.register());
    const created = await expectStatus(api.post("/api/channels/communities", { token: user.token, body: { name: uniqueName("Community") } }), 201, "create community");
    const channels = await expectStatus(api.get(`/api/channels/communities/${created.body.id}/channels`, { token: user.token }), 200, "list channels");
    const general = channels.body.find((channel: Channel) => channel.name === "general");
    assert.ok(general, `no general channel in ${channels.text}`);
    return { id: created.body.id, owner: user, general: general.id };
  }

  /** Joins; resolves with the community as the API returned it. */
  async function joinCommunity(user: TestUser, communityId: number) {
    return (await expectStatus(api.post(`/api/channels/communities/${communityId}/join`, { token: user.token }), 200, "join community")).body;
  }

  /** A new user who has joined the community. */
  async function makeMember(community: TestCommunity): Promise<TestUser> {
    const user = await api.register();
    await joinCommunity(user, community.id);
    return user;
  }

  async function setRole(owner: TestUser, communityId: number, member: TestUser, role: "admin" | "member"): Promise<void> {
    const path = `/api/channels/communities/${communityId}/members/${member.user.id}`;
    await expectStatus(api.request("PATCH", path, { token: owner.token, body: { role } }), 200, `make a member ${role}`);
  }

  /** A channel (text and uniquely named unless said otherwise), as the API returned it. */
  async function makeChannel(actor: TestUser, communityId: number, { type, name = uniqueName(type ?? "channel"), ...rest }: ChannelFields = {}): Promise<Channel> {
    const body = { name, ...(type && { type }), ...rest };
    return (await expectStatus(api.post(`/api/channels/communities/${communityId}/channels`, { token: actor.token, body }), 201, "create channel")).body;
  }

  async function befriend(a: TestUser, b: TestUser): Promise<void> {
    const request = await expectStatus(api.post("/api/friends/request", { token: a.token, body: { receiver_id: b.user.id } }), 201, "friend request");
    await expectStatus(api.post(`/api/friends/request/${request.body.request.id}/accept`, { token: b.token }), 200, "accept friend request");
  }

  async function postMessage(sender: TestUser, channelId: number, content = uniqueName("msg"), extra: Record<string, unknown> = {}): Promise<Message> {
    const body = { channel_id: channelId, content, ...extra };
    return (await expectStatus(api.post("/api/messages/send", { token: sender.token, body }), 201, "send message")).body;
  }

  async function postDirectMessage(sender: TestUser, receiver: TestUser, content = uniqueName("dm"), extra: Record<string, unknown> = {}): Promise<DirectMessage> {
    const body = { receiver_id: receiver.user.id, content, ...extra };
    return (await expectStatus(api.post("/api/messages/direct/send", { token: sender.token, body }), 201, "send direct message")).body;
  }

  /** Signs `user` in the way the browser does (next-auth's credentials callback); resolves with the session cookie. */
  async function browserSession(user: TestUser): Promise<string> {
    const csrf = await expectStatus(api.get("/api/auth/csrf", { unchecked: true }), 200, "next-auth csrf");
    const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const signIn = await api.request("POST", "/api/auth/callback/credentials", {
      rawBody: new URLSearchParams({ csrfToken: csrf.body.csrfToken, login: user.user.username, password: user.password, json: "true" }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
      unchecked: true,
    });
    const session = signIn.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
    assert.ok(session, `browser sign-in set no session cookie: ${signIn.status} ${signIn.text}`);
    return session.split(";")[0];
  }

  return { makeUsers, makeCommunity, joinCommunity, makeMember, setRole, makeChannel, befriend, postMessage, postDirectMessage, browserSession };
}

export type Factories = ReturnType<typeof factories>;

export interface World extends Factories {
  /** The running server, for tests (and hooks after the first call to api or db). */
  readonly server: TestServer;
  /** The server's API: usable from any hook or test, as it waits for the server to be up. */
  api: Api;
  /** The server's database, likewise. */
  db: TestDb;
}

/**
 * Starts a real server before the tests of the file (or of the describe block this is called in)
 * and stops it after them; `env` and the other options go to startServer.
 */
export function useServer(options: StartOptions = {}): World {
  let starting: Promise<TestServer> | undefined;
  let server: TestServer | undefined;
  // A file's top-level before hooks run concurrently, so its own set-up may call the API before
  // this hook has started the server: whichever comes first starts it.
  const start = () => (starting ??= (process.env.TEST_CLUSTER ? startClusterAsServer(options) : startServer(options)).then((started) => (server = started)));
  before(start);
  after(() => server?.stop());
  const api = createApi(async () => (await start()).url);
  return {
    get server() {
      if (!server) throw new Error("the test server is not up yet: use world.server inside tests");
      return server;
    },
    api,
    db: testDb(start),
    ...factories(api),
  };
}
