import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isDeepStrictEqual } from "node:util";
import { uniqueName, type ApiResponse, type TestUser } from "./helpers/api";
import { fileForm, pngImage, upload } from "./helpers/uploads";
import { expectStatus, MISSING_ID, useServer } from "./helpers/world";

// Insecure direct object references: a caller who may not see a resource must not be able to tell
// it from one that does not exist. For every route taking an id (in the path or the body), the 404
// for someone else's resource is byte-for-byte the 404 for a missing id of the same kind, and
// neither call changes the database.

const { api, db, makeUsers } = useServer();

interface World {
  /** Owner of `community`. */
  owner: TestUser;
  /** A plain member of `community`, not a member of `secret`. */
  member: TestUser;
  /** Not in `community`; owner of a community of their own. */
  outsider: TestUser;
  /** x sent y a friend request that is still pending; x and z are friends; t is a stranger to all. */
  x: TestUser;
  y: TestUser;
  z: TestUser;
  t: TestUser;
  community: number;
  /** #general of `community`. */
  general: number;
  /** A private channel of `community`: only the owner (its creator). */
  secret: number;
  /** In #general, by the owner. */
  generalMessage: number;
  /** In `secret`, by the owner. */
  secretMessage: number;
  /** x → y, pending. */
  request: number;
  /** A DM from x to y. */
  directMessage: number;
  /** An invite code of `community`, created by the owner. */
  invite: string;
  /** Owned by the owner, not public; only the owner is in it. */
  hiddenCommunity: number;
  /** #general of the outsider's own community. */
  elsewhereGeneral: number;
  /** The owner's upload that no message has taken yet (an image, with a thumbnail). */
  draft: Attachment;
  /** The owner's image, sent in #general. */
  generalFile: Attachment;
  /** The owner's image, sent in `secret`. */
  secretFile: Attachment;
  /** x's image, sent to y. */
  dmFile: Attachment;
  /** The owner's webhooks in #general and in `secret`. */
  generalWebhook: Hook;
  secretWebhook: Hook;
  /** A bot of the owner's. */
  bot: number;
}

type Hook = { id: number; token: string };

type Attachment = { id: number; filename: string };

async function buildWorld(): Promise<World> {
  const [owner, member, outsider, x, y, z, t] = await makeUsers(7);
  const community: number = (
    await expectStatus(api.post("/api/channels/communities", { token: owner.token, body: { name: uniqueName("idor") } }), 201, "create community")
  ).body.id;
  const elsewhere: number = (
    await expectStatus(api.post("/api/channels/communities", { token: outsider.token, body: { name: uniqueName("elsewhere") } }), 201, "create other community")
  ).body.id;
  await expectStatus(api.post(`/api/channels/communities/${community}/join`, { token: member.token }), 200, "join");
  const channels = await expectStatus(api.get(`/api/channels/communities/${community}/channels`, { token: owner.token }), 200, "list channels");
  const general: number = channels.body.find((c: { name: string }) => c.name === "general").id;
  const elsewhereChannels = await expectStatus(api.get(`/api/channels/communities/${elsewhere}/channels`, { token: outsider.token }), 200, "list other channels");
  const elsewhereGeneral: number = elsewhereChannels.body.find((c: { name: string }) => c.name === "general").id;
  const secret: number = (
    await expectStatus(api.post(`/api/channels/communities/${community}/channels`, { token: owner.token, body: { name: "secret", type: "private" } }), 201, "create private")
  ).body.id;
  const send = async (channel_id: number, content: string): Promise<number> =>
    (await expectStatus(api.post("/api/messages/send", { token: owner.token, body: { channel_id, content } }), 201, "send")).body.id;
  const generalMessage = await send(general, "visible to members");
  const secretMessage = await send(secret, "visible to the private channel");
  const request: number = (
    await expectStatus(api.post("/api/friends/request", { token: x.token, body: { receiver_id: y.user.id } }), 201, "friend request x → y")
  ).body.request.id;
  const directMessage: number = (
    await expectStatus(api.post("/api/messages/direct/send", { token: x.token, body: { receiver_id: y.user.id, content: "between x and y" } }), 201, "DM x → y")
  ).body.id;
  const zx = await expectStatus(api.post("/api/friends/request", { token: z.token, body: { receiver_id: x.user.id } }), 201, "friend request z → x");
  await expectStatus(api.post(`/api/friends/request/${zx.body.request.id}/accept`, { token: x.token }), 200, "x accepts z");
  const invite: string = (
    await expectStatus(api.post(`/api/channels/communities/${community}/invites`, { token: owner.token, body: {} }), 201, "invite")
  ).body.code;
  const hiddenCommunity: number = (
    await expectStatus(api.post("/api/channels/communities", { token: owner.token, body: { name: uniqueName("hidden"), is_public: false } }), 201, "create non-public")
  ).body.id;
  const image = await pngImage(48, 32);
  const sendWith = async (channel_id: number, user: TestUser) => {
    const attachment = await upload(api, user, image, "photo.png");
    await expectStatus(api.post("/api/messages/send", { token: user.token, body: { channel_id, content: "", attachment_ids: [attachment.id] } }), 201, "send a file");
    return attachment;
  };
  const draft = await upload(api, owner, image, "draft.png");
  const [generalFile, secretFile] = [await sendWith(general, owner), await sendWith(secret, owner)];
  const dmFile = await upload(api, x, image, "for-y.png");
  await expectStatus(api.post("/api/messages/direct/send", { token: x.token, body: { receiver_id: y.user.id, content: "", attachment_ids: [dmFile.id] } }), 201, "DM a file");
  const bot = (await expectStatus(api.post("/api/bots", { token: owner.token, body: { username: uniqueName("bot") } }), 201, "create a bot")).body.bot.id;
  const webhook = async (channel: number): Promise<Hook> =>
    (await expectStatus(api.post(`/api/channels/${channel}/webhooks`, { token: owner.token, body: { name: "hook" } }), 201, "create webhook")).body;
  const [generalWebhook, secretWebhook] = [await webhook(general), await webhook(secret)];
  return {
    owner, member, outsider, x, y, z, t, community, general, secret, generalMessage, secretMessage, request, directMessage, invite, hiddenCommunity,
    elsewhereGeneral, draft, generalFile, secretFile, dmFile, bot, generalWebhook, secretWebhook,
  };
}

