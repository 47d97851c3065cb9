import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import sharp from "sharp";
import type { Attachment } from "../lib/api/entities";
import type { TestUser } from "./helpers/api";
import { closeAll, emitAck, socketEvents, track, waitFor } from "./helpers/events";
import { connectSocket } from "./helpers/socket";
import { assertNoMetadata, fileForm, jpegWithGps, pngBomb, pngImage, storedFiles, upload, uploadRequest } from "./helpers/uploads";
import { assertError, expectStatus, MISSING_ID, useServer } from "./helpers/world";

const MAX_UPLOAD_BYTES = 1024 * 1024;
const world = useServer({ env: { MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES) } });
const { api, db, makeCommunity, makeMember, postMessage, postDirectMessage } = world;

afterEach(closeAll);

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const HTML = Buffer.from("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>");
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');

const download = (user: TestUser, url: string, headers: Record<string, string> = {}) => api.get(url, { token: user.token, headers });

function send(user: TestUser, channelId: number, body: Record<string, unknown>) {
  return api.post("/api/messages/send", { token: user.token, body: { channel_id: channelId, ...body } });
}

/** The 404 that a missing attachment id gets, to compare others' answers with. */
async function missingAnswer(user: TestUser) {
  const response = await download(user, `/api/attachments/${MISSING_ID}/x.png`);
  assertError(response, 404, "not_found");
  return response.body;
}

async function assertHidden(user: TestUser, attachment: Attachment, what: string) {
  const expected = await missingAnswer(user);
  for (const url of [attachment.url, ...(attachment.thumbnail_url ? [attachment.thumbnail_url] : [])]) {
    const response = await download(user, url);
    assert.equal(response.status, 404, `${what}: ${url} answered ${response.status}`);
    assert.deepEqual(response.body, expected, `${what}: the 404 is the one a missing id gets`);
  }
}

async function assertReadable(user: TestUser, attachment: Attachment, what: string) {
  const response = await download(user, attachment.url);
  assert.equal(response.status, 200, `${what}: ${response.status} ${response.text.slice(0, 200)}`);
  assert.equal(response.bytes.length, attachment.size);
}

