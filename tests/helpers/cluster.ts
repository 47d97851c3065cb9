import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "redis";
import { startNginx, type Nginx } from "../../scripts/nginx";
import { createDatabase, releaseDatabase } from "./postgres";
import { startServer, type StartOptions, type TestServer } from "./server";

// A cluster for the tests: N real nodes (server.ts, production build) on one PostgreSQL database of
// their own and a Redis key prefix of their own, behind the shipped nginx configuration.

export interface TestCluster {
  /** nginx in front of the nodes. */
  url: string;
  nodes: TestServer[];
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  /** The AUTH_SECRET every node shares. */
  authSecret: string;
  /** kill -9 of node i; resolves once it is gone. */
  kill(i: number): Promise<void>;
  /** SIGTERM (drain) of node i; resolves with its exit code. */
  drain(i: number): Promise<number | null>;
  /** Starts node i again on its port. */
  restart(i: number): Promise<TestServer>;
  stop(): Promise<void>;
}

export function clusterServers(): { postgres: string; redis: string } | undefined {
  const postgres = process.env.TEST_DATABASE_URL;
  const redis = process.env.TEST_REDIS_URL;
  return postgres && redis ? { postgres, redis } : undefined;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const client = await createClient({ url: redisUrl }).connect();
  try {
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 1000 })) keys.push(...batch);
    if (keys.length) await client.unlink(keys);
  } finally {
    client.destroy();
  }
}

let counter = 0;

export interface ClusterOptions {
  nodes?: number;
  env?: Record<string, string>;
  /** Another Redis than TEST_REDIS_URL (a test that stops its Redis). */
  redisUrl?: string;
}

export async function startCluster(options: ClusterOptions = {}): Promise<TestCluster> {
  const found = clusterServers();
  if (!found) throw new Error("the cluster tests need TEST_DATABASE_URL (PostgreSQL) and TEST_REDIS_URL (Redis)");
  const servers = { ...found, redis: options.redisUrl ?? found.redis };
  const count = options.nodes ?? 3;
  const databaseUrl = await createDatabase(servers.postgres);
  const redisPrefix = `t${process.pid}_${++counter}_${randomBytes(3).toString("hex")}`;
  const env: Record<string, string> = {
    REDIS_URL: servers.redis,
    REDIS_PREFIX: redisPrefix,
    AUTH_SECRET: randomBytes(36).toString("base64url"),
    // Behind nginx: the client's address is the one nginx reports.
    TRUST_PROXY: "1",
    ...options.env,
  };
  const dataDirs = Array.from({ length: count }, () => mkdtempSync(path.join(tmpdir(), "auraflow-node-")));
  // Uploads on the local driver live on a volume every node mounts: here the first node's folder.
  env.UPLOADS_DIR ??= path.join(dataDirs[0], "uploads");
  const startNode = (i: number, port?: number) =>
    startServer({ databaseUrl, dataDir: dataDirs[i], keepData: true, env: { ...env, ...(port ? { PORT: String(port) } : {}) } });

  // At once: the nodes take PostgreSQL's migration lock in turn, so the migrations run once.
  const nodes = await Promise.all(dataDirs.map((_, i) => startNode(i)));
  const nginxDir = mkdtempSync(path.join(tmpdir(), "auraflow-nginx-"));
  let nginx: Nginx;
  try {
    nginx = await startNginx(nginxDir, await freePort(), nodes.map((node) => `127.0.0.1:${node.port}`));
  } catch (error) {
    await Promise.all(nodes.map((node) => node.stop()));
    throw error;
  }

  return {
    url: nginx.url,
    nodes,
    databaseUrl,
    redisUrl: servers.redis,
    redisPrefix,
    authSecret: env.AUTH_SECRET,
    async kill(i) {
      await nodes[i].kill();
    },
    async drain(i) {
      return nodes[i].stop();
    },
    async restart(i) {
      nodes[i] = await startNode(i, nodes[i].port);
      return nodes[i];
    },
    async stop() {
      await nginx.stop();
      await Promise.all(nodes.map((node) => node.stop()));
      for (const dir of [...dataDirs, nginxDir]) rmSync(dir, { recursive: true, force: true });
      await releaseDatabase(servers.postgres, databaseUrl, { drop: true });
      await deleteKeys(servers.redis, redisPrefix).catch(() => undefined);
    },
  };
}

/** GET through `url` from a given local address (nginx picks the node by client address). */
export function healthFrom(url: string, localAddress: string): Promise<{ node?: string; status: string; redis?: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${url}/api/health`, { localAddress, agent: false }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => {
        try {
          resolve(JSON.parse(body));
        } catch (error) {
          reject(error);
        }
      });
    });
    request.on("error", reject);
  });
}

/**
 * Local addresses (127.0.0.x) whose connections nginx sends to each node: `perNode` for every
 * node, so that clients bound to them are spread evenly.
 */
export async function addressesByNode(cluster: TestCluster, perNode: number): Promise<string[][]> {
  const nodeIds = await Promise.all(cluster.nodes.map(async (node) => (await healthFrom(node.url, "127.0.0.1")).node));
  const byNode: string[][] = cluster.nodes.map(() => []);
  for (let host = 2; host < 255 && byNode.some((list) => list.length < perNode); host++) {
    const address = `127.0.0.${host}`;
    const index = nodeIds.indexOf((await healthFrom(cluster.url, address)).node);
    if (index >= 0 && byNode[index].length < perNode) byNode[index].push(address);
  }
  if (byNode.some((list) => list.length < perNode)) throw new Error(`nginx did not spread 127.0.0.2-254 over every node: ${JSON.stringify(byNode)}`);
  return byNode;
}

/**
 * A cluster in the shape of one test server (TEST_CLUSTER: useServer() starts one of these): the
 * suites written for one server run unchanged against three nodes through nginx.
 */
export async function startClusterAsServer(options: StartOptions = {}): Promise<TestServer> {
  const cluster = await startCluster({ env: Object.fromEntries(Object.entries(options.env ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined)) });
  const first = cluster.nodes[0];
  return {
    ...first,
    url: cluster.url,
    port: Number(new URL(cluster.url).port),
    databaseUrl: cluster.databaseUrl,
    output: () => cluster.nodes.map((node) => node.output()).join("\n"),
    authSecret: () => cluster.authSecret,
    async stop() {
      await cluster.stop();
      return 0;
    },
    async kill() {
      await Promise.all(cluster.nodes.map((node) => node.kill()));
    },
  };
}