// The world is shared: a correct 404 changes nothing. If a case does change the database, the world
// is rebuilt for the next case so that one bug does not cascade.
let world: Promise<World> | undefined;
const getWorld = () => (world ??= buildWorld());

type Caller = "owner" | "member" | "outsider" | "t";
type Call = { path: string; body?: unknown; form?: () => FormData };

interface Case {
  name: string;
  caller: Caller;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The request for the resource the caller may not see. */
  hidden: (w: World) => Call;
  /** The same request for an id of the same kind that does not exist. */
  missing: (w: World) => Call;
  /** The hidden resource exists (so the 404 is not about a wrong id), checked in the database. */
  exists: (w: World) => string;
}

const TABLES = {
  community: "communities",
  channel: "channels",
  message: "messages",
  request: "friend_requests",
  directMessage: "direct_messages",
  user: "users",
  attachment: "attachments",
  webhook: "webhooks",
} as const;
const existsIn = (kind: keyof typeof TABLES, id: (w: World) => number) => (w: World) => `SELECT id FROM ${TABLES[kind]} WHERE id = ${id(w)}`;

/** Runs the two requests, both 404 with identical bodies, and checks the database did not move. */
async function assertIndistinguishable(c: Case) {
  const w = await getWorld();
  assert.ok(await db.one(c.exists(w)), "the hidden resource exists");
  const countsBefore = await db.tableCounts();
  const dumpBefore = await db.dump();
  const token = w[c.caller].token;
  let hidden: ApiResponse | undefined;
  let missing: ApiResponse | undefined;
  try {
    const hiddenCall = c.hidden(w);
    hidden = await api.request(c.method, hiddenCall.path, { token, body: hiddenCall.body, form: hiddenCall.form?.() });
    const missingCall = c.missing(w);
    missing = await api.request(c.method, missingCall.path, { token, body: missingCall.body, form: missingCall.form?.() });
  } finally {
    if (!isDeepStrictEqual(await db.dump(), dumpBefore) || (hidden && hidden.status !== 404)) world = undefined;
  }
  assert.ok(hidden && missing);
  assert.equal(hidden.status, 404, `hidden: ${hidden.text}`);
  assert.equal(hidden.body.error.code, "not_found");
  assert.equal(missing.status, 404, `missing: ${missing.text}`);
  assert.equal(hidden.text, missing.text, "the body for a hidden resource is byte-identical to the body for a missing one");
  assert.deepEqual(await db.tableCounts(), countsBefore, "no row added or removed");
  assert.deepEqual(await db.dump(), dumpBefore, "no row changed");
}

