// Playwright's webServer: the production server on E2E_PORT (default 5317) with a fresh temporary
// data folder, so every run starts from an empty database. The folder is removed when the server
// exits; SIGINT/SIGTERM are passed on to the server so that it shuts down cleanly.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const port = process.env.E2E_PORT ?? "5317";

if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.error("e2e: no production build; run `npm run build` (or `npm test`, which builds first)");
  process.exit(1);
}

const dataDir = mkdtempSync(path.join(tmpdir(), "auraflow-e2e-"));
const env = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: port, HOST: "127.0.0.1", DATA_DIR: dataDir };
for (const key of ["DATABASE_URL", "AUTH_SECRET", "NEXTAUTH_SECRET", "NEXTAUTH_URL", "REDIS_URL"]) delete env[key];

const server = spawn(process.execPath, ["--import", "tsx", path.join(root, "server.ts")], { cwd: root, env, stdio: "inherit" });

function cleanUp() {
  rmSync(dataDir, { recursive: true, force: true });
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (server.exitCode === null && server.signalCode === null) server.kill(signal);
  });
}

server.on("error", (error) => {
  console.error("e2e: could not start the server:", error);
  cleanUp();
  process.exit(1);
});

server.on("exit", (code, signal) => {
  cleanUp();
  process.exit(code ?? (signal ? 1 : 0));
});