describe("POST /api/attachments", () => {
  it("stores an image with its dimensions and a WebP thumbnail of at most 400 px, and answers the pinned shape", async () => {
    const [alice] = await world.makeUsers(1);
    const response = await uploadRequest(api, alice, await pngImage(1200, 900), "holiday.png", "image/png");
    assert.equal(response.status, 201, response.text);
    const attachment = response.body;
    assert.deepEqual(Object.keys(attachment).sort(), ["content_type", "filename", "height", "id", "size", "thumbnail_url", "url", "width"]);
    assert.equal(attachment.filename, "holiday.png");
    assert.equal(attachment.content_type, "image/png");
    assert.equal(attachment.width, 1200);
    assert.equal(attachment.height, 900);
    assert.equal(attachment.url, `/api/attachments/${attachment.id}/holiday.png`);
    assert.equal(attachment.thumbnail_url, `/api/attachments/${attachment.id}/thumbnail`);

    const file = await download(alice, attachment.url);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get("content-type"), "image/png");
    assert.equal(file.headers.get("x-content-type-options"), "nosniff");
    assert.equal(file.headers.get("content-security-policy"), "sandbox; default-src 'none'");
    assert.equal(file.headers.get("cache-control"), "private");
    assert.match(file.headers.get("content-disposition") ?? "", /^inline; filename="holiday.png"/);
    assert.equal(file.bytes.length, attachment.size);
    assert.equal((await sharp(file.bytes).metadata()).width, 1200);

    const thumbnail = await download(alice, attachment.thumbnail_url!);
    assert.equal(thumbnail.status, 200);
    assert.equal(thumbnail.headers.get("content-type"), "image/webp");
    const preview = await sharp(thumbnail.bytes).metadata();
    assert.equal(preview.format, "webp");
    assert.equal(Math.max(preview.width!, preview.height!), 400);
  });

  it("stores any other file as it came, without dimensions or thumbnail, and serves it as a download", async () => {
    const [alice] = await world.makeUsers(1);
    const attachment = await upload(api, alice, PDF, "../../etc/report.pdf", "text/html");
    assert.equal(attachment.filename, "report.pdf", "the name loses any path");
    assert.equal(attachment.content_type, "application/pdf", "the type is the sniffed one, not the client's claim");
    assert.deepEqual([attachment.width, attachment.height, attachment.thumbnail_url], [null, null, null]);
    const file = await download(alice, attachment.url);
    assert.equal(file.headers.get("content-type"), "application/pdf");
    assert.match(file.headers.get("content-disposition") ?? "", /^attachment; filename="report.pdf"/);
    assert.deepEqual(file.bytes, PDF);
    assertError(await download(alice, `/api/attachments/${attachment.id}/thumbnail`), 404, "not_found");
  });

  it("serves an HTML file named .png as a download of the sniffed type, never as HTML or as an image", async () => {
    const [alice] = await world.makeUsers(1);
    const attachment = await upload(api, alice, HTML, "cat.png", "image/png");
    assert.equal(attachment.content_type, "application/octet-stream");
    assert.equal(attachment.width, null);
    const file = await download(alice, attachment.url);
    assert.equal(file.headers.get("content-type"), "application/octet-stream");
    assert.match(file.headers.get("content-disposition") ?? "", /^attachment;/);
    assert.equal(file.headers.get("x-content-type-options"), "nosniff");
    assert.equal(file.headers.get("content-security-policy"), "sandbox; default-src 'none'");
  });

  it("never serves SVG inline, whatever the uploader claims", async () => {
    const [alice] = await world.makeUsers(1);
    for (const [bytes, name] of [[SVG, "logo.svg"], [Buffer.concat([Buffer.from('<?xml version="1.0"?>'), SVG]), "logo2.svg"]] as const) {
      const attachment = await upload(api, alice, bytes, name, "image/svg+xml");
      assert.notEqual(attachment.content_type, "image/svg+xml");
      assert.equal(attachment.thumbnail_url, null);
      const file = await download(alice, attachment.url);
      assert.match(file.headers.get("content-disposition") ?? "", /^attachment;/, name);
      assert.doesNotMatch(file.headers.get("content-type") ?? "", /svg|html/);
    }
  });

  it("strips EXIF and GPS metadata from what it serves", async () => {
    const [alice] = await world.makeUsers(1);
    const original = await jpegWithGps();
    assert.ok((await sharp(original).metadata()).exif, "the test image carries EXIF");
    const attachment = await upload(api, alice, original, "where-i-live.jpg", "image/jpeg");
    assert.equal(attachment.content_type, "image/jpeg");
    const file = await download(alice, attachment.url);
    assertNoMetadata(file.bytes);
    const served = await sharp(file.bytes).metadata();
    assert.equal(served.exif, undefined);
    assert.equal(served.xmp, undefined);
    assert.equal(served.width, 640);
    assertNoMetadata((await download(alice, attachment.thumbnail_url!)).bytes);
  });

  it("answers 413 in the error shape above MAX_UPLOAD_BYTES and keeps nothing, with or without a Content-Length", async () => {
    const [alice] = await world.makeUsers(1);
    const before = await db.count("attachments");
    const tooBig = Buffer.alloc(MAX_UPLOAD_BYTES + 1, 7);
    assertError(await uploadRequest(api, alice, tooBig, "big.bin"), 413, "payload_too_large");

    // Streamed without a length: the limit is found while receiving.
    const form = new Response(fileForm(tooBig, "big-stream.bin"));
    const streamed = await fetch(`${world.server.url}/api/attachments`, {
      method: "POST",
      headers: { authorization: `Bearer ${alice.token}`, "content-type": form.headers.get("content-type")! },
      body: form.body,
      duplex: "half",
    } as RequestInit);
    assert.equal(streamed.status, 413);
    assert.equal(((await streamed.json()) as { error: { code: string } }).error.code, "payload_too_large");

    assert.equal(await db.count("attachments"), before);
    assert.deepEqual(storedFiles(world.server.dataDir).filter((file) => file.includes("incoming")), [], "nothing left being received");
    const exactly = await upload(api, alice, Buffer.alloc(MAX_UPLOAD_BYTES, 7), "exact.bin");
    assert.equal(exactly.size, MAX_UPLOAD_BYTES, "the limit itself is allowed");
  });

  it("refuses a decompression bomb with 400 before decoding it, and keeps nothing", async () => {
    const [alice] = await world.makeUsers(1);
    const before = { rows: await db.count("attachments"), files: storedFiles(world.server.dataDir).length };
    const started = Date.now();
    const response = await uploadRequest(api, alice, pngBomb(), "bomb.png", "image/png");
    assertError(response, 400, "invalid_request");
    assert.match((response.body as unknown as { error: { message: string } }).error.message, /pixels/);
    assert.ok(Date.now() - started < 5000, "refused from the header, not after decoding");
    assert.equal(await db.count("attachments"), before.rows);
    assert.equal(storedFiles(world.server.dataDir).length, before.files);
  });

  it("refuses a form without exactly one part named file, and a body that is not multipart", async () => {
    const [alice] = await world.makeUsers(1);
    const wrongField = fileForm(PDF, "a.pdf", "application/pdf", "document");
    assertError(await api.post("/api/attachments", { token: alice.token, form: wrongField }), 400, "invalid_request");
    const two = fileForm(PDF, "a.pdf");
    two.append("file", new Blob([new Uint8Array(PDF)]), "b.pdf");
    assertError(await api.post("/api/attachments", { token: alice.token, form: two }), 400, "invalid_request");
    assertError(await uploadRequest(api, alice, Buffer.alloc(0), "empty.txt"), 400, "invalid_request");
    assertError(await api.post("/api/attachments", { token: alice.token, body: { file: "x" } }), 415, "unsupported_media_type");
    assertError(await api.post("/api/attachments", { form: fileForm(PDF, "a.pdf") }), 401, "unauthorized");
  });
});