/** A reply to a message the caller may not see answers byte for byte as one to a missing message (400), storing nothing. */
async function assertReplyLikeMissing(hiddenId: number, send: (replyTo: number) => Promise<ApiResponse>) {
  const before = await db.dump();
  const hidden = await send(hiddenId);
  const missing = await send(MISSING_ID);
  assert.equal(hidden.status, 400, hidden.text);
  assert.equal(hidden.body.error.code, "invalid_request");
  assert.equal(hidden.text, missing.text);
  assert.deepEqual(await db.dump(), before);
}

function cases(list: Case[]) {
  for (const c of list) it(c.name, () => assertIndistinguishable(c));
}

describe("communities the caller is not in", () => {
  const C = (w: World) => `/api/channels/communities/${w.community}`;
  const M = `/api/channels/communities/${MISSING_ID}`;
  const exists = existsIn("community", (w) => w.community);
  const base = { caller: "outsider" as const, exists };
  cases([
    { ...base, name: "GET /api/channels/communities/{id}/channels", method: "GET", hidden: (w) => ({ path: `${C(w)}/channels` }), missing: () => ({ path: `${M}/channels` }) },
    {
      ...base, name: "POST /api/channels/communities/{id}/channels", method: "POST",
      hidden: (w) => ({ path: `${C(w)}/channels`, body: { name: "sneaky" } }), missing: () => ({ path: `${M}/channels`, body: { name: "sneaky" } }),
    },
    {
      ...base, name: "GET /api/channels/community/members?community_id=", method: "GET",
      hidden: (w) => ({ path: `/api/channels/community/members?community_id=${w.community}` }),
      missing: () => ({ path: `/api/channels/community/members?community_id=${MISSING_ID}` }),
    },
    {
      ...base, name: "GET /api/messages/search?community_id=", method: "GET",
      hidden: (w) => ({ path: `/api/messages/search?q=visible&community_id=${w.community}` }),
      missing: () => ({ path: `/api/messages/search?q=visible&community_id=${MISSING_ID}` }),
    },
    { ...base, name: "POST /api/channels/communities/{id}/leave", method: "POST", hidden: (w) => ({ path: `${C(w)}/leave` }), missing: () => ({ path: `${M}/leave` }) },
    {
      ...base, name: "DELETE /api/channels/communities/{id}/members/{user_id} (kick a member)", method: "DELETE",
      hidden: (w) => ({ path: `${C(w)}/members/${w.member.user.id}` }), missing: (w) => ({ path: `${M}/members/${w.member.user.id}` }),
    },
    {
      ...base, name: "PATCH /api/channels/communities/{id}/members/{user_id} (make a member admin)", method: "PATCH",
      hidden: (w) => ({ path: `${C(w)}/members/${w.member.user.id}`, body: { role: "admin" } }),
      missing: (w) => ({ path: `${M}/members/${w.member.user.id}`, body: { role: "admin" } }),
    },
    {
      ...base, name: "PATCH /api/channels/communities/{id}", method: "PATCH",
      hidden: (w) => ({ path: C(w), body: { name: "taken over" } }), missing: () => ({ path: M, body: { name: "taken over" } }),
    },
    { ...base, name: "DELETE /api/channels/communities/{id}", method: "DELETE", hidden: (w) => ({ path: C(w) }), missing: () => ({ path: M }) },
    {
      ...base, name: "POST /api/channels/communities/{id}/invites", method: "POST",
      hidden: (w) => ({ path: `${C(w)}/invites`, body: {} }), missing: () => ({ path: `${M}/invites`, body: {} }),
    },
    { ...base, name: "GET /api/channels/communities/{id}/invites", method: "GET", hidden: (w) => ({ path: `${C(w)}/invites` }), missing: () => ({ path: `${M}/invites` }) },
    {
      ...base, name: "PUT /api/channels/communities/{id}/bans/{user_id} (ban a member)", method: "PUT",
      hidden: (w) => ({ path: `${C(w)}/bans/${w.member.user.id}`, body: { reason: "takeover" } }),
      missing: (w) => ({ path: `${M}/bans/${w.member.user.id}`, body: { reason: "takeover" } }),
    },
    {
      ...base, name: "DELETE /api/channels/communities/{id}/bans/{user_id}", method: "DELETE",
      hidden: (w) => ({ path: `${C(w)}/bans/${w.member.user.id}` }), missing: (w) => ({ path: `${M}/bans/${w.member.user.id}` }),
    },
    { ...base, name: "GET /api/channels/communities/{id}/bans", method: "GET", hidden: (w) => ({ path: `${C(w)}/bans` }), missing: () => ({ path: `${M}/bans` }) },
    { ...base, name: "GET /api/channels/communities/{id}/audit-log", method: "GET", hidden: (w) => ({ path: `${C(w)}/audit-log` }), missing: () => ({ path: `${M}/audit-log` }) },
    {
      ...base, name: "GET /api/channels/communities/{id}/notifications", method: "GET",
      hidden: (w) => ({ path: `${C(w)}/notifications` }), missing: () => ({ path: `${M}/notifications` }),
    },
    {
      ...base, name: "PUT /api/channels/communities/{id}/notifications", method: "PUT",
      hidden: (w) => ({ path: `${C(w)}/notifications`, body: { level: "none" } }), missing: () => ({ path: `${M}/notifications`, body: { level: "none" } }),
    },
    {
      ...base, name: "POST /api/channels/community/add-member (body community_id)", method: "POST",
      hidden: (w) => ({ path: "/api/channels/community/add-member", body: { community_id: w.community, user_id: w.t.user.id } }),
      missing: (w) => ({ path: "/api/channels/community/add-member", body: { community_id: MISSING_ID, user_id: w.t.user.id } }),
    },
  ]);

  it("GET /api/channels/communities/{id} stays public by design for a public community: it is discoverable", async () => {
    const w = await getWorld();
    const response = await api.get(`/api/channels/communities/${w.community}`, { token: w.outsider.token });
    assert.equal(response.status, 200);
    assert.equal(response.body.id, w.community);
    assert.equal(response.body.role, null);
    assert.equal((await api.get(`/api/channels/communities/${MISSING_ID}`, { token: w.outsider.token })).status, 404);
  });
});

