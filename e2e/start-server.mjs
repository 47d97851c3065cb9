// Playwright's webServer: the production server on E2E_PORT (default 5317) with a fresh temporary
// data folder, so every run starts from an empty database. With E2E_POSTGRES_URL (a PostgreSQL
// server whose role may create databases) the database is a fresh one on that server, dropped after. The folder is removed when the server
// exits; SIGINT/SIGTERM are passed on to the server so that it shuts down cleanly. The server has
// the AI assistant, whose model is a local fake (e2e/fake-model-server.ts, model "e2e-model"),
// stopped with the server.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "..");
const port = process.env.E2E_PORT ?? "5317";

if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.error("e2e: no production build; run `npm run build` (or `npm test`, which builds first)");
  process.exit(1);
}

const dataDir = mkdtempSync(path.join(tmpdir(), "auraflow-e2e-"));
// Every limit counts but none is reached: the browser tests sign up many users from one address.
const env = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: port, HOST: "127.0.0.1", DATA_DIR: dataDir, RATE_LIMITS: "*=1000000/60" };
for (const key of ["DATABASE_URL", "AUTH_SECRET", "NEXTAUTH_SECRET", "NEXTAUTH_URL", "REDIS_URL", "AI_API_KEY", "AI_ASSISTANT_NAME", "AI_TIMEOUT_MS"]) delete env[key];

/** Starts the fake model; resolves with the process and its base URL, the first line it prints. */
function startModel() {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "e2e", "fake-model-server.ts")], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", (baseUrl) => resolve({ child, baseUrl }));
    child.once("exit", (code) => reject(new Error(`the fake model exited (${code}) before it listened`)));
  });
}

const model = await startModel().catch((error) => {
  console.error("e2e:", error.message);
  process.exit(1);
});
env.AI_BASE_URL = model.baseUrl;
env.AI_MODEL = "e2e-model";

/** Runs one statement on the PostgreSQL server of E2E_POSTGRES_URL. */
async function onPostgres(sql) {
  const client = new pg.Client({ connectionString: process.env.E2E_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const database = process.env.E2E_POSTGRES_URL ? `auraflow_e2e_${process.pid}` : undefined;
if (database) {
  await onPostgres(`CREATE DATABASE "${database}"`);
  const url = new URL(process.env.E2E_POSTGRES_URL);
  url.pathname = `/${database}`;
  env.DATABASE_URL = url.toString();
}

const server = spawn(process.execPath, ["--import", "tsx", path.join(root, "server.ts")], { cwd: root, env, stdio: "inherit" });

async function cleanUp() {
  if (model.child.exitCode === null && model.child.signalCode === null) model.child.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
  if (database) await onPostgres(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch((error) => console.error("e2e:", error.message));
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (server.exitCode === null && server.signalCode === null) server.kill(signal);
  });
}

server.on("error", (error) => {
  console.error("e2e: could not start the server:", error);
  void cleanUp().then(() => process.exit(1));
});

server.on("exit", (code, signal) => {
  void cleanUp().then(() => process.exit(code ?? (signal ? 1 : 0)));
});