describe("GET /api/attachments/{id}/{filename} with Range", () => {
  it("answers 206 with the requested bytes, 416 past the end, and the whole file for a header it does not serve", async () => {
    const [alice] = await world.makeUsers(1);
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
    const attachment = await upload(api, alice, bytes, "data.bin");
    const first = await download(alice, attachment.url, { range: "bytes=0-9" });
    assert.equal(first.status, 206);
    assert.equal(first.headers.get("content-range"), "bytes 0-9/1000");
    assert.deepEqual(first.bytes, bytes.subarray(0, 10));
    const tail = await download(alice, attachment.url, { range: "bytes=-5" });
    assert.equal(tail.status, 206);
    assert.deepEqual(tail.bytes, bytes.subarray(995));
    const open = await download(alice, attachment.url, { range: "bytes=990-" });
    assert.deepEqual(open.bytes, bytes.subarray(990));
    assertError(await download(alice, attachment.url, { range: "bytes=5000-6000" }), 416, "range_not_satisfiable");
    const multi = await download(alice, attachment.url, { range: "bytes=0-1,10-11" });
    assert.equal(multi.status, 200);
    assert.equal(multi.headers.get("accept-ranges"), "bytes");
    assert.deepEqual(multi.bytes, bytes);
  });
});

describe("who may read an attachment", () => {
  it("before it is sent: its uploader only; anyone else gets the 404 of a missing id", async () => {
    const [alice, bob] = await world.makeUsers(2);
    const attachment = await upload(api, alice, await pngImage(40, 30), "draft.png");
    await assertReadable(alice, attachment, "the uploader");
    await assertHidden(bob, attachment, "another user");
    assertError(await api.get(attachment.url), 401, "unauthorized");
  });

  it("in a channel: its readers; not an outsider, a kicked member, a member outside a private channel, or anyone once the message is deleted", async () => {
    const community = await makeCommunity();
    const owner = community.owner;
    const [member, kicked, outsider, blocker] = [await makeMember(community), await makeMember(community), (await world.makeUsers(1))[0], await makeMember(community)];
    await expectStatus(api.post(`/api/friends/block/${owner.user.id}`, { token: blocker.token }), 201, "block the uploader");
    const attachment = await upload(api, owner, await pngImage(50, 50), "team.png");
    const message = (await expectStatus(send(owner, community.general, { content: "", attachment_ids: [attachment.id] }), 201, "send")).body;
    assert.equal(message.message_type, "image");
    assert.deepEqual(message.attachments, [attachment]);

    await assertReadable(owner, attachment, "the sender");
    await assertReadable(member, attachment, "a member");
    await assertReadable(blocker, attachment, "a member who blocked the sender reads the channel, and its files");
    await assertReadable(kicked, attachment, "a member before the kick");
    await expectStatus(api.request("DELETE", `/api/channels/communities/${community.id}/members/${kicked.user.id}`, { token: owner.token }), 200, "kick");
    await assertHidden(kicked, attachment, "a kicked member");
    await assertHidden(outsider, attachment, "an outsider");

    const secret = await world.makeChannel(owner, community.id, { type: "private" });
    const hidden = await upload(api, owner, PDF, "plans.pdf");
    await expectStatus(send(owner, secret.id, { content: "plans", attachment_ids: [hidden.id] }), 201, "send in a private channel");
    await assertHidden(member, hidden, "a member outside the private channel");

    const filesBefore = storedFiles(world.server.dataDir).length;
    await expectStatus(api.request("DELETE", `/api/messages/${message.id}`, { token: owner.token }), 200, "delete the message");
    await assertHidden(owner, attachment, "the sender after the message is deleted");
    await assertHidden(member, attachment, "a member after the message is deleted");
    assert.equal(await db.count("attachments WHERE id = ?", attachment.id), 0, "the row is gone");
    assert.equal(storedFiles(world.server.dataDir).length, filesBefore - 2, "the file and its thumbnail are gone");
  });

  it("in a DM: its two parties (also after a block, as the history stays theirs); nobody else", async () => {
    const [alice, bob, carol] = await world.makeUsers(3);
    const attachment = await upload(api, alice, PDF, "contract.pdf");
    const dm = await postDirectMessage(alice, bob, "", { attachment_ids: [attachment.id] });
    assert.equal(dm.message_type, "file");
    assert.deepEqual(dm.attachments, [attachment]);
    await assertReadable(bob, attachment, "the receiver");
    await assertHidden(carol, attachment, "a third user");
    await expectStatus(api.post(`/api/friends/block/${bob.user.id}`, { token: alice.token }), 201, "block");
    await assertReadable(bob, attachment, "the blocked receiver, whose history this is");

    const later = await upload(api, bob, PDF, "reply.pdf");
    assertError(await api.post("/api/messages/direct/send", { token: bob.token, body: { receiver_id: alice.user.id, content: "", attachment_ids: [later.id] } }), 403, "cannot_message_user");
    await assertHidden(alice, later, "an upload the blocked user could not send");

    await expectStatus(api.request("DELETE", `/api/messages/direct/message/${dm.id}`, { token: alice.token }), 200, "delete the DM");
    await assertHidden(bob, attachment, "the receiver after the DM is deleted");
  });
});

