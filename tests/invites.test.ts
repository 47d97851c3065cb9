import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { setTimeout as delay } from "node:timers/promises";
import type { Socket } from "socket.io-client";
import type { Community, CommunityMember, Invite, Message } from "../lib/api/entities";
import type { TestUser } from "./helpers/api";
import { closeAll, socketEvents, track, waitFor } from "./helpers/events";
import { connectSocket } from "./helpers/socket";
import { assertError, expectStatus, MISSING_ID, useServer, type TestCommunity } from "./helpers/world";

const world = useServer();
const { api, db, makeUsers, makeCommunity, makeMember, joinCommunity, setRole, postMessage } = world;
afterEach(() => closeAll());

const SEVEN_DAYS_MS = 7 * 24 * 60 * 60 * 1000;
/** A well-formed code that no invite has. */
const UNKNOWN_CODE = "Zz9Zz9Zz9Z";

const invitesPath = (communityId: number) => `/api/channels/communities/${communityId}/invites`;

async function createInvite(actor: TestUser, communityId: number, body: Record<string, unknown> = {}): Promise<Invite> {
  return (await expectStatus(api.post(invitesPath(communityId), { token: actor.token, body }), 201, "create invite")).body;
}

const preview = (code: string, token?: string) => api.get(`/api/invites/${code}`, { token });
const accept = (user: TestUser, code: string) => api.post(`/api/invites/${code}/accept`, { token: user.token });
const deleteInvite = (user: TestUser, code: string) => api.request("DELETE", `/api/invites/${code}`, { token: user.token });
const usesOf = async (code: string) => (await db.one<{ uses: number }>("SELECT uses FROM invites WHERE code = ?", code))?.uses;
const isMember = async (communityId: number, user: TestUser) =>
  (await db.count("community_members WHERE community_id = ? AND user_id = ?", communityId, user.user.id)) === 1;
const memberCount = async (communityId: number) =>
  (await db.one<{ member_count: number }>("SELECT member_count FROM communities WHERE id = ?", communityId))!.member_count;

/** Moves an invite's expiry into the past, behind the server's back. */
const expire = (code: string) => db.exec("UPDATE invites SET expires_at = ? WHERE code = ?", db.timestamp(new Date(Date.now() - 60_000)), code);

async function makePrivateCommunity(): Promise<TestCommunity> {
  const community = await makeCommunity();
  await expectStatus(api.request("PATCH", `/api/channels/communities/${community.id}`, { token: community.owner.token, body: { is_public: false } }), 200, "make private");
  return community;
}

async function connect(user: TestUser): Promise<Socket> {
  return track(await connectSocket(world.server.url, { token: user.token }));
}

