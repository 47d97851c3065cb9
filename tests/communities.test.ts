import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { uniqueName, type TestUser } from "./helpers/api";
import { assertError, MISSING_ID, useServer } from "./helpers/world";

const { api, db, makeUsers, joinCommunity } = useServer();

async function createCommunity(owner: TestUser, body: Record<string, unknown> = {}) {
  const response = await api.post("/api/channels/communities", { token: owner.token, body: { name: uniqueName("Guild"), ...body } });
  assert.equal(response.status, 201, response.text);
  return response.body;
}

function getCommunity(user: TestUser, communityId: number) {
  return api.get(`/api/channels/communities/${communityId}`, { token: user.token });
}

async function memberCount(communityId: number, viewer: TestUser): Promise<number> {
  const response = await getCommunity(viewer, communityId);
  assert.equal(response.status, 200, response.text);
  return response.body.member_count;
}

const memberRows = (communityId: number) => db.count("community_members WHERE community_id = ?", communityId);

function setRole(actor: TestUser, communityId: number, userId: number, role: string) {
  return api.request("PATCH", `/api/channels/communities/${communityId}/members/${userId}`, { token: actor.token, body: { role } });
}

function kick(actor: TestUser, communityId: number, userId: number) {
  return api.request("DELETE", `/api/channels/communities/${communityId}/members/${userId}`, { token: actor.token });
}

/** A community with an owner, an admin, a plain member, and an outsider who is in none of it. */
async function communityWithRoles() {
  const [owner, admin, member, outsider] = await makeUsers(4);
  const community = await createCommunity(owner);
  await joinCommunity(admin, community.id);
  await joinCommunity(member, community.id);
  const promoted = await setRole(owner, community.id, admin.user.id, "admin");
  assert.equal(promoted.status, 200, promoted.text);
  return { owner, admin, member, outsider, community };
}

/** Every page of discover for `user`, with the given page size. */
async function discoverAll(user: TestUser, limit = 100) {
  const all: any[] = [];
  for (let offset = 0; ; offset += limit) {
    const response = await api.get(`/api/channels/communities/discover?limit=${limit}&offset=${offset}`, { token: user.token });
    assert.equal(response.status, 200, response.text);
    all.push(...response.body);
    if (response.body.length < limit) return all;
  }
}

describe("authentication", () => {
  const routes: [string, string][] = [
    ["GET", "/api/channels/communities"],
    ["POST", "/api/channels/communities"],
    ["GET", "/api/channels/communities/discover"],
    ["GET", "/api/channels/communities/1"],
    ["PATCH", "/api/channels/communities/1"],
    ["DELETE", "/api/channels/communities/1"],
    ["POST", "/api/channels/communities/1/join"],
    ["POST", "/api/channels/communities/1/leave"],
    ["GET", "/api/channels/community/members?community_id=1"],
    ["POST", "/api/channels/community/add-member"],
    ["DELETE", "/api/channels/communities/1/members/1"],
    ["PATCH", "/api/channels/communities/1/members/1"],
  ];
  for (const [method, path] of routes) {
    it(`${method} ${path} answers 401 without credentials`, async () => {
      const response = await api.request(method, path, { body: method === "GET" || method === "DELETE" ? undefined : {} });
      assertError(response, 401, "unauthorized");
    });
  }
});

describe("POST /api/channels/communities", () => {
  it("creates a community owned by the caller, with one member and a #general text channel", async () => {
    const owner = await api.register({ display_name: "Founder" });
    const name = uniqueName("Guild");
    const response = await api.post("/api/channels/communities", {
      token: owner.token,
      body: { name: `  ${name}  `, description: "A place", color: "#7c3aed", icon: "https://example.test/icon.png" },
    });
    assert.equal(response.status, 201);
    const community = response.body;
    assert.equal(community.name, name, "name is trimmed");
    assert.equal(community.role, "owner");
    assert.equal(community.member_count, 1);
    assert.equal(community.creator_id, owner.user.id);
    assert.deepEqual(community.creator, { username: owner.user.username, display_name: "Founder", avatar_url: null });
    assert.equal(community.description, "A place");
    assert.equal(community.color, "#7c3aed");
    assert.equal(community.icon, "https://example.test/icon.png");
    assert.equal(community.banner_url, null);

    const channels = await api.get(`/api/channels/communities/${community.id}/channels`, { token: owner.token });
    assert.equal(channels.status, 200);
    assert.equal(channels.body.length, 1);
    assert.equal(channels.body[0].name, "general");
    assert.equal(channels.body[0].type, "text");
    assert.equal(channels.body[0].community_id, community.id);

    const row = await db.one<{ role: string }>("SELECT role FROM community_members WHERE community_id = ? AND user_id = ?", community.id, owner.user.id);
    assert.equal(row?.role, "owner");
    assert.equal(await memberRows(community.id), 1);
  });

  const invalid: [string, Record<string, unknown>][] = [
    ["a blank name", { name: "   " }],
    ["a missing name", { description: "no name" }],
    ["a name over 100 characters", { name: "x".repeat(101) }],
    ["a colour that is not #rrggbb", { name: "ok", color: "purple" }],
    ["an icon that is not an http(s) URL", { name: "ok", icon: "javascript:alert(1)" }],
  ];
  let validationUser: TestUser;
  before(async () => {
    validationUser = await api.register();
  });
  for (const [what, body] of invalid) {
    it(`returns 400 for ${what}`, async () => {
      const owner = validationUser;
      const before = (await db.tableCounts()).communities;
      const response = await api.post("/api/channels/communities", { token: owner.token, body });
      assertError(response, 400, "invalid_request");
      assert.equal((await db.tableCounts()).communities, before, "nothing is stored");
    });
  }

  it("never writes role, member_count or creator_id from the body", async () => {
    const [owner, other] = await makeUsers(2);
    const response = await api.post("/api/channels/communities", {
      token: owner.token,
      body: { name: uniqueName("Guild"), member_count: 999, creator_id: other.user.id, role: "member" },
    });
    if (response.status === 201) {
      assert.equal(response.body.member_count, 1);
      assert.equal(response.body.creator_id, owner.user.id);
      assert.equal(response.body.role, "owner");
    } else {
      assertError(response, 400, "invalid_request");
    }
    assert.equal(await db.count("communities WHERE member_count = 999 OR creator_id = ?", other.user.id), 0);
  });
});