describe("sending attachments", () => {
  it("derives message_type from the attachments and refuses a contradicting one", async () => {
    const community = await makeCommunity();
    const owner = community.owner;
    const image = await upload(api, owner, await pngImage(20, 20), "a.png");
    const pdf = await upload(api, owner, PDF, "b.pdf");
    assertError(await send(owner, community.general, { content: "x", attachment_ids: [image.id], message_type: "file" }), 400, "invalid_request");
    assertError(await send(owner, community.general, { content: "x", message_type: "image" }), 400, "invalid_request");
    const mixed = (await expectStatus(send(owner, community.general, { content: "both", attachment_ids: [image.id, pdf.id], message_type: "file" }), 201, "mixed")).body;
    assert.equal(mixed.message_type, "file");
    assert.deepEqual(mixed.attachments.map((a: Attachment) => a.id), [image.id, pdf.id]);
    const text = await postMessage(owner, community.general, "just words");
    assert.equal(text.message_type, "text");
    assert.deepEqual(text.attachments, []);
  });

  it("takes only the sender's own uploads that no message has taken, at most 10, and an empty message needs one", async () => {
    const community = await makeCommunity();
    const owner = community.owner;
    const member = await makeMember(community);
    const theirs = await upload(api, member, PDF, "theirs.pdf");
    const mine = await upload(api, owner, PDF, "mine.pdf");
    const before = await db.count("messages");
    assertError(await send(owner, community.general, { content: "", attachment_ids: [theirs.id] }), 400, "invalid_request");
    assertError(await send(owner, community.general, { content: "", attachment_ids: [MISSING_ID] }), 400, "invalid_request");
    assertError(await send(owner, community.general, { content: "" }), 400, "invalid_request");
    assertError(await send(owner, community.general, { content: "x", attachment_ids: [mine.id, mine.id] }), 400, "invalid_request");
    assertError(await send(owner, community.general, { content: "x", attachment_ids: Array.from({ length: 11 }, (_, i) => i + 1) }), 400, "invalid_request");
    await expectStatus(send(owner, community.general, { content: "", attachment_ids: [mine.id] }), 201, "send");
    assertError(await send(owner, community.general, { content: "again", attachment_ids: [mine.id] }), 400, "invalid_request");
    assertError(await postDirectMessageRaw(owner, member, [mine.id]), 400, "invalid_request");
    assert.equal(await db.count("messages"), before + 1);
  });

  it("lets only one of two sends racing for the same upload take it", async () => {
    const community = await makeCommunity();
    const owner = community.owner;
    const attachment = await upload(api, owner, PDF, "once.pdf");
    const results = await Promise.all(Array.from({ length: 6 }, () => send(owner, community.general, { content: "race", attachment_ids: [attachment.id] })));
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 400, 400, 400, 400, 400]);
    assert.equal(await db.count("attachments WHERE message_id IS NOT NULL AND id = ?", attachment.id), 1);
  });

  it("shows attachments in every message shape: send, page, catch-up, nonce retry, edit, live event, DM page, conversations, export", async () => {
    const community = await makeCommunity();
    const owner = community.owner;
    const member = await makeMember(community);
    const socket = track(await connectSocket(world.server.url, { token: member.token }));
    const events = socketEvents<any>(socket, "message_sent");
    const edits = socketEvents<any>(socket, "message_edited");
    const attachment = await upload(api, owner, await pngImage(30, 20), "shape.png");
    const sent = (await expectStatus(send(owner, community.general, { content: "look", attachment_ids: [attachment.id], nonce: "shape-nonce" }), 201, "send")).body;
    assert.deepEqual(sent.attachments, [attachment]);

    const live = await waitFor(events, (event) => event.id === sent.id, "message_sent");
    assert.deepEqual(live.attachments, [attachment]);
    const page = await api.get(`/api/messages/channel/${community.general}`, { token: member.token });
    assert.deepEqual(page.body.find((m: any) => m.id === sent.id).attachments, [attachment]);
    const catchUp = await api.get(`/api/messages/channel/${community.general}?after=${sent.id - 1}`, { token: member.token });
    assert.deepEqual(catchUp.body[0].attachments, [attachment]);
    const retry = await send(owner, community.general, { content: "look", attachment_ids: [attachment.id], nonce: "shape-nonce" });
    assert.equal(retry.status, 200, "a retry with the nonce answers the first message");
    assert.deepEqual(retry.body.attachments, [attachment]);
    const edited = await api.request("PUT", `/api/messages/${sent.id}`, { token: owner.token, body: { content: "look again" } });
    assert.deepEqual(edited.body.attachments, [attachment]);
    assert.deepEqual((await waitFor(edits, (event) => event.id === sent.id, "message_edited")).attachments, [attachment]);

    const dmFile = await upload(api, owner, PDF, "dm.pdf");
    const dm = await postDirectMessage(owner, member, "for you", { attachment_ids: [dmFile.id] });
    const dmPage = await api.get(`/api/messages/direct/${owner.user.id}`, { token: member.token });
    assert.deepEqual(dmPage.body.at(-1).attachments, [dmFile]);
    const conversations = await api.get("/api/messages/direct", { token: member.token });
    assert.deepEqual(conversations.body.find((c: any) => c.last_message.id === dm.id).last_message.attachments, [dmFile]);
    const exported = await api.get("/api/users/me/export", { token: owner.token });
    assert.deepEqual(exported.body.messages.find((m: any) => m.id === sent.id).attachments, [attachment]);
    assert.deepEqual(exported.body.direct_messages.find((m: any) => m.id === dm.id).attachments, [dmFile]);
  });
});

