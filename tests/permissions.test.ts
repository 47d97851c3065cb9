import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { can, canDeleteInvite, canDeleteMessage, canEditMessage, canReadChannel, canSetRole, isTimedOut, outranks, postingRefusal } from "../lib/permissions";

// The rules the server enforces and the browser shows; the role-matrix suite checks the server's answers.
describe("who may do what in a community", () => {
  it("lets owners and admins manage, and only the owner delete the community or set roles", () => {
    for (const permission of ["editCommunity", "manageChannels", "addMembers", "manageBans", "manageInvites", "readAuditLog", "manageWebhooks"] as const) {
      assert.deepEqual([can("owner", permission), can("admin", permission), can("member", permission), can(null, permission)], [true, true, false, false], permission);
    }
    assert.deepEqual([can("owner", "deleteCommunity"), can("admin", "deleteCommunity"), can("member", "deleteCommunity")], [true, false, false]);
    assert.deepEqual([can("owner", "leaveCommunity"), can("admin", "leaveCommunity"), can("member", "leaveCommunity")], [false, true, true]);
  });

  it("ranks the owner over everyone else, admins over plain members and non-members, plain members over nobody", () => {
    const targets = ["owner", "admin", "member", null] as const;
    assert.deepEqual(targets.map((target) => outranks("owner", target)), [false, true, true, true]);
    assert.deepEqual(targets.map((target) => outranks("admin", target)), [false, false, true, true]);
    assert.deepEqual(targets.map((target) => outranks("member", target)), [false, false, false, false]);
    assert.equal(outranks(null, "member"), false);
  });

  it("lets only the owner make members admins and back, never changing the owner's role", () => {
    assert.deepEqual([canSetRole("owner", "admin"), canSetRole("owner", "member"), canSetRole("owner", "owner")], [true, true, false]);
    assert.deepEqual([canSetRole("admin", "member"), canSetRole("member", "member")], [false, false]);
  });

  it("keeps text out of voice channels and announcements to owners and admins", () => {
    assert.equal(postingRefusal("voice", "owner"), "voice_channel");
    assert.equal(postingRefusal("announcement", "member"), "announcement");
    assert.equal(postingRefusal("announcement", "admin"), null);
    assert.equal(postingRefusal("text", "member"), null);
  });

  it("opens a private channel to its members, the owner and admins only", () => {
    assert.equal(canReadChannel("private", "member", false), false);
    assert.equal(canReadChannel("private", "member", true), true);
    assert.equal(canReadChannel("private", "admin", false), true);
    assert.equal(canReadChannel("text", "member", false), true);
  });

  it("lets authors edit their messages, and authors and managers delete them", () => {
    const text = { sender_id: 1, message_type: "text" } as const;
    assert.equal(canEditMessage(1, text), true);
    assert.equal(canEditMessage(2, text), false);
    assert.equal(canDeleteMessage({ id: 2, role: "member" }, text), false);
    assert.equal(canDeleteMessage({ id: 2, role: "admin" }, text), true);
    assert.equal(canDeleteMessage({ id: 1, role: "member" }, text), true);
  });

  it("lets nobody edit a system message, and only managers delete one, even its sender", () => {
    const system = { sender_id: 1, message_type: "system" } as const;
    assert.equal(canEditMessage(1, system), false);
    assert.equal(canDeleteMessage({ id: 1, role: "member" }, system), false);
    assert.equal(canDeleteMessage({ id: 1, role: "admin" }, system), true);
    assert.equal(canDeleteMessage({ id: 2, role: "owner" }, system), true);
  });

  it("lets an invite's creator and the managers delete it", () => {
    assert.equal(canDeleteInvite({ id: 1, role: "member" }, { inviter_id: 1 }), true);
    assert.equal(canDeleteInvite({ id: 2, role: "member" }, { inviter_id: 1 }), false);
    assert.equal(canDeleteInvite({ id: 2, role: "owner" }, { inviter_id: null }), true);
  });

  it("counts a timeout only while it lies ahead", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    assert.equal(isTimedOut("2026-01-01T00:00:01Z", now), true);
    assert.equal(isTimedOut(new Date(now), now), false);
    assert.equal(isTimedOut(null, now), false);
  });
});