describe("GET /api/channels/communities", () => {
  it("lists the caller's communities with the caller's role in each", async () => {
    const [user, otherOwner] = await makeUsers(2);
    const owned = await createCommunity(user);
    const joined = await createCommunity(otherOwner);
    await joinCommunity(user, joined.id);
    const administered = await createCommunity(otherOwner);
    await joinCommunity(user, administered.id);
    assert.equal((await setRole(otherOwner, administered.id, user.user.id, "admin")).status, 200);
    const notJoined = await createCommunity(otherOwner);

    const response = await api.get("/api/channels/communities", { token: user.token });
    assert.equal(response.status, 200);
    const roles = Object.fromEntries(response.body.map((c: any) => [c.id, c.role]));
    assert.deepEqual(roles, { [owned.id]: "owner", [joined.id]: "member", [administered.id]: "admin" });
    assert.ok(!(notJoined.id in roles), "a community the caller is not in is not listed");
    const joinedEntry = response.body.find((c: any) => c.id === joined.id);
    assert.equal(joinedEntry.member_count, 2);
    assert.equal(joinedEntry.creator.username, otherOwner.user.username);
  });

  it("paginates with limit and offset", async () => {
    const user = await api.register();
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await createCommunity(user));
    const all = await api.get("/api/channels/communities", { token: user.token });
    assert.deepEqual(all.body.map((c: any) => c.id).sort(), created.map((c) => c.id).sort());

    const first = await api.get("/api/channels/communities?limit=2", { token: user.token });
    const second = await api.get("/api/channels/communities?limit=2&offset=2", { token: user.token });
    const third = await api.get("/api/channels/communities?limit=2&offset=4", { token: user.token });
    const beyond = await api.get("/api/channels/communities?limit=2&offset=5", { token: user.token });
    assert.deepEqual([first.body.length, second.body.length, third.body.length, beyond.body.length], [2, 2, 1, 0]);
    assert.deepEqual(
      [...first.body, ...second.body, ...third.body].map((c: any) => c.id),
      all.body.map((c: any) => c.id),
    );
  });

  let queryUser: TestUser;
  before(async () => {
    queryUser = await api.register();
  });
  for (const query of ["limit=0", "limit=101", "offset=-1", "limit=abc"]) {
    it(`returns 400 for ?${query}`, async () => {
      const user = queryUser;
      assertError(await api.get(`/api/channels/communities?${query}`, { token: user.token }), 400, "invalid_request");
    });
  }
});

describe("GET /api/channels/communities/discover", () => {
  it("lists only communities the caller is not in, with exact counts, largest first", async () => {
    const [caller, a, b, c] = await makeUsers(4);
    const big = await createCommunity(a);
    await joinCommunity(b, big.id);
    await joinCommunity(c, big.id);
    const mid = await createCommunity(b);
    await joinCommunity(c, mid.id);
    const small = await createCommunity(c);
    const mine = await createCommunity(caller);
    const joinedByCaller = await createCommunity(a);
    await joinCommunity(caller, joinedByCaller.id);

    const found = await discoverAll(caller);
    const ids = found.map((community) => community.id);
    assert.ok(!ids.includes(mine.id), "the caller's own community is not discovered");
    assert.ok(!ids.includes(joinedByCaller.id), "a community the caller joined is not discovered");
    for (const community of found) assert.equal(community.role, null);
    const byId = new Map(found.map((community) => [community.id, community]));
    assert.equal(byId.get(big.id)?.member_count, 3);
    assert.equal(byId.get(mid.id)?.member_count, 2);
    assert.equal(byId.get(small.id)?.member_count, 1);
    assert.ok(ids.indexOf(big.id) < ids.indexOf(mid.id) && ids.indexOf(mid.id) < ids.indexOf(small.id), "largest first");
    for (let i = 1; i < found.length; i++) {
      assert.ok(found[i - 1].member_count >= found[i].member_count, `discover is ordered by member_count, descending (at ${i})`);
    }
  });

  it("paginates with limit and offset", async () => {
    const [caller, owner] = await makeUsers(2);
    for (let i = 0; i < 5; i++) await createCommunity(owner);
    const all = await discoverAll(caller);
    assert.ok(all.length >= 5);
    const paged = await discoverAll(caller, 2);
    assert.deepEqual(paged.map((c) => c.id), all.map((c) => c.id));
    const page = await api.get("/api/channels/communities/discover?limit=3&offset=1", { token: caller.token });
    assert.equal(page.status, 200);
    assert.deepEqual(page.body.map((c: any) => c.id), all.slice(1, 4).map((c) => c.id));
  });

  it("returns 400 for a limit over 100", async () => {
    const user = await api.register();
    assertError(await api.get("/api/channels/communities/discover?limit=101", { token: user.token }), 400, "invalid_request");
  });
});