describe("POST /api/channels/communities/{id}/invites", () => {
  it("lets any member create an invite: 7 days and unlimited uses by default, a random 10-character code", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    const before = Date.now();
    const invite = await createInvite(member, community.id);
    assert.match(invite.code, /^[A-Za-z0-9]{10}$/);
    assert.equal(invite.community_id, community.id);
    assert.deepEqual(invite.inviter, { username: member.user.username, display_name: member.user.display_name, avatar_url: null });
    assert.equal(invite.uses, 0);
    assert.equal(invite.max_uses, 0);
    const expiresIn = Date.parse(invite.expires_at!) - before;
    assert.ok(expiresIn >= SEVEN_DAYS_MS - 1000 && expiresIn <= SEVEN_DAYS_MS + 60_000, `expires in ${expiresIn} ms`);
    assert.ok(Math.abs(Date.parse(invite.created_at) - Date.now()) < 60_000);
    const row = await db.one<{ inviter_id: number }>("SELECT inviter_id FROM invites WHERE code = ?", invite.code);
    assert.equal(row?.inviter_id, member.user.id);
  });

  it("takes max_uses and max_age_seconds, 0 meaning unlimited and never", async () => {
    const community = await makeCommunity();
    const limited = await createInvite(community.owner, community.id, { max_uses: 5, max_age_seconds: 3600 });
    assert.equal(limited.max_uses, 5);
    const expiresIn = Date.parse(limited.expires_at!) - Date.now();
    assert.ok(expiresIn > 3500_000 && expiresIn <= 3600_000, `expires in ${expiresIn} ms`);
    const forever = await createInvite(community.owner, community.id, { max_uses: 0, max_age_seconds: 0 });
    assert.equal(forever.expires_at, null);
    assert.equal(forever.max_uses, 0);
  });

  it("hands out codes that are neither sequential nor repeated", async () => {
    const community = await makeCommunity();
    const codes = [];
    for (let i = 0; i < 8; i++) codes.push((await createInvite(community.owner, community.id)).code);
    assert.equal(new Set(codes).size, codes.length);
    // 80 characters drawn at random from 62 use about 46 different ones; a counter would use a handful.
    const characters = new Set(codes.join(""));
    assert.ok(characters.size >= 20, `only ${characters.size} different characters in ${codes.join(" ")}`);
  });

  const invalid: [string, unknown][] = [
    ["max_uses over 100", { max_uses: 101 }],
    ["a negative max_uses", { max_uses: -1 }],
    ["a fractional max_uses", { max_uses: 1.5 }],
    ["max_uses as a string", { max_uses: "5" }],
    ["max_age_seconds over 7 days", { max_age_seconds: 604_801 }],
    ["a negative max_age_seconds", { max_age_seconds: -1 }],
    ["an unknown field", { code: "MyVanity01" }],
  ];
  for (const [what, body] of invalid) {
    it(`returns 400 for ${what}, storing nothing`, async () => {
      const community = await makeCommunity();
      const response = await api.post(invitesPath(community.id), { token: community.owner.token, body });
      assertError(response, 400, "invalid_request");
      assert.equal(await db.count("invites WHERE community_id = ?", community.id), 0);
    });
  }

  it("answers an outsider exactly as for a missing community", async () => {
    const community = await makeCommunity();
    const [outsider] = await makeUsers(1);
    const hidden = await api.post(invitesPath(community.id), { token: outsider.token, body: {} });
    const missing = await api.post(invitesPath(MISSING_ID), { token: outsider.token, body: {} });
    assertError(hidden, 404, "not_found");
    assert.equal(hidden.text, missing.text);
    assert.equal(await db.count("invites WHERE community_id = ?", community.id), 0);
  });

  it("requires signing in", async () => {
    assertError(await api.post(invitesPath(1), { body: {} }), 401, "unauthorized");
  });
});

describe("GET /api/invites/{code}", () => {
  it("previews the community and the inviter without signing in", async () => {
    const community = await makeCommunity();
    await makeMember(community);
    const invite = await createInvite(community.owner, community.id);
    const response = await preview(invite.code);
    assert.equal(response.status, 200, response.text);
    const community_ = (await api.get(`/api/channels/communities/${community.id}`, { token: community.owner.token })).body as Community;
    assert.deepEqual(response.body, {
      code: invite.code,
      community: { id: community.id, name: community_.name, icon: null, description: null, member_count: 2 },
      inviter: invite.inviter,
      expires_at: invite.expires_at,
    });
    assert.deepEqual((await preview(invite.code, community.owner.token)).body, response.body, "the same signed in");
  });

  it("previews a non-public community too: the code is the secret", async () => {
    const community = await makePrivateCommunity();
    const invite = await createInvite(community.owner, community.id);
    const response = await preview(invite.code);
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.community.id, community.id);
  });

  it("answers an expired, a deleted, a used-up and an unknown code with the same 404", async () => {
    const community = await makeCommunity();
    const [joiner] = await makeUsers(1);
    const expired = await createInvite(community.owner, community.id);
    await expire(expired.code);
    const deleted = await createInvite(community.owner, community.id);
    await expectStatus(deleteInvite(community.owner, deleted.code), 204, "delete invite");
    const usedUp = await createInvite(community.owner, community.id, { max_uses: 1 });
    await expectStatus(accept(joiner, usedUp.code), 200, "use the only use");

    const unknown = await preview(UNKNOWN_CODE);
    assertError(unknown, 404, "not_found");
    for (const code of [expired.code, deleted.code, usedUp.code]) {
      const response = await preview(code);
      assert.equal(response.status, 404, `${code}: ${response.text}`);
      assert.equal(response.text, unknown.text);
    }
  });

  it("stops working once max_age_seconds have passed", async () => {
    const community = await makeCommunity();
    const invite = await createInvite(community.owner, community.id, { max_age_seconds: 1 });
    assert.equal((await preview(invite.code)).status, 200);
    await delay(1200);
    assertError(await preview(invite.code), 404, "not_found");
  });

  for (const [what, code] of [
    ["too short", "abc"],
    ["too long", "abcdefghijk"],
    ["with a dash", "abcd-efgh"],
    ["with a dot", "abcd.efgh"],
  ]) {
    it(`returns 400 for a code ${what}`, async () => {
      assertError(await preview(code), 400, "invalid_request");
    });
  }
});