describe("sending attachments over the socket", () => {
  it("send_message and send_direct_message take attachment_ids as the REST sends do", async () => {
    const community = await makeCommunity();
    const owner = community.owner;
    const member = await makeMember(community);
    const socket = track(await connectSocket(world.server.url, { token: owner.token }));
    const image = await upload(api, owner, await pngImage(16, 16), "socket.png");
    const sent = await emitAck(socket, "send_message", { channel_id: community.general, content: "", attachment_ids: [image.id] });
    assert.equal(sent.message.message_type, "image");
    assert.deepEqual(sent.message.attachments, [image]);
    const pdf = await upload(api, owner, PDF, "socket.pdf");
    const dm = await emitAck(socket, "send_direct_message", { receiver_id: member.user.id, content: "", attachment_ids: [pdf.id] });
    assert.equal(dm.message.message_type, "file");
    assert.deepEqual(dm.message.attachments, [pdf]);
    const refused = await emitAck(socket, "send_message", { channel_id: community.general, content: "", attachment_ids: [image.id] });
    assert.equal(refused.error.code, "invalid_request", "an upload is sent once");
  });
});

function postDirectMessageRaw(sender: TestUser, receiver: TestUser, attachmentIds: number[]) {
  return api.post("/api/messages/direct/send", { token: sender.token, body: { receiver_id: receiver.user.id, content: "", attachment_ids: attachmentIds } });
}

