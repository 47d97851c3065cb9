import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import sharp from "sharp";
import { jpegWithGps, assertNoMetadata, pngImage, storedFiles, upload, uploadRequest } from "./helpers/uploads";
import { assertError, expectStatus, useServer } from "./helpers/world";

// The storage drivers end to end: STORAGE=s3 against a real S3-compatible server (s3rver, started
// here on a port of its own), and the sweep of uploads no message took, on the local driver.

const BUCKET = "auraflow-test";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");

describe("STORAGE=s3", () => {
  const directory = mkdtempSync(path.join(tmpdir(), "auraflow-s3rver-"));
  const s3rver = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: BUCKET }] });
  const env: Record<string, string> = {};
  let bucket: S3Client;

  before(async () => {
    const { port } = await s3rver.run();
    const endpoint = `http://127.0.0.1:${port}`;
    Object.assign(env, {
      STORAGE: "s3",
      S3_BUCKET: BUCKET,
      S3_ENDPOINT: endpoint,
      S3_REGION: "us-east-1",
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
      S3_FORCE_PATH_STYLE: "1",
      S3_PREFIX: "uploads/",
      MAX_UPLOAD_BYTES: String(256 * 1024),
    });
    bucket = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
  });
  after(async () => {
    await s3rver.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const world = useServer({ env });
  const { api, makeCommunity } = world;
  const objectKeys = async () => ((await bucket.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((object) => object.Key!);

  it("stores uploads in the bucket under the prefix, serves them back whole and in ranges, and keeps nothing locally", async () => {
    const community = await makeCommunity();
    const owner = community.owner;
    const image = await upload(api, owner, await jpegWithGps(), "photo.jpg");
    const pdf = await upload(api, owner, PDF, "doc.pdf");
    const keys = await objectKeys();
    assert.equal(keys.length, 3, `the image, its thumbnail and the PDF: ${keys.join(", ")}`);
    assert.ok(keys.every((key) => key.startsWith("uploads/")));
    assert.deepEqual(storedFiles(world.server.dataDir), [], "nothing under the data folder");

    const file = await api.get(image.url, { token: owner.token });
    assert.equal(file.status, 200);
    assert.equal(file.headers.get("content-type"), "image/jpeg");
    assertNoMetadata(file.bytes);
    assert.equal(file.bytes.length, image.size);
    assert.equal((await sharp((await api.get(image.thumbnail_url!, { token: owner.token })).bytes).metadata()).format, "webp");
    const range = await api.get(pdf.url, { token: owner.token, headers: { range: "bytes=5-7" } });
    assert.equal(range.status, 206);
    assert.equal(range.headers.get("content-range"), `bytes 5-7/${PDF.length}`);
    assert.deepEqual(range.bytes, PDF.subarray(5, 8));
  });

  it("deletes the objects when the message goes, and stores nothing for a refused upload", async () => {
    const community = await makeCommunity();
    const owner = community.owner;
    const before = (await objectKeys()).length;
    const attachment = await upload(api, owner, await pngImage(64, 64), "gone.png");
    const message = await world.postMessage(owner, community.general, "", { attachment_ids: [attachment.id] });
    assert.equal((await objectKeys()).length, before + 2);
    await expectStatus(api.request("DELETE", `/api/messages/${message.id}`, { token: owner.token }), 200, "delete");
    assert.equal((await objectKeys()).length, before);
    assertError(await uploadRequest(api, owner, Buffer.alloc(256 * 1024 + 1), "big.bin"), 413, "payload_too_large");
    assert.equal((await objectKeys()).length, before);
  });
});

describe("the sweep of uploads no message took", () => {
  const world = useServer({ env: { UNATTACHED_UPLOAD_TTL_SECONDS: "3", UPLOAD_SWEEP_INTERVAL_SECONDS: "1" } });
  const { api, db } = world;

  it("deletes an unsent upload (row and files) once it is older than UNATTACHED_UPLOAD_TTL_SECONDS, and leaves sent ones", async () => {
    const [alice, bob] = await world.makeUsers(2);
    const orphan = await upload(api, alice, await pngImage(32, 32), "orphan.png");
    const sent = await upload(api, alice, PDF, "kept.pdf");
    await world.postDirectMessage(alice, bob, "", { attachment_ids: [sent.id] });
    const orphanKey = (await db.one<{ storage_key: string }>("SELECT storage_key FROM attachments WHERE id = ?", orphan.id))!.storage_key;

    for (let waited = 0; (await db.count("attachments WHERE id = ?", orphan.id)) > 0; waited += 250) {
      assert.ok(waited < 15_000, "the orphan was not swept within 15 s");
      await sleep(250);
    }
    assertError(await api.get(orphan.url, { token: alice.token }), 404, "not_found");
    assert.equal(storedFiles(world.server.dataDir).some((file) => file.includes(orphanKey)), false, "its files are gone");
    assert.equal((await api.get(sent.url, { token: bob.token })).status, 200, "a sent upload stays");
  });
});