describe("non-public communities the caller is not in", () => {
  const base = { caller: "outsider" as const, exists: existsIn("community", (w) => w.hiddenCommunity) };
  const H = (w: World) => `/api/channels/communities/${w.hiddenCommunity}`;
  const M = `/api/channels/communities/${MISSING_ID}`;
  cases([
    { ...base, name: "GET /api/channels/communities/{id} of a non-public community", method: "GET", hidden: (w) => ({ path: H(w) }), missing: () => ({ path: M }) },
    { ...base, name: "POST /api/channels/communities/{id}/join of a non-public community", method: "POST", hidden: (w) => ({ path: `${H(w)}/join` }), missing: () => ({ path: `${M}/join` }) },
  ]);
});

describe("invite codes of a community the caller is not in", () => {
  const unknownCode = "Zz9Zz9Zz9Z";
  cases([
    {
      name: "DELETE /api/invites/{code}", caller: "outsider", method: "DELETE",
      exists: (w) => `SELECT code FROM invites WHERE code = '${w.invite}'`,
      hidden: (w) => ({ path: `/api/invites/${w.invite}` }),
      missing: () => ({ path: `/api/invites/${unknownCode}` }),
    },
  ]);
});

describe("users who are not members, as the target of a member route (owner calling)", () => {
  const exists = existsIn("user", (w) => w.outsider.user.id);
  const base = { caller: "owner" as const, exists };
  cases([
    {
      ...base, name: "DELETE /api/channels/communities/{id}/members/{user_id} for a user outside the community", method: "DELETE",
      hidden: (w) => ({ path: `/api/channels/communities/${w.community}/members/${w.outsider.user.id}` }),
      missing: (w) => ({ path: `/api/channels/communities/${w.community}/members/${MISSING_ID}` }),
    },
    {
      ...base, name: "PATCH /api/channels/communities/{id}/members/{user_id} for a user outside the community", method: "PATCH",
      hidden: (w) => ({ path: `/api/channels/communities/${w.community}/members/${w.outsider.user.id}`, body: { role: "admin" } }),
      missing: (w) => ({ path: `/api/channels/communities/${w.community}/members/${MISSING_ID}`, body: { role: "admin" } }),
    },
    {
      ...base, name: "POST /api/channels/{id}/members for a user outside the community (body user_id)", method: "POST",
      hidden: (w) => ({ path: `/api/channels/${w.secret}/members`, body: { user_id: w.outsider.user.id } }),
      missing: (w) => ({ path: `/api/channels/${w.secret}/members`, body: { user_id: MISSING_ID } }),
    },
    {
      ...base, name: "DELETE /api/channels/communities/{id}/bans/{user_id} for a user who is not banned", method: "DELETE",
      hidden: (w) => ({ path: `/api/channels/communities/${w.community}/bans/${w.outsider.user.id}` }),
      missing: (w) => ({ path: `/api/channels/communities/${w.community}/bans/${MISSING_ID}` }),
    },
    {
      ...base, name: "DELETE /api/channels/{id}/members/{user_id} for a community member not in the private channel", method: "DELETE",
      exists: existsIn("user", (w) => w.member.user.id),
      hidden: (w) => ({ path: `/api/channels/${w.secret}/members/${w.member.user.id}` }),
      missing: (w) => ({ path: `/api/channels/${w.secret}/members/${MISSING_ID}` }),
    },
  ]);
});