describe("GET /api/channels/communities/{id}", () => {
  it("shows a member the details with their role", async () => {
    const { owner, admin, member, community } = await communityWithRoles();
    for (const [user, role] of [[owner, "owner"], [admin, "admin"], [member, "member"]] as const) {
      const response = await getCommunity(user, community.id);
      assert.equal(response.status, 200);
      assert.equal(response.body.id, community.id);
      assert.equal(response.body.name, community.name);
      assert.equal(response.body.role, role);
      assert.equal(response.body.member_count, 3);
      assert.equal(response.body.creator.username, owner.user.username);
    }
  });

  it("shows a non-member the details with role null", async () => {
    const { outsider, community } = await communityWithRoles();
    const response = await getCommunity(outsider, community.id);
    assert.equal(response.status, 200);
    assert.equal(response.body.role, null);
    assert.equal(response.body.member_count, 3);
  });

  it("returns 404 for a missing community and 400 for a malformed id", async () => {
    const user = await api.register();
    assertError(await getCommunity(user, MISSING_ID), 404, "not_found");
    assertError(await api.get("/api/channels/communities/abc", { token: user.token }), 400, "invalid_request");
    assertError(await api.get("/api/channels/communities/0", { token: user.token }), 400, "invalid_request");
  });
});

describe("PATCH /api/channels/communities/{id}", () => {
  it("lets the owner and an admin edit the community", async () => {
    const { owner, admin, community } = await communityWithRoles();
    const byOwner = await api.request("PATCH", `/api/channels/communities/${community.id}`, {
      token: owner.token,
      body: { name: "Renamed", description: "New words", color: "#112233" },
    });
    assert.equal(byOwner.status, 200);
    assert.equal(byOwner.body.name, "Renamed");
    assert.equal(byOwner.body.description, "New words");
    assert.equal(byOwner.body.color, "#112233");
    assert.equal(byOwner.body.role, "owner");
    assert.equal(byOwner.body.member_count, 3);

    const byAdmin = await api.request("PATCH", `/api/channels/communities/${community.id}`, {
      token: admin.token,
      body: { bio: "Admin bio", banner_url: "https://example.test/banner.png", display_name: "The Guild" },
    });
    assert.equal(byAdmin.status, 200);
    assert.equal(byAdmin.body.role, "admin");
    assert.equal(byAdmin.body.name, "Renamed", "fields not sent are kept");
    assert.equal(byAdmin.body.bio, "Admin bio");
    assert.equal(byAdmin.body.banner_url, "https://example.test/banner.png");
    assert.equal(byAdmin.body.display_name, "The Guild");

    const stored = await getCommunity(owner, community.id);
    assert.equal(stored.body.name, "Renamed");
    assert.equal(stored.body.bio, "Admin bio");
  });

  it("refuses a plain member with 403 and an outsider with 404, changing nothing", async () => {
    const { member, outsider, owner, community } = await communityWithRoles();
    const byMember = await api.request("PATCH", `/api/channels/communities/${community.id}`, { token: member.token, body: { name: "Hijacked" } });
    assertError(byMember, 403, "forbidden");
    const byOutsider = await api.request("PATCH", `/api/channels/communities/${community.id}`, { token: outsider.token, body: { name: "Hijacked" } });
    assertError(byOutsider, 404, "not_found");
    assert.equal((await getCommunity(owner, community.id)).body.name, community.name);
  });

  it("clears optional fields with null (and description with an empty string)", async () => {
    const owner = await api.register();
    const community = await createCommunity(owner, {
      description: "desc",
      icon: "https://example.test/i.png",
      color: "#abcdef",
      banner_url: "https://example.test/b.png",
      display_name: "Display",
      bio: "Bio",
    });
    const cleared = await api.request("PATCH", `/api/channels/communities/${community.id}`, {
      token: owner.token,
      body: { icon: null, color: null, banner_url: null, display_name: null, bio: null, description: "" },
    });
    assert.equal(cleared.status, 200);
    for (const field of ["description", "icon", "color", "banner_url", "display_name", "bio"]) {
      assert.equal(cleared.body[field], null, `${field} is cleared`);
    }
    assert.equal(cleared.body.name, community.name);
    const stored = await getCommunity(owner, community.id);
    assert.equal(stored.body.icon, null);
    assert.equal(stored.body.description, null);
  });

  const invalid: [string, Record<string, unknown>][] = [
    ["an empty body", {}],
    ["a null name", { name: null }],
    ["a bad colour", { color: "#12345" }],
    ["member_count", { member_count: 1000 }],
    ["creator_id", { creator_id: 1 }],
  ];
  describe("input validation", () => {
    // Refused requests change nothing, so these share one community.
    let owner: TestUser;
    let community: any;
    before(async () => {
      owner = await api.register();
      community = await createCommunity(owner);
    });
    for (const [what, body] of invalid) {
      it(`returns 400 for ${what}`, async () => {
        const response = await api.request("PATCH", `/api/channels/communities/${community.id}`, { token: owner.token, body });
        assertError(response, 400, "invalid_request");
        const stored = await getCommunity(owner, community.id);
        assert.equal(stored.body.member_count, 1);
        assert.equal(stored.body.creator_id, owner.user.id);
        assert.equal(stored.body.name, community.name);
      });
    }
  });

  it("returns 404 for a missing community", async () => {
    const user = await api.register();
    assertError(await api.request("PATCH", `/api/channels/communities/${MISSING_ID}`, { token: user.token, body: { name: "x" } }), 404, "not_found");
  });
});