describe("deleting what files belong to", () => {
  it("deleting a community deletes the files sent in it and its icon", async () => {
    const community = await makeCommunity();
    const owner = community.owner;
    const attachment = await upload(api, owner, await pngImage(10, 10), "c.png");
    await expectStatus(send(owner, community.general, { content: "", attachment_ids: [attachment.id] }), 201, "send");
    await expectStatus(api.post(`/api/channels/communities/${community.id}/icon`, { token: owner.token, form: fileForm(await pngImage(64, 64), "icon.png") }), 200, "icon");
    const rows = await db.all<{ storage_key: string }>("SELECT storage_key FROM attachments WHERE uploader_id = ?", owner.user.id);
    assert.equal(rows.length, 2);
    await expectStatus(api.request("DELETE", `/api/channels/communities/${community.id}`, { token: owner.token }), 200, "delete community");
    assert.equal(await db.count("attachments WHERE uploader_id = ?", owner.user.id), 0);
    const files = storedFiles(world.server.dataDir);
    for (const { storage_key } of rows) assert.equal(files.some((file) => file.includes(storage_key)), false, `${storage_key} deleted`);
  });

  it("deleting an account deletes the files it uploaded, sent or not, and its avatar", async () => {
    const [alice, bob] = await world.makeUsers(2);
    const sentFile = await upload(api, alice, PDF, "sent.pdf");
    await postDirectMessage(alice, bob, "", { attachment_ids: [sentFile.id] });
    const draft = await upload(api, alice, PDF, "draft.pdf");
    await expectStatus(api.post("/api/users/me/avatar", { token: alice.token, form: fileForm(await pngImage(100, 80), "me.png") }), 200, "avatar");
    const keys = (await db.all<{ storage_key: string }>("SELECT storage_key FROM attachments WHERE uploader_id = ?", alice.user.id)).map((row) => row.storage_key);
    assert.equal(keys.length, 3);
    await expectStatus(api.request("DELETE", "/api/users/me", { token: alice.token, body: { password: alice.password } }), 204, "delete account");
    assert.equal(await db.count("attachments WHERE uploader_id = ?", alice.user.id), 0);
    const files = storedFiles(world.server.dataDir);
    for (const key of keys) assert.equal(files.some((file) => file.includes(key)), false, `${key} deleted`);
    await assertHidden(bob, sentFile, "a file of a deleted account");
    await assertHidden(bob, draft, "an unsent upload of a deleted account");
  });
});

