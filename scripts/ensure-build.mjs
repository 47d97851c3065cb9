// Builds the production bundle unless .next already holds a build of exactly these sources.
// `npm start` and `npm test` call this, so both work right after `npm install`.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

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
  writeFileSync(stampFile, digest);
}