describe("DELETE /api/channels/communities/{id}", () => {
  it("refuses admins and members with 403 and outsiders with 404", async () => {
    const { owner, admin, member, outsider, community } = await communityWithRoles();
    assertError(await api.request("DELETE", `/api/channels/communities/${community.id}`, { token: admin.token }), 403, "forbidden");
    assertError(await api.request("DELETE", `/api/channels/communities/${community.id}`, { token: member.token }), 403, "forbidden");
    assertError(await api.request("DELETE", `/api/channels/communities/${community.id}`, { token: outsider.token }), 404, "not_found");
    assert.equal((await getCommunity(owner, community.id)).status, 200, "the community still exists");
    assert.equal(await memberRows(community.id), 3);
  });

  it("lets the owner delete it, with its channels, messages and memberships", async () => {
    const { owner, admin, member, community } = await communityWithRoles();
    const extra = await api.post(`/api/channels/communities/${community.id}/channels`, { token: owner.token, body: { name: "secret", type: "private" } });
    assert.equal(extra.status, 201);
    const channels = (await api.get(`/api/channels/communities/${community.id}/channels`, { token: owner.token })).body;
    assert.equal(channels.length, 2);
    for (const channel of channels) {
      for (const sender of [owner, admin]) {
        const sent = await api.post("/api/messages/send", { token: sender.token, body: { channel_id: channel.id, content: "hello" } });
        assert.equal(sent.status, 201, sent.text);
      }
    }
    const read = await api.post("/api/messages/read", { token: member.token, body: { channel_id: channels[0].id } });
    assert.equal(read.status, 200);
    const channelIds = channels.map((channel: any) => channel.id);
    const placeholders = channelIds.map(() => "?").join(",");
    const countWhere = (table: string, where: string, ...params: unknown[]) => db.count(`${table} WHERE ${where}`, ...params);
    // The four sent, and the admin's and the member's join messages.
    assert.equal(await countWhere("messages", `channel_id IN (${placeholders})`, ...channelIds), 6);
    assert.ok((await countWhere("channel_members", `channel_id IN (${placeholders})`, ...channelIds)) >= 1);
    const before = await db.tableCounts();

    const response = await api.request("DELETE", `/api/channels/communities/${community.id}`, { token: owner.token });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { id: community.id });

    const afterCounts = await db.tableCounts();
    assert.equal(afterCounts.communities, before.communities - 1);
    assert.equal(afterCounts.channels, before.channels - 2);
    assert.equal(afterCounts.messages, before.messages - 6);
    assert.equal(afterCounts.community_members, before.community_members - 3);
    assert.equal(await countWhere("communities", "id = ?", community.id), 0);
    assert.equal(await countWhere("community_members", "community_id = ?", community.id), 0);
    assert.equal(await countWhere("channels", "community_id = ?", community.id), 0);
    assert.equal(await countWhere("messages", `channel_id IN (${placeholders})`, ...channelIds), 0);
    assert.equal(await countWhere("channel_members", `channel_id IN (${placeholders})`, ...channelIds), 0);
    assert.equal(await countWhere("channel_read_states", `channel_id IN (${placeholders})`, ...channelIds), 0);

    assertError(await getCommunity(owner, community.id), 404, "not_found");
    assertError(await api.get(`/api/channels/${channelIds[0]}`, { token: member.token }), 404, "not_found");
    const memberList = await api.get("/api/channels/communities", { token: member.token });
    assert.ok(!memberList.body.some((c: any) => c.id === community.id));
  });

  it("returns 404 for a missing community", async () => {
    const user = await api.register();
    assertError(await api.request("DELETE", `/api/channels/communities/${MISSING_ID}`, { token: user.token }), 404, "not_found");
  });
});