/** The channel routes, for a channel the caller cannot see. */
function channelCases(caller: Caller, channel: (w: World) => number, label: string): Case[] {
  const exists = existsIn("channel", channel);
  const byId = (suffix: string, method: Case["method"], body?: (w: World) => unknown): Case => ({
    name: `${method} /api/channels/{id}${suffix} (${label})`,
    caller, method, exists,
    hidden: (w) => ({ path: `/api/channels/${channel(w)}${suffix}`, body: body?.(w) }),
    missing: (w) => ({ path: `/api/channels/${MISSING_ID}${suffix}`, body: body?.(w) }),
  });
  const byBody = (path: string, extra: (w: World) => Record<string, unknown>): Case => ({
    name: `POST ${path} (body channel_id; ${label})`,
    caller, method: "POST", exists,
    hidden: (w) => ({ path, body: { channel_id: channel(w), ...extra(w) } }),
    missing: (w) => ({ path, body: { channel_id: MISSING_ID, ...extra(w) } }),
  });
  return [
    byId("", "GET"),
    byId("", "PATCH", () => ({ name: "renamed" })),
    byId("", "DELETE"),
    byId("/join", "POST"),
    byId("/leave", "POST"),
    byId("/members", "GET"),
    byId("/members", "POST", (w) => ({ user_id: w.member.user.id })),
    { ...byId("/members/{user_id}", "DELETE"), hidden: (w) => ({ path: `/api/channels/${channel(w)}/members/${w.owner.user.id}` }), missing: (w) => ({ path: `/api/channels/${MISSING_ID}/members/${w.owner.user.id}` }) },
    byId("/pins", "GET"),
    byId("/voice", "GET"),
    byId("/webhooks", "GET"),
    byId("/webhooks", "POST", () => ({ name: "sneaky" })),
    ...(["PUT", "DELETE"] as const).map((method): Case => ({
      ...byId("/pins/{message_id}", method),
      hidden: (w) => ({ path: `/api/channels/${channel(w)}/pins/${w.generalMessage}` }),
      missing: (w) => ({ path: `/api/channels/${MISSING_ID}/pins/${w.generalMessage}` }),
    })),
    {
      name: `GET /api/messages/channel/{id} (${label})`,
      caller, method: "GET", exists,
      hidden: (w) => ({ path: `/api/messages/channel/${channel(w)}` }),
      missing: () => ({ path: `/api/messages/channel/${MISSING_ID}` }),
    },
    {
      name: `GET /api/messages/search?channel_id= (${label})`,
      caller, method: "GET", exists,
      hidden: (w) => ({ path: `/api/messages/search?q=visible&channel_id=${channel(w)}` }),
      missing: () => ({ path: `/api/messages/search?q=visible&channel_id=${MISSING_ID}` }),
    },
    byBody("/api/messages/send", () => ({ content: "let me in" })),
    byBody("/api/messages/read", () => ({})),
    byBody("/api/messages/unread", (w) => ({ message_id: w.generalMessage })),
    byId("/notifications", "GET"),
    byId("/notifications", "PUT", () => ({ level: "none" })),
    byId("/summary", "POST"),
  ];
}

describe("channels in a community the caller is not in", () => {
  cases(channelCases("outsider", (w) => w.general, "#general of another community"));
});

describe("private channels the caller is not a member of", () => {
  cases(channelCases("member", (w) => w.secret, "a private channel of the caller's own community"));
});

