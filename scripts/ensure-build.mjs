// Builds the production bundle unless .next already holds a build of exactly these sources.
// `npm start` and `npm test` call this, so both work right after `npm install`.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

const root = path.resolve(import.meta.dirname, "..");
const INPUTS = ["app", "components", "lib", "public", "proxy.ts", "prisma/schema.prisma", "prisma/postgres/schema.prisma", "next.config.mjs", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
const SKIP = new Set(["generated", "node_modules"]);
const stampFile = path.join(root, ".next", "auraflow-build-inputs");

function* files(entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return;
  if (statSync(full).isFile()) return yield entry;
  for (const child of readdirSync(full, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!SKIP.has(child.name)) yield* files(path.join(entry, child.name));
  }
}

/**
 * Every script and stylesheet of the build also as `<file>.br`, brotli at its best ratio: the
 * server sends those to browsers that accept br (lib/server/http/precompressed-assets.ts), ~13%
 * fewer bytes than the gzip Next.js compresses with on the fly.
 */
function precompressStaticAssets() {
  const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
  for (const file of walk(path.join(root, ".next", "static")).filter((name) => /\.(js|css)$/.test(name))) {
    const source = readFileSync(file);
    const params = { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: source.length };
    writeFileSync(`${file}.br`, brotliCompressSync(source, { params }));
  }
}

const hash = createHash("sha256");
for (const input of INPUTS) {
  for (const file of files(input)) hash.update(file).update("\0").update(readFileSync(path.join(root, file))).update("\0");
}
const digest = hash.digest("hex");

const built = existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === digest;
if (built) {
  console.log("auraflow: production build is up to date");
} else {
  console.log("auraflow: building the production bundle (next build)…");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  precompressStaticAssets();
  writeFileSync(stampFile, digest);
}