describe("POST /api/invites/{code}/accept", () => {
  it("makes the caller a member, counts the use and returns the community as join does", async () => {
    const community = await makeCommunity();
    const [joiner] = await makeUsers(1);
    const invite = await createInvite(community.owner, community.id, { max_uses: 3 });
    const response = await accept(joiner, invite.code);
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.id, community.id);
    assert.equal(response.body.role, "member");
    assert.equal(response.body.member_count, 2);
    assert.ok(await isMember(community.id, joiner));
    assert.equal(await usesOf(invite.code), 1);
    const channels = await api.get(`/api/channels/communities/${community.id}/channels`, { token: joiner.token });
    assert.equal(channels.status, 200);
    assert.equal(channels.body[0].unread_count, 0, "starts read, as after a join");
  });

  it("lets people into a non-public community, which join refuses", async () => {
    const community = await makePrivateCommunity();
    const [joiner] = await makeUsers(1);
    assertError(await api.post(`/api/channels/communities/${community.id}/join`, { token: joiner.token }), 404, "not_found");
    const invite = await createInvite(community.owner, community.id);
    const response = await accept(joiner, invite.code);
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.is_public, false);
    assert.ok(await isMember(community.id, joiner));
  });

  it("announces the newcomer as a join does, and their sockets start receiving the community at once", async () => {
    const community = await makeCommunity();
    const [joiner] = await makeUsers(1);
    const invite = await createInvite(community.owner, community.id);
    const [ownerSocket, joinerSocket] = await Promise.all([connect(community.owner), connect(joiner)]);
    const added = socketEvents<{ community_id: number; user: CommunityMember }>(ownerSocket, "community_member_added");
    const updated = socketEvents<Community>(ownerSocket, "community_updated");
    const delivered = socketEvents<Message>(joinerSocket, "message_sent");

    await expectStatus(accept(joiner, invite.code), 200, "accept");
    const event = await waitFor(added, (e) => e.community_id === community.id, "community_member_added");
    assert.equal(event.user.id, joiner.user.id);
    assert.equal(event.user.role, "member");
    await waitFor(updated, (c) => c.id === community.id && c.member_count === 2, "community_updated");
    const message = await postMessage(community.owner, community.general);
    await waitFor(delivered, (m) => m.id === message.id, "the owner's message on the newcomer's socket");
  });

  it("returns 409 for a member, without using the invite", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    const invite = await createInvite(community.owner, community.id);
    assertError(await accept(member, invite.code), 409, "conflict");
    assertError(await accept(community.owner, invite.code), 409, "conflict");
    assert.equal(await usesOf(invite.code), 0);
    assert.equal(await memberCount(community.id), 2);
  });

  it("answers an expired, a deleted, a used-up and an unknown code with the same 404, adding nobody", async () => {
    const community = await makeCommunity();
    const [first, late] = await makeUsers(2);
    const expired = await createInvite(community.owner, community.id);
    await expire(expired.code);
    const deleted = await createInvite(community.owner, community.id);
    await expectStatus(deleteInvite(community.owner, deleted.code), 204, "delete invite");
    const usedUp = await createInvite(community.owner, community.id, { max_uses: 1 });
    await expectStatus(accept(first, usedUp.code), 200, "use the only use");

    const unknown = await accept(late, UNKNOWN_CODE);
    assertError(unknown, 404, "not_found");
    for (const code of [expired.code, deleted.code, usedUp.code]) {
      const response = await accept(late, code);
      assert.equal(response.status, 404, `${code}: ${response.text}`);
      assert.equal(response.text, unknown.text);
    }
    assert.equal(await isMember(community.id, late), false);
    assert.equal(await usesOf(usedUp.code), 1);
    assert.equal(await usesOf(expired.code), 0);
  });

  it("refuses a banned user with 403 banned, without using the invite", async () => {
    const community = await makeCommunity();
    const [banned] = await makeUsers(1);
    const invite = await createInvite(community.owner, community.id, { max_uses: 1 });
    await expectStatus(api.request("PUT", `/api/channels/communities/${community.id}/bans/${banned.user.id}`, { token: community.owner.token }), 204, "ban");
    assertError(await accept(banned, invite.code), 403, "banned");
    assert.equal(await usesOf(invite.code), 0);
    assert.equal(await isMember(community.id, banned), false);
  });

  it("gives the last use to exactly one of several people accepting at the same time", async () => {
    const community = await makeCommunity();
    const racers = await makeUsers(6);
    const invite = await createInvite(community.owner, community.id, { max_uses: 1 });
    const responses = await Promise.all(racers.map((racer) => accept(racer, invite.code)));
    const statuses = responses.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 404, 404, 404, 404, 404], responses.map((r) => r.text).join("\n"));
    assert.equal(await usesOf(invite.code), 1);
    assert.equal(await memberCount(community.id), 2);
    assert.equal(await db.count("community_members WHERE community_id = ?", community.id), 2);
  });

  it("stops at max_uses when several people accept a 3-use invite at once", async () => {
    const community = await makeCommunity();
    const racers = await makeUsers(7);
    const invite = await createInvite(community.owner, community.id, { max_uses: 3 });
    const responses = await Promise.all(racers.map((racer) => accept(racer, invite.code)));
    assert.equal(responses.filter((r) => r.status === 200).length, 3);
    assert.equal(responses.filter((r) => r.status === 404).length, 4);
    assert.equal(await usesOf(invite.code), 3);
    assert.equal(await memberCount(community.id), 4);
  });

  it("requires signing in", async () => {
    assertError(await api.post(`/api/invites/${UNKNOWN_CODE}/accept`), 401, "unauthorized");
  });
});