describe("POST /api/channels/communities/{id}/join", () => {
  it("makes the caller a member and adds one to member_count", async () => {
    const [owner, joiner] = await makeUsers(2);
    const community = await createCommunity(owner);
    const response = await api.post(`/api/channels/communities/${community.id}/join`, { token: joiner.token });
    assert.equal(response.status, 200);
    assert.equal(response.body.id, community.id);
    assert.equal(response.body.role, "member");
    assert.equal(response.body.member_count, 2);
    assert.equal(await memberCount(community.id, owner), 2);
    assert.equal((await getCommunity(joiner, community.id)).body.role, "member");
    const channels = await api.get(`/api/channels/communities/${community.id}/channels`, { token: joiner.token });
    assert.equal(channels.status, 200, "a new member can read the channels");
  });

  it("returns 409 for joining twice, and for the owner, without changing the count", async () => {
    const [owner, joiner] = await makeUsers(2);
    const community = await createCommunity(owner);
    await joinCommunity(joiner, community.id);
    assertError(await api.post(`/api/channels/communities/${community.id}/join`, { token: joiner.token }), 409, "conflict");
    assertError(await api.post(`/api/channels/communities/${community.id}/join`, { token: owner.token }), 409, "conflict");
    assert.equal(await memberCount(community.id, owner), 2);
    assert.equal(await memberRows(community.id), 2);
  });

  it("lets exactly one of several simultaneous joins by the same user succeed", async () => {
    const [owner, joiner] = await makeUsers(2);
    const community = await createCommunity(owner);
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => api.post(`/api/channels/communities/${community.id}/join`, { token: joiner.token })),
    );
    assert.deepEqual(responses.map((r) => r.status).sort(), [200, 409, 409, 409, 409, 409]);
    assert.equal(await memberCount(community.id, owner), 2);
    assert.equal(await memberRows(community.id), 2);
  });

  it("returns 404 for a missing community", async () => {
    const user = await api.register();
    assertError(await api.post(`/api/channels/communities/${MISSING_ID}/join`, { token: user.token }), 404, "not_found");
  });
});

describe("POST /api/channels/communities/{id}/leave", () => {
  it("ends the membership and takes one off member_count", async () => {
    const [owner, leaver] = await makeUsers(2);
    const community = await createCommunity(owner);
    await joinCommunity(leaver, community.id);
    const response = await api.post(`/api/channels/communities/${community.id}/leave`, { token: leaver.token });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { ok: true });
    assert.equal(await memberCount(community.id, owner), 1);
    assert.equal(await memberRows(community.id), 1);
    assert.equal((await getCommunity(leaver, community.id)).body.role, null);
    const list = await api.get("/api/channels/communities", { token: leaver.token });
    assert.ok(!list.body.some((c: any) => c.id === community.id));
    assertError(await api.get(`/api/channels/communities/${community.id}/channels`, { token: leaver.token }), 404, "not_found");
  });

  it("returns 404 when the caller is not a member (never was, or already left)", async () => {
    const [owner, stranger, leaver] = await makeUsers(3);
    const community = await createCommunity(owner);
    assertError(await api.post(`/api/channels/communities/${community.id}/leave`, { token: stranger.token }), 404, "not_found");
    await joinCommunity(leaver, community.id);
    assert.equal((await api.post(`/api/channels/communities/${community.id}/leave`, { token: leaver.token })).status, 200);
    assertError(await api.post(`/api/channels/communities/${community.id}/leave`, { token: leaver.token }), 404, "not_found");
    assert.equal(await memberCount(community.id, owner), 1);
    assertError(await api.post(`/api/channels/communities/${MISSING_ID}/leave`, { token: stranger.token }), 404, "not_found");
  });

  it("returns 409 for the owner, who stays the owner", async () => {
    const owner = await api.register();
    const community = await createCommunity(owner);
    assertError(await api.post(`/api/channels/communities/${community.id}/leave`, { token: owner.token }), 409, "conflict");
    const stored = await getCommunity(owner, community.id);
    assert.equal(stored.body.role, "owner");
    assert.equal(stored.body.member_count, 1);
  });
});

