import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { ConfigError, getConfig, type Config } from "./lib/server/config";

const root = path.dirname(fileURLToPath(import.meta.url));
const KEEP_ALIVE_MS = 65_000;
const SHUTDOWN_GRACE_MS = 10_000;

function loadConfigOrExit(): Config {
  try {
    return getConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`auraflow: ${error.message}`);
    process.exit(1);
  }
}

/** A database that cannot be reached is a configuration problem: say so, without a stack trace. */
function exitIfUnreachable(error: unknown): never {
  const code = (error as { code?: unknown } | null)?.code;
  // Refused, unknown host, timed out; PostgreSQL: bad password, no such database or role.
  if (typeof code === "string" && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|28P01|28000|3D000)$/.test(code)) {
    console.error(`auraflow: Invalid environment:\n  DATABASE_URL: cannot connect (${code}: ${(error as Error).message})`);
    process.exit(1);
  }
  throw error;
}

function exitIfRedisUnreachable(error: unknown): never {
  console.error(`auraflow: Invalid environment:\n  REDIS_URL: cannot connect (${(error as Error).message})`);
  process.exit(1);
}

async function main() {
  // Relative paths (DATA_DIR, assets read from node_modules) resolve against the project.
  process.chdir(root);
  const config = loadConfigOrExit();

  // Everything below reads the validated configuration, so it is loaded only now.
  const { migrateDatabase } = await import("./lib/server/db/migrate");
  const applied = await migrateDatabase(root, config.databaseUrl).catch(exitIfUnreachable);
  if (applied.length) console.log(`auraflow: applied migrations ${applied.join(", ")}`);
  const { closeDatabase, tuneDatabase } = await import("./lib/server/db/client");
  await tuneDatabase();
  const { assistantAccount, AssistantNameTaken } = await import("./lib/server/assistant/assistant-account");
  await assistantAccount().catch((error: unknown) => {
    if (!(error instanceof AssistantNameTaken)) throw error;
    console.error(`auraflow: Invalid environment:\n  AI_ASSISTANT_NAME: ${error.message}`);
    process.exit(1);
  });
  const { joinCluster, leaveCluster } = await import("./lib/server/cluster");
  await joinCluster().catch(exitIfRedisUnreachable);
  const { attachRealtime } = await import("./lib/server/realtime/gateway/attach");
  const { startPresence, stopPresence } = await import("./lib/server/realtime/presence");
  await startPresence();

  const dev = config.nodeEnv !== "production";
  const app = next({ dev, dir: root, hostname: config.host ?? "localhost", port: config.port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const { CLIENT_ADDRESS_HEADER, clientAddress } = await import("./lib/server/http/client-address");
  const { precompressedAssets } = await import("./lib/server/http/precompressed-assets");
  const serveBrotli = dev ? () => false : precompressedAssets(path.join(root, ".next", "static"));
  // /api requests go straight to their route handlers (lib/server/http/api-dispatch.ts), except in
  // development (Next.js reloads edited routes) or with API_DISPATCH=next.
  const { apiDispatcher, onFallThrough, refuseMalformedApiPath } = await import("./lib/server/http/api-dispatch");
  const origin = `http://${config.host ?? "localhost"}:${config.port}`;
  const dispatchApi = dev ? () => false : apiDispatcher(root, origin, config.apiDispatch);
  onFallThrough((req, res) => void handle(req, res));
  const server = createServer((req, res) => {
    if (serveBrotli(req, res)) return;
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req, config.trustProxy);
    if (refuseMalformedApiPath(req, res) || dispatchApi(req, res)) return;
    void handle(req, res);
  });
  // Keep idle keep-alive connections longer than clients and proxies do (60 s is the common proxy
  // idle timeout): a client reusing a connection the server has just closed gets ECONNRESET.
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1000;
  const io = attachRealtime(server);

  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  console.log(`auraflow: listening on http://${config.host ?? "localhost"}:${port} (${dev ? "development" : "production"}, ${config.databaseProvider})`);
  const { startAttachmentSweeper } = await import("./lib/server/attachments/purge-attachments");
  const stopAttachmentSweeper = startAttachmentSweeper();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`auraflow: ${signal} received, shutting down`);
    // What the shutdown waits on now: named in the log if it has to be cut short.
    let step = "closing sockets";
    const force = setTimeout(() => {
      console.error(`auraflow: shutdown did not finish within ${SHUTDOWN_GRACE_MS} ms (still ${step}); exiting`);
      server.closeAllConnections();
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    // io.close() also stops the HTTP server from accepting; idle keep-alive sockets go at once. Each
    // socket's recovery session is kept (in Redis for a cluster): its client reconnects, through the
    // load balancer to another node, and is replayed what it missed.
    stopPresence();
    await new Promise<void>((resolve) => io.close(() => resolve()));
    server.closeIdleConnections();
    step = "closing Next.js";
    await app.close?.();
    step = "leaving the cluster";
    await leaveCluster();
    step = "stopping the attachment sweeper";
    await stopAttachmentSweeper();
    step = "closing the database";
    await closeDatabase();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  console.error("auraflow: failed to start:", error);
  process.exit(1);
});