describe("messages the caller cannot see", () => {
  const exists = (id: (w: World) => number) => existsIn("message", id);
  cases([
    {
      name: "PUT /api/messages/{id} in another community", caller: "outsider", method: "PUT", exists: exists((w) => w.generalMessage),
      hidden: (w) => ({ path: `/api/messages/${w.generalMessage}`, body: { content: "rewritten" } }),
      missing: () => ({ path: `/api/messages/${MISSING_ID}`, body: { content: "rewritten" } }),
    },
    {
      name: "DELETE /api/messages/{id} in another community", caller: "outsider", method: "DELETE", exists: exists((w) => w.generalMessage),
      hidden: (w) => ({ path: `/api/messages/${w.generalMessage}` }),
      missing: () => ({ path: `/api/messages/${MISSING_ID}` }),
    },
    {
      name: "PUT /api/messages/{id} in a private channel of the caller's community", caller: "member", method: "PUT", exists: exists((w) => w.secretMessage),
      hidden: (w) => ({ path: `/api/messages/${w.secretMessage}`, body: { content: "rewritten" } }),
      missing: () => ({ path: `/api/messages/${MISSING_ID}`, body: { content: "rewritten" } }),
    },
    {
      name: "DELETE /api/messages/{id} in a private channel of the caller's community", caller: "member", method: "DELETE", exists: exists((w) => w.secretMessage),
      hidden: (w) => ({ path: `/api/messages/${w.secretMessage}` }),
      missing: () => ({ path: `/api/messages/${MISSING_ID}` }),
    },
    {
      name: "POST /api/messages/read with a message_id from a private channel (body message_id)", caller: "member", method: "POST",
      exists: exists((w) => w.secretMessage),
      hidden: (w) => ({ path: "/api/messages/read", body: { channel_id: w.general, message_id: w.secretMessage } }),
      missing: (w) => ({ path: "/api/messages/read", body: { channel_id: w.general, message_id: MISSING_ID } }),
    },
    {
      name: "POST /api/messages/unread with a message_id from a private channel (body message_id)", caller: "member", method: "POST",
      exists: exists((w) => w.secretMessage),
      hidden: (w) => ({ path: "/api/messages/unread", body: { channel_id: w.general, message_id: w.secretMessage } }),
      missing: (w) => ({ path: "/api/messages/unread", body: { channel_id: w.general, message_id: MISSING_ID } }),
    },
  ]);

  cases(
    (["PUT", "DELETE"] as const).map((method): Case => ({
      name: `${method} /api/channels/{id}/pins/{message_id} with a message of another community, through the caller's own channel`,
      caller: "outsider", method, exists: exists((w) => w.generalMessage),
      hidden: (w) => ({ path: `/api/channels/${w.elsewhereGeneral}/pins/${w.generalMessage}` }),
      missing: (w) => ({ path: `/api/channels/${w.elsewhereGeneral}/pins/${MISSING_ID}` }),
    })),
  );
  describe("reactions", () => {
    const thumbsUp = encodeURIComponent("👍");
    const reactionCases = (where: string, caller: Caller, message: (w: World) => number): Case[] =>
      (["PUT", "DELETE", "GET"] as const).map((method) => ({
        name: `${method} /api/messages/{id}/reactions/{emoji} ${where}`, caller, method, exists: exists(message),
        hidden: (w) => ({ path: `/api/messages/${message(w)}/reactions/${thumbsUp}` }),
        missing: () => ({ path: `/api/messages/${MISSING_ID}/reactions/${thumbsUp}` }),
      }));
    cases([
      ...reactionCases("in another community", "outsider", (w) => w.generalMessage),
      ...reactionCases("in a private channel of the caller's community", "member", (w) => w.secretMessage),
    ]);
  });

  it("POST /api/messages/send with reply_to in a private channel answers exactly as for a missing reply_to (400)", async () => {
    const w = await getWorld();
    await assertReplyLikeMissing(w.secretMessage, (reply_to) => api.post("/api/messages/send", { token: w.member.token, body: { channel_id: w.general, content: "re", reply_to } }));
  });
});

describe("attachments the caller may not read", () => {
  const exists = (file: (w: World) => Attachment) => existsIn("attachment", (w) => file(w).id);
  const reads = (name: string, caller: Caller, file: (w: World) => Attachment): Case[] => [
    {
      name: `GET /api/attachments/{id}/{filename}: ${name}`, caller, method: "GET", exists: exists(file),
      hidden: (w) => ({ path: `/api/attachments/${file(w).id}/${file(w).filename}` }),
      missing: (w) => ({ path: `/api/attachments/${MISSING_ID}/${file(w).filename}` }),
    },
    {
      name: `GET /api/attachments/{id}/thumbnail: ${name}`, caller, method: "GET", exists: exists(file),
      hidden: (w) => ({ path: `/api/attachments/${file(w).id}/thumbnail` }),
      missing: () => ({ path: `/api/attachments/${MISSING_ID}/thumbnail` }),
    },
  ];
  cases([
    ...reads("another user's upload that no message has taken", "t", (w) => w.draft),
    ...reads("a file in another community", "outsider", (w) => w.generalFile),
    ...reads("a file in a private channel of the caller's community", "member", (w) => w.secretFile),
    ...reads("a file in a DM between two other users", "t", (w) => w.dmFile),
    {
      name: "POST /api/channels/communities/{id}/icon for a community the caller is not in", caller: "outsider", method: "POST",
      exists: existsIn("community", (w) => w.community),
      hidden: (w) => ({ path: `/api/channels/communities/${w.community}/icon`, form: () => fileForm(Buffer.from("not read"), "icon.png") }),
      missing: () => ({ path: `/api/channels/communities/${MISSING_ID}/icon`, form: () => fileForm(Buffer.from("not read"), "icon.png") }),
    },
  ]);

  it("POST /api/messages/send with attachment_ids of someone else's upload answers exactly as for a missing id (400)", async () => {
    const w = await getWorld();
    const before = await db.dump();
    const send = (id: number) => api.post("/api/messages/send", { token: w.member.token, body: { channel_id: w.general, content: "", attachment_ids: [id] } });
    const [hidden, missing] = [await send(w.draft.id), await send(MISSING_ID)];
    assert.equal(hidden.status, 400, hidden.text);
    assert.equal(hidden.text.replace(String(w.draft.id), "ID"), missing.text.replace(String(MISSING_ID), "ID"));
    assert.deepEqual(await db.dump(), before);
  });
});