describe("member_count under concurrency", () => {
  it("stays exact when 15 users join and then 5 leave at the same time", async () => {
    const owner = await api.register();
    const community = await createCommunity(owner);
    const joiners = await makeUsers(15);
    const joined = await Promise.all(joiners.map((user) => api.post(`/api/channels/communities/${community.id}/join`, { token: user.token })));
    assert.deepEqual(joined.map((r) => r.status), Array(15).fill(200));
    assert.equal(await memberCount(community.id, owner), 16);
    assert.equal(await memberRows(community.id), 16);

    const left = await Promise.all(joiners.slice(0, 5).map((user) => api.post(`/api/channels/communities/${community.id}/leave`, { token: user.token })));
    assert.deepEqual(left.map((r) => r.status), Array(5).fill(200));
    assert.equal(await memberCount(community.id, owner), 11);
    assert.equal(await memberRows(community.id), 11);
  });

  it("stays exact when joins, leaves, kicks and adds race each other", async () => {
    const owner = await api.register();
    const community = await createCommunity(owner);
    const [stayers, leavers, kicked, newcomers, added] = await Promise.all([makeUsers(3), makeUsers(4), makeUsers(3), makeUsers(5), makeUsers(3)]);
    for (const user of [...stayers, ...leavers, ...kicked]) await joinCommunity(user, community.id);
    assert.equal(await memberCount(community.id, owner), 11);

    const responses = await Promise.all([
      ...leavers.map((user) => api.post(`/api/channels/communities/${community.id}/leave`, { token: user.token })),
      ...leavers.map((user) => api.post(`/api/channels/communities/${community.id}/leave`, { token: user.token })),
      ...kicked.map((user) => kick(owner, community.id, user.user.id)),
      ...newcomers.map((user) => api.post(`/api/channels/communities/${community.id}/join`, { token: user.token })),
      ...added.map((user) => api.post("/api/channels/community/add-member", { token: owner.token, body: { community_id: community.id, user_id: user.user.id } })),
    ]);
    const statuses = responses.map((r) => r.status);
    // Each leaver leaves once (200) and the duplicate gets 404.
    const leaveStatuses = statuses.slice(0, 8).sort();
    assert.deepEqual(leaveStatuses, [200, 200, 200, 200, 404, 404, 404, 404]);
    assert.deepEqual(statuses.slice(8), [...Array(3).fill(200), ...Array(5).fill(200), ...Array(3).fill(201)]);

    const expected = 1 + stayers.length + newcomers.length + added.length;
    assert.equal(await memberCount(community.id, owner), expected);
    assert.equal(await memberRows(community.id), expected);
  });
});

describe("POST /api/channels/community/add-member", () => {
  it("lets the owner add a user by user_id (201, role member, no email)", async () => {
    const { owner, community } = await communityWithRoles();
    const newcomer = await api.register();
    const response = await api.post("/api/channels/community/add-member", {
      token: owner.token,
      body: { community_id: community.id, user_id: newcomer.user.id },
    });
    assert.equal(response.status, 201);
    assert.equal(response.body.id, newcomer.user.id);
    assert.equal(response.body.username, newcomer.user.username);
    assert.equal(response.body.role, "member");
    assert.equal(typeof response.body.joined_at, "string");
    assert.ok(!("email" in response.body));
    assert.doesNotMatch(response.text, /email|@example\.test/i);
    assert.equal(await memberCount(community.id, owner), 4);
    const list = await api.get("/api/channels/communities", { token: newcomer.token });
    assert.equal(list.body.find((c: any) => c.id === community.id)?.role, "member");
  });

  it("lets an admin add a user by username", async () => {
    const { owner, admin, community } = await communityWithRoles();
    const newcomer = await api.register();
    const response = await api.post("/api/channels/community/add-member", {
      token: admin.token,
      body: { community_id: community.id, username: newcomer.user.username },
    });
    assert.equal(response.status, 201);
    assert.equal(response.body.id, newcomer.user.id);
    assert.equal(await memberCount(community.id, owner), 4);
    assert.equal(await memberRows(community.id), 4);
  });

  it("refuses a plain member with 403", async () => {
    const { owner, member, community } = await communityWithRoles();
    const newcomer = await api.register();
    const body = { community_id: community.id, user_id: newcomer.user.id };
    assertError(await api.post("/api/channels/community/add-member", { token: member.token, body }), 403, "forbidden");
    assert.equal(await memberCount(community.id, owner), 3);
    assert.equal((await getCommunity(newcomer, community.id)).body.role, null);
  });

  it("returns 409 for a user who is already a member", async () => {
    const { owner, admin, member, community } = await communityWithRoles();
    const add = (body: Record<string, unknown>) => api.post("/api/channels/community/add-member", { token: admin.token, body });
    assertError(await add({ community_id: community.id, user_id: member.user.id }), 409, "conflict");
    assertError(await add({ community_id: community.id, username: owner.user.username }), 409, "conflict");
    assert.equal(await memberCount(community.id, owner), 3);
    assert.equal(await memberRows(community.id), 3);
  });

  it("returns 404 to an outsider, and for an unknown user or community", async () => {
    const { owner, member, outsider, community } = await communityWithRoles();
    const newcomer = await api.register();
    const add = (token: string, body: Record<string, unknown>) => api.post("/api/channels/community/add-member", { token, body });
    assertError(await add(outsider.token, { community_id: community.id, user_id: newcomer.user.id }), 404, "not_found");
    assertError(await add(owner.token, { community_id: community.id, user_id: MISSING_ID }), 404, "not_found");
    assertError(await add(owner.token, { community_id: community.id, username: uniqueName("ghost") }), 404, "not_found");
    assertError(await add(owner.token, { community_id: MISSING_ID, user_id: member.user.id }), 404, "not_found");
    assert.equal(await memberCount(community.id, owner), 3);
    assert.equal((await getCommunity(newcomer, community.id)).body.role, null);
  });

  it("returns 400 unless exactly one of user_id and username is sent, or for a role field", async () => {
    const { owner, member, community } = await communityWithRoles();
    const newcomer = await api.register();
    const add = (body: Record<string, unknown>) => api.post("/api/channels/community/add-member", { token: owner.token, body });
    assertError(await add({ community_id: community.id }), 400, "invalid_request");
    assertError(await add({ community_id: community.id, user_id: newcomer.user.id, username: member.user.username }), 400, "invalid_request");
    assertError(await add({ community_id: String(community.id), user_id: newcomer.user.id }), 400, "invalid_request");
    assertError(await add({ community_id: community.id, user_id: newcomer.user.id, role: "admin" }), 400, "invalid_request");
    assert.equal((await getCommunity(newcomer, community.id)).body.role, null);
  });
});