describe("GET /api/channels/communities/{id}/invites", () => {
  it("lists the usable invites to the owner and admins, newest first", async () => {
    const community = await makeCommunity();
    const admin = await makeMember(community);
    await setRole(community.owner, community.id, admin, "admin");
    const member = await makeMember(community);
    const [joiner] = await makeUsers(1);
    const first = await createInvite(member, community.id);
    const expired = await createInvite(community.owner, community.id);
    await expire(expired.code);
    const usedUp = await createInvite(community.owner, community.id, { max_uses: 1 });
    await expectStatus(accept(joiner, usedUp.code), 200, "use it up");
    const deleted = await createInvite(community.owner, community.id);
    await expectStatus(deleteInvite(community.owner, deleted.code), 204, "delete");
    await delay(5);
    const last = await createInvite(admin, community.id, { max_uses: 2, max_age_seconds: 0 });
    const elsewhere = await makeCommunity();
    await createInvite(elsewhere.owner, elsewhere.id);

    for (const viewer of [community.owner, admin]) {
      const response = await api.get(invitesPath(community.id), { token: viewer.token });
      assert.equal(response.status, 200, response.text);
      assert.deepEqual(response.body.map((i: Invite) => i.code), [last.code, first.code]);
      assert.deepEqual(response.body[0], last);
    }
  });

  it("refuses a plain member with 403 and an outsider with the missing community's 404", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    const [outsider] = await makeUsers(1);
    assertError(await api.get(invitesPath(community.id), { token: member.token }), 403, "forbidden");
    const hidden = await api.get(invitesPath(community.id), { token: outsider.token });
    assertError(hidden, 404, "not_found");
    assert.equal(hidden.text, (await api.get(invitesPath(MISSING_ID), { token: outsider.token })).text);
  });
});

describe("DELETE /api/invites/{code}", () => {
  it("lets the creator delete their own invite: the row goes and the code stops working", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    const invite = await createInvite(member, community.id);
    const response = await deleteInvite(member, invite.code);
    assert.equal(response.status, 204);
    assert.equal(response.text, "");
    assert.equal(await db.count("invites WHERE code = ?", invite.code), 0);
    assertError(await preview(invite.code), 404, "not_found");
    assertError(await deleteInvite(member, invite.code), 404, "not_found");
  });

  it("lets the owner and an admin delete anyone's invite, expired ones too", async () => {
    const community = await makeCommunity();
    const admin = await makeMember(community);
    await setRole(community.owner, community.id, admin, "admin");
    const member = await makeMember(community);
    const byMember = await createInvite(member, community.id);
    const byOwner = await createInvite(community.owner, community.id);
    await expire(byOwner.code);
    await expectStatus(deleteInvite(admin, byMember.code), 204, "admin deletes the member's invite");
    await expectStatus(deleteInvite(admin, byOwner.code), 204, "admin deletes the owner's expired invite");
    const another = await createInvite(admin, community.id);
    await expectStatus(deleteInvite(community.owner, another.code), 204, "owner deletes the admin's invite");
    assert.equal(await db.count("invites WHERE community_id = ?", community.id), 0);
  });

  it("refuses another plain member with 403, and a non-member with the unknown code's 404", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    const [outsider] = await makeUsers(1);
    const invite = await createInvite(community.owner, community.id);
    assertError(await deleteInvite(member, invite.code), 403, "forbidden");
    const hidden = await deleteInvite(outsider, invite.code);
    assertError(hidden, 404, "not_found");
    assert.equal(hidden.text, (await deleteInvite(outsider, UNKNOWN_CODE)).text);
    assert.equal(await db.count("invites WHERE code = ?", invite.code), 1);
  });

  it("requires signing in", async () => {
    assertError(await api.request("DELETE", `/api/invites/${UNKNOWN_CODE}`), 401, "unauthorized");
  });
});

