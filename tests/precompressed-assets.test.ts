import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { request } from "node:http";
import path from "node:path";
import { describe, it } from "node:test";
import { brotliDecompressSync } from "node:zlib";
import { acceptsBrotli } from "../lib/server/http/precompressed-assets";
import { projectRoot } from "./helpers/server";
import { useServer } from "./helpers/world";

const chunks = path.join(projectRoot, ".next", "static", "chunks");

/** A GET whose body is left as sent (fetch would decompress it). */
function get(url: string, acceptEncoding: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { "accept-encoding": acceptEncoding } }, (response) => {
      const parts: Buffer[] = [];
      response.on("data", (part: Buffer) => parts.push(part));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(parts) }));
    })
      .on("error", reject)
      .end();
  });
}

describe("the build's scripts and stylesheets", () => {
  const world = useServer();
  const script = readdirSync(chunks).find((name) => name.endsWith(".js"))!;
  const stylesheet = readdirSync(chunks).find((name) => name.endsWith(".css"))!;

  for (const [name, type] of [
    [script, "application/javascript; charset=UTF-8"],
    [stylesheet, "text/css; charset=UTF-8"],
  ]) {
    it(`are sent brotli-compressed to a browser that accepts br (${path.extname(name)})`, async () => {
      const response = await get(`${world.server.url}/_next/static/chunks/${name}`, "gzip, deflate, br, zstd");
      assert.equal(response.status, 200);
      assert.equal(response.headers["content-encoding"], "br");
      assert.equal(response.headers["content-type"], type);
      assert.equal(response.headers["cache-control"], "public, max-age=31536000, immutable");
      assert.equal(response.headers["x-content-type-options"], "nosniff");
      assert.deepEqual(brotliDecompressSync(response.body), readFileSync(path.join(chunks, name)));
    });
  }

  it("are sent as Next.js sends them (gzip) to a client that does not accept br", async () => {
    const response = await get(`${world.server.url}/_next/static/chunks/${script}`, "gzip");
    assert.equal(response.status, 200);
    assert.equal(response.headers["content-encoding"], "gzip");
  });

  it("are not made up for a path that is not in the build", async () => {
    const response = await get(`${world.server.url}/_next/static/chunks/no-such-chunk.js`, "br");
    assert.equal(response.status, 404);
  });
});

describe("acceptsBrotli", () => {
  const cases: [string | undefined, boolean][] = [
    ["gzip, deflate, br, zstd", true],
    ["br", true],
    ["BR;q=0.5", true],
    ["gzip, br;q=0", false],
    ["gzip, br;q=0.0", false],
    ["gzip", false],
    ["brotli", false],
    [undefined, false],
  ];
  for (const [header, expected] of cases) {
    it(`${expected ? "takes" : "does not take"} br from ${JSON.stringify(header)}`, () => assert.equal(acceptsBrotli(header), expected));
  }
});