describe("GET /api/channels/community/members", () => {
  async function bigCommunity() {
    const [owner, m1, a1, m2, a2, m3] = await makeUsers(6);
    const community = await createCommunity(owner);
    for (const user of [m1, a1, m2, a2, m3]) await joinCommunity(user, community.id);
    for (const admin of [a1, a2]) assert.equal((await setRole(owner, community.id, admin.user.id, "admin")).status, 200);
    return { owner, admins: [a1, a2], members: [m1, m2, m3], community };
  }

  it("lists the owner first, then admins, then members, without emails", async () => {
    const { owner, admins, members, community } = await bigCommunity();
    const response = await api.get(`/api/channels/community/members?community_id=${community.id}`, { token: members[0].token });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.map((m: any) => m.role), ["owner", "admin", "admin", "member", "member", "member"]);
    assert.equal(response.body[0].id, owner.user.id);
    assert.deepEqual(response.body.slice(1, 3).map((m: any) => m.id).sort(), admins.map((u) => u.user.id).sort());
    assert.deepEqual(response.body.slice(3).map((m: any) => m.id).sort(), members.map((u) => u.user.id).sort());
    for (const entry of response.body) {
      assert.ok(!("email" in entry), "no email field");
      assert.equal(typeof entry.username, "string");
      assert.equal(typeof entry.joined_at, "string");
    }
    assert.doesNotMatch(response.text, /email|@example\.test|password/i);
  });

  it("paginates with limit and offset, keeping the order", async () => {
    const { owner, community } = await bigCommunity();
    const path = `/api/channels/community/members?community_id=${community.id}`;
    const all = (await api.get(path, { token: owner.token })).body.map((m: any) => m.id);
    const pages = [];
    for (const offset of [0, 2, 4, 6]) {
      const page = await api.get(`${path}&limit=2&offset=${offset}`, { token: owner.token });
      assert.equal(page.status, 200);
      pages.push(page.body.map((m: any) => m.id));
    }
    assert.deepEqual(pages.map((p) => p.length), [2, 2, 2, 0]);
    assert.deepEqual(pages.flat(), all);
    const middle = await api.get(`${path}&limit=3&offset=1`, { token: owner.token });
    assert.deepEqual(middle.body.map((m: any) => m.id), all.slice(1, 4));
  });

  it("returns 400 without a valid community_id", async () => {
    const user = await api.register();
    assertError(await api.get("/api/channels/community/members", { token: user.token }), 400, "invalid_request");
    assertError(await api.get("/api/channels/community/members?community_id=abc", { token: user.token }), 400, "invalid_request");
  });

  it("returns 404 to a non-member and for a missing community", async () => {
    const { community } = await bigCommunity();
    const outsider = await api.register();
    assertError(await api.get(`/api/channels/community/members?community_id=${community.id}`, { token: outsider.token }), 404, "not_found");
    assertError(await api.get(`/api/channels/community/members?community_id=${MISSING_ID}`, { token: outsider.token }), 404, "not_found");
  });
});