describe("POST /api/users/me/avatar and POST /api/channels/communities/{id}/icon", () => {
  it("stores the avatar as a square WebP that avatar_url points at, shown to others; the previous one is deleted", async () => {
    const [alice, bob] = await world.makeUsers(2);
    const first = await expectStatus(api.post("/api/users/me/avatar", { token: alice.token, form: fileForm(await jpegWithGps(), "me.jpg") }), 200, "avatar");
    assert.match(first.body.avatar_url, /^\/api\/attachments\/\d+\/image\.webp$/);
    const image = await download(bob, first.body.avatar_url);
    assert.equal(image.status, 200);
    assert.equal(image.headers.get("content-type"), "image/webp");
    const meta = await sharp(image.bytes).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ["webp", 512, 512]);
    assertNoMetadata(image.bytes);
    assert.equal((await api.get(`/api/users/${alice.user.id}`, { token: bob.token })).body.avatar_url, first.body.avatar_url);

    const second = await expectStatus(api.post("/api/users/me/avatar", { token: alice.token, form: fileForm(await pngImage(30, 90), "me2.png") }), 200, "second avatar");
    assert.notEqual(second.body.avatar_url, first.body.avatar_url);
    assertError(await download(bob, first.body.avatar_url), 404, "not_found");
    assert.equal(await db.count("attachments WHERE uploader_id = ? AND kind = 'avatar'", alice.user.id), 1);

    assertError(await api.post("/api/users/me/avatar", { token: alice.token, form: fileForm(PDF, "me.pdf") }), 400, "invalid_request");
    const url = await api.request("PATCH", "/api/users/me", { token: alice.token, body: { avatar_url: "https://cdn.example.test/me.png" } });
    assert.equal(url.body.avatar_url, "https://cdn.example.test/me.png", "a URL is still accepted");
    assert.equal(await db.count("attachments WHERE uploader_id = ? AND kind = 'avatar'", alice.user.id), 0, "the uploaded avatar it replaced is deleted");
  });

  it("lets owners and admins set the icon; a member gets 403, an outsider 404", async () => {
    const community = await makeCommunity();
    const member = await makeMember(community);
    const [outsider] = await world.makeUsers(1);
    const form = async () => fileForm(await pngImage(300, 200), "icon.png");
    const set = await expectStatus(api.post(`/api/channels/communities/${community.id}/icon`, { token: community.owner.token, form: await form() }), 200, "icon");
    assert.match(set.body.icon, /^\/api\/attachments\/\d+\/image\.webp$/);
    assert.equal((await download(member, set.body.icon)).status, 200);
    assertError(await api.post(`/api/channels/communities/${community.id}/icon`, { token: member.token, form: await form() }), 403, "forbidden");
    assertError(await api.post(`/api/channels/communities/${community.id}/icon`, { token: outsider.token, form: await form() }), 404, "not_found");
    const patched = await api.request("PATCH", `/api/channels/communities/${community.id}`, { token: community.owner.token, body: { icon: set.body.icon } });
    assert.equal(patched.status, 200, "the uploaded icon's own path is accepted back");
  });
});