describe("is_public", () => {
  it("is true for a new community, and the owner or an admin can turn it off and on again", async () => {
    const community = await makeCommunity();
    const admin = await makeMember(community);
    await setRole(community.owner, community.id, admin, "admin");
    const got = await api.get(`/api/channels/communities/${community.id}`, { token: community.owner.token });
    assert.equal(got.body.is_public, true);
    const off = await api.request("PATCH", `/api/channels/communities/${community.id}`, { token: admin.token, body: { is_public: false } });
    assert.equal(off.status, 200, off.text);
    assert.equal(off.body.is_public, false);
    const on = await api.request("PATCH", `/api/channels/communities/${community.id}`, { token: community.owner.token, body: { is_public: true } });
    assert.equal(on.body.is_public, true);
  });

  it("can be set when creating a community", async () => {
    const [owner] = await makeUsers(1);
    const created = await api.post("/api/channels/communities", { token: owner.token, body: { name: "Hidden", is_public: false } });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.is_public, false);
  });

  it("refuses a plain member with 403", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    const response = await api.request("PATCH", `/api/channels/communities/${community.id}`, { token: member.token, body: { is_public: false } });
    assertError(response, 403, "forbidden");
  });

  it("returns 400 for a non-boolean", async () => {
    const community = await makeCommunity();
    const response = await api.request("PATCH", `/api/channels/communities/${community.id}`, { token: community.owner.token, body: { is_public: "no" } });
    assertError(response, 400, "invalid_request");
  });

  it("hides a non-public community from Discover, join and its details for outsiders, exactly like a missing one", async () => {
    const community = await makePrivateCommunity();
    const [outsider] = await makeUsers(1);
    const discover = await api.get("/api/channels/communities/discover?limit=100", { token: outsider.token });
    assert.ok(!discover.body.some((c: Community) => c.id === community.id), "absent from Discover");

    const join = (id: number) => api.post(`/api/channels/communities/${id}/join`, { token: outsider.token });
    const hiddenJoin = await join(community.id);
    assertError(hiddenJoin, 404, "not_found");
    assert.equal(hiddenJoin.text, (await join(MISSING_ID)).text);
    assert.equal(await isMember(community.id, outsider), false);

    const details = (id: number) => api.get(`/api/channels/communities/${id}`, { token: outsider.token });
    const hiddenDetails = await details(community.id);
    assertError(hiddenDetails, 404, "not_found");
    assert.equal(hiddenDetails.text, (await details(MISSING_ID)).text);
  });

  it("keeps a non-public community fully usable for its members and open to an admin's add-member", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    await expectStatus(api.request("PATCH", `/api/channels/communities/${community.id}`, { token: community.owner.token, body: { is_public: false } }), 200, "make private");
    const [added] = await makeUsers(1);
    assert.equal((await api.get(`/api/channels/communities/${community.id}`, { token: member.token })).status, 200);
    const mine = await api.get("/api/channels/communities", { token: member.token });
    assert.ok(mine.body.some((c: Community) => c.id === community.id && c.is_public === false));
    await postMessage(member, community.general);
    await expectStatus(
      api.post("/api/channels/community/add-member", { token: community.owner.token, body: { community_id: community.id, user_id: added.user.id } }),
      201,
      "add member",
    );
  });

  it("lists a community in Discover again once it is public again", async () => {
    const community = await makePrivateCommunity();
    const [outsider] = await makeUsers(1);
    await expectStatus(api.request("PATCH", `/api/channels/communities/${community.id}`, { token: community.owner.token, body: { is_public: true } }), 200, "make public");
    const discover = await api.get("/api/channels/communities/discover?limit=100", { token: outsider.token });
    assert.ok(discover.body.some((c: Community) => c.id === community.id && c.is_public === true));
    await joinCommunity(outsider, community.id);
  });
});