describe("webhooks of channels the caller cannot read", () => {
  const exists = (hook: (w: World) => Hook) => existsIn("webhook", (w) => hook(w).id);
  cases([
    {
      name: "DELETE /api/webhooks/{id} of #general of another community", caller: "outsider", method: "DELETE", exists: exists((w) => w.generalWebhook),
      hidden: (w) => ({ path: `/api/webhooks/${w.generalWebhook.id}` }),
      missing: () => ({ path: `/api/webhooks/${MISSING_ID}` }),
    },
    {
      name: "DELETE /api/webhooks/{id} of a private channel of the caller's community", caller: "member", method: "DELETE", exists: exists((w) => w.secretWebhook),
      hidden: (w) => ({ path: `/api/webhooks/${w.secretWebhook.id}` }),
      missing: () => ({ path: `/api/webhooks/${MISSING_ID}` }),
    },
    {
      // The token is the credential: a wrong one for a real webhook is an unknown webhook (the caller's own token counts for nothing).
      name: "POST /api/webhooks/{id}/{token} with a wrong token", caller: "owner", method: "POST", exists: exists((w) => w.secretWebhook),
      hidden: (w) => ({ path: `/api/webhooks/${w.secretWebhook.id}/${"A".repeat(43)}`, body: { content: "guess" } }),
      missing: (w) => ({ path: `/api/webhooks/${MISSING_ID}/${w.secretWebhook.token}`, body: { content: "guess" } }),
    },
  ]);
});

describe("friend requests between two other users", () => {
  const exists = existsIn("request", (w) => w.request);
  const base = { caller: "t" as const, method: "POST" as const, exists };
  cases(
    (["accept", "reject", "cancel"] as const).map((action) => ({
      ...base,
      name: `POST /api/friends/request/{id}/${action}`,
      hidden: (w: World) => ({ path: `/api/friends/request/${w.request}/${action}` }),
      missing: () => ({ path: `/api/friends/request/${MISSING_ID}/${action}` }),
    })),
  );

  it("leaves the request pending for its real sender and receiver", async () => {
    const w = await getWorld();
    const row = await db.one<{ status: string }>("SELECT status FROM friend_requests WHERE id = ?", w.request);
    assert.equal(row?.status, "pending");
    const incoming = await api.get("/api/friends/requests/pending", { token: w.y.token });
    assert.deepEqual(incoming.body.map((r: { id: number }) => r.id), [w.request]);
  });
});