describe("DELETE /api/channels/communities/{id}/members/{user_id}", () => {
  it("lets the owner kick a member, who loses access", async () => {
    const { owner, member, community } = await communityWithRoles();
    const response = await kick(owner, community.id, member.user.id);
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { ok: true });
    assert.equal(await memberCount(community.id, owner), 2);
    assert.equal(await memberRows(community.id), 2);
    assertError(await api.get(`/api/channels/communities/${community.id}/channels`, { token: member.token }), 404, "not_found");
    assert.equal((await getCommunity(member, community.id)).body.role, null);
    const list = await api.get("/api/channels/communities", { token: member.token });
    assert.ok(!list.body.some((c: any) => c.id === community.id));
    const members = await api.get(`/api/channels/community/members?community_id=${community.id}`, { token: owner.token });
    assert.ok(!members.body.some((m: any) => m.id === member.user.id));
  });

  it("lets the owner kick an admin", async () => {
    const { owner, admin, community } = await communityWithRoles();
    assert.equal((await kick(owner, community.id, admin.user.id)).status, 200);
    assertError(await api.get(`/api/channels/communities/${community.id}/channels`, { token: admin.token }), 404, "not_found");
    assert.equal(await memberCount(community.id, owner), 2);
  });

  it("lets an admin kick a plain member", async () => {
    const { owner, admin, member, community } = await communityWithRoles();
    assert.equal((await kick(admin, community.id, member.user.id)).status, 200);
    assertError(await api.get(`/api/channels/communities/${community.id}/channels`, { token: member.token }), 404, "not_found");
    assert.equal(await memberCount(community.id, owner), 2);
  });

  it("refuses an admin kicking the owner or another admin, and a member kicking anyone (403)", async () => {
    const { owner, admin, member, community } = await communityWithRoles();
    const admin2 = await api.register();
    await joinCommunity(admin2, community.id);
    assert.equal((await setRole(owner, community.id, admin2.user.id, "admin")).status, 200);
    const member2 = await api.register();
    await joinCommunity(member2, community.id);

    assertError(await kick(admin, community.id, owner.user.id), 403, "forbidden");
    assertError(await kick(admin, community.id, admin2.user.id), 403, "forbidden");
    assertError(await kick(member, community.id, member2.user.id), 403, "forbidden");
    assertError(await kick(member, community.id, admin.user.id), 403, "forbidden");
    assertError(await kick(member, community.id, owner.user.id), 403, "forbidden");
    assert.equal(await memberCount(community.id, owner), 5);
    assert.equal(await memberRows(community.id), 5);
  });

  it("returns 404 for an outsider, a non-member target and a missing community", async () => {
    const { owner, member, outsider, community } = await communityWithRoles();
    assertError(await kick(outsider, community.id, member.user.id), 404, "not_found");
    assertError(await kick(owner, community.id, outsider.user.id), 404, "not_found");
    assertError(await kick(owner, community.id, MISSING_ID), 404, "not_found");
    assertError(await kick(owner, MISSING_ID, member.user.id), 404, "not_found");
    assert.equal(await memberCount(community.id, owner), 3);
  });
});

describe("PATCH /api/channels/communities/{id}/members/{user_id}", () => {
  it("lets the owner promote a member to admin and demote them again", async () => {
    const { owner, member, community } = await communityWithRoles();
    const promoted = await setRole(owner, community.id, member.user.id, "admin");
    assert.equal(promoted.status, 200);
    assert.equal(promoted.body.id, member.user.id);
    assert.equal(promoted.body.role, "admin");
    assert.ok(!("email" in promoted.body));
    assert.equal((await getCommunity(member, community.id)).body.role, "admin");
    const edit = await api.request("PATCH", `/api/channels/communities/${community.id}`, { token: member.token, body: { bio: "now an admin" } });
    assert.equal(edit.status, 200, "the new admin can edit");

    const demoted = await setRole(owner, community.id, member.user.id, "member");
    assert.equal(demoted.status, 200);
    assert.equal(demoted.body.role, "member");
    const refused = await api.request("PATCH", `/api/channels/communities/${community.id}`, { token: member.token, body: { bio: "no longer" } });
    assertError(refused, 403, "forbidden");
  });

  it("refuses admins and members with 403 and outsiders with 404", async () => {
    const { owner, admin, member, outsider, community } = await communityWithRoles();
    assertError(await setRole(admin, community.id, member.user.id, "admin"), 403, "forbidden");
    assertError(await setRole(admin, community.id, admin.user.id, "member"), 403, "forbidden");
    assertError(await setRole(member, community.id, member.user.id, "admin"), 403, "forbidden");
    assertError(await setRole(outsider, community.id, member.user.id, "admin"), 404, "not_found");
    const roles = await api.get(`/api/channels/community/members?community_id=${community.id}`, { token: owner.token });
    assert.deepEqual(roles.body.map((m: any) => [m.id, m.role]), [
      [owner.user.id, "owner"],
      [admin.user.id, "admin"],
      [member.user.id, "member"],
    ]);
  });

  it("returns 409 for the owner's own role", async () => {
    const { owner, community } = await communityWithRoles();
    assertError(await setRole(owner, community.id, owner.user.id, "member"), 409, "conflict");
    assertError(await setRole(owner, community.id, owner.user.id, "admin"), 409, "conflict");
    assert.equal((await getCommunity(owner, community.id)).body.role, "owner");
  });

  it("returns 404 for a non-member target and 400 for a role other than admin or member", async () => {
    const { owner, member, outsider, community } = await communityWithRoles();
    assertError(await setRole(owner, community.id, outsider.user.id, "admin"), 404, "not_found");
    assertError(await setRole(owner, community.id, member.user.id, "owner"), 400, "invalid_request");
    assertError(await setRole(owner, community.id, member.user.id, "superuser"), 400, "invalid_request");
    assert.equal((await getCommunity(member, community.id)).body.role, "member");
  });
});