describe("direct messages of a conversation the caller is not part of", () => {
  const exists = existsIn("directMessage", (w) => w.directMessage);
  const base = { caller: "t" as const, exists };
  cases([
    {
      ...base, name: "PUT /api/messages/direct/message/{id}", method: "PUT",
      hidden: (w) => ({ path: `/api/messages/direct/message/${w.directMessage}`, body: { content: "rewritten" } }),
      missing: () => ({ path: `/api/messages/direct/message/${MISSING_ID}`, body: { content: "rewritten" } }),
    },
    {
      ...base, name: "DELETE /api/messages/direct/message/{id}", method: "DELETE",
      hidden: (w) => ({ path: `/api/messages/direct/message/${w.directMessage}` }),
      missing: () => ({ path: `/api/messages/direct/message/${MISSING_ID}` }),
    },
    ...(["PUT", "DELETE", "GET"] as const).map((method) => ({
      ...base, name: `${method} /api/messages/direct/message/{id}/reactions/{emoji}`, method,
      hidden: (w: World) => ({ path: `/api/messages/direct/message/${w.directMessage}/reactions/${encodeURIComponent("👍")}` }),
      missing: () => ({ path: `/api/messages/direct/message/${MISSING_ID}/reactions/${encodeURIComponent("👍")}` }),
    })),
  ]);

  it("POST /api/messages/direct/send with reply_to from another conversation answers exactly as for a missing reply_to (400)", async () => {
    const w = await getWorld();
    await assertReplyLikeMissing(w.directMessage, (reply_to) => api.post("/api/messages/direct/send", { token: w.t.token, body: { receiver_id: w.y.user.id, content: "re", reply_to } }));
  });

  it("leaves the DM as x wrote it", async () => {
    const w = await getWorld();
    const conversation = await api.get(`/api/messages/direct/${w.y.user.id}`, { token: w.x.token });
    const texts = conversation.body.filter((m: { attachments: unknown[] }) => m.attachments.length === 0);
    assert.deepEqual(texts.map((m: { id: number; content: string }) => [m.id, m.content]), [[w.directMessage, "between x and y"]]);
  });
});

describe("friendships the caller is not part of", () => {
  cases([
    {
      name: "DELETE /api/friends/{id} for a user who is someone else's friend but not the caller's", caller: "t", method: "DELETE",
      exists: existsIn("user", (w) => w.x.user.id),
      hidden: (w) => ({ path: `/api/friends/${w.x.user.id}` }),
      missing: () => ({ path: `/api/friends/${MISSING_ID}` }),
    },
  ]);

  it("leaves x and z friends", async () => {
    const w = await getWorld();
    const friends = await api.get("/api/channels/friends", { token: w.x.token });
    assert.deepEqual(friends.body.map((f: { id: number }) => f.id), [w.z.user.id]);
  });
});

describe("bots of another user", () => {
  const botCase = (method: Case["method"], suffix: string, body?: unknown): Case => ({
    name: `${method} /api/bots/{id}${suffix} for the owner's bot`, caller: "t", method,
    exists: existsIn("user", (w) => w.bot),
    hidden: (w) => ({ path: `/api/bots/${w.bot}${suffix}`, body }),
    missing: () => ({ path: `/api/bots/${MISSING_ID}${suffix}`, body }),
  });
  cases([botCase("PATCH", "", { display_name: "Taken over" }), botCase("POST", "/token"), botCase("DELETE", "")]);
});

describe("sessions of another user", () => {
  const ownerSession = (w: World) => JSON.parse(Buffer.from(w.owner.token.split(".")[1], "base64url").toString()).jti as string;
  cases([
    {
      name: "DELETE /api/auth/sessions/{id} for the owner's session", caller: "t", method: "DELETE",
      exists: (w) => `SELECT id FROM user_sessions WHERE id = '${ownerSession(w)}'`,
      hidden: (w) => ({ path: `/api/auth/sessions/${ownerSession(w)}` }),
      missing: () => ({ path: "/api/auth/sessions/6f1c2d3e-4b5a-4c6d-8e7f-0123456789ab" }),
    },
  ]);

  it("leaves the owner signed in", async () => {
    const w = await getWorld();
    assert.equal((await api.get("/api/auth/me", { token: w.owner.token })).status, 200);
  });
});

describe("user ids in bodies: every user is visible, a missing one is 404 and nothing is stored", () => {
  const missingUser: { name: string; call: (w: World) => Call }[] = [
    { name: "POST /api/messages/direct/send (receiver_id)", call: () => ({ path: "/api/messages/direct/send", body: { receiver_id: MISSING_ID, content: "hello?" } }) },
    { name: "POST /api/friends/request (receiver_id)", call: () => ({ path: "/api/friends/request", body: { receiver_id: MISSING_ID } }) },
    { name: "POST /api/messages/read (user_id)", call: () => ({ path: "/api/messages/read", body: { user_id: MISSING_ID } }) },
    {
      name: "POST /api/channels/community/add-member (user_id)",
      call: (w) => ({ path: "/api/channels/community/add-member", body: { community_id: w.community, user_id: MISSING_ID } }),
    },
  ];
  for (const { name, call } of missingUser) {
    it(`${name} for a user id that does not exist → 404`, async () => {
      const w = await getWorld();
      const before = await db.dump();
      const { path, body } = call(w);
      const response = await api.post(path, { token: w.owner.token, body });
      assert.equal(response.status, 404, response.text);
      assert.equal(response.body.error.code, "not_found");
      assert.deepEqual(await db.dump(), before);
    });
  }
});
