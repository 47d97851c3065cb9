// npm run cluster: N nodes of Auraflow plus nginx in front, on this machine, for trying cluster
// mode. Needs DATABASE_URL (PostgreSQL), REDIS_URL and AUTH_SECRET, like every node of a cluster.
//   NODES=3 PORT=5000 npm run cluster     nodes on 5001…500N, nginx on PORT
// Ctrl-C drains every node (SIGTERM) and stops nginx.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startNginx } from "./nginx";
import { productionServerEnv } from "./server-env.mjs";

const root = path.resolve(import.meta.dirname, "..");
const count = Number(process.env.NODES ?? 3);
const port = Number(process.env.PORT ?? 5000);

function fail(message: string): never {
  console.error(`auraflow cluster: ${message}`);
  process.exit(1);
}

if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")) fail("set DATABASE_URL=postgresql://… (every node shares it)");
if (!/^rediss?:\/\//.test(process.env.REDIS_URL ?? "")) fail("set REDIS_URL=redis://… (every node shares it)");
if ((process.env.AUTH_SECRET ?? "").length < 32) fail("set AUTH_SECRET to one secret of 32+ characters (every node signs and checks tokens with it)");
if (!Number.isInteger(count) || count < 1 || count > 16) fail("NODES must be 1 to 16");

const build = spawnSync(process.execPath, [path.join(root, "scripts", "ensure-build.mjs")], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

const nodes: ChildProcess[] = [];
const listening: Promise<void>[] = [];
for (let i = 1; i <= count; i++) {
  const nodePort = port + i;
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "server.ts")], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...productionServerEnv(), TRUST_PROXY: "1", ...process.env, PORT: String(nodePort), HOST: "127.0.0.1", DATA_DIR: path.join(root, "data", `node-${i}`) },
  });
  nodes.push(child);
  listening.push(
    new Promise((resolve, reject) => {
      const prefix = (line: string) => `[node ${i}] ${line}`;
      const forward = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
        const text = chunk.toString();
        if (text.includes("listening on")) resolve();
        stream.write(text.split("\n").filter(Boolean).map(prefix).join("\n") + "\n");
      };
      child.stdout!.on("data", forward(process.stdout));
      child.stderr!.on("data", forward(process.stderr));
      child.once("exit", (code) => reject(new Error(`node ${i} exited with ${code}`)));
    }),
  );
  // The first node applies pending migrations; the others start once it listens.
  if (i === 1) await listening[0].catch((error: Error) => fail(error.message));
}
await Promise.all(listening).catch((error: Error) => fail(error.message));

const dir = mkdtempSync(path.join(tmpdir(), "auraflow-nginx-"));
const nginx = await startNginx(dir, port, nodes.map((_, i) => `127.0.0.1:${port + i + 1}`)).catch((error: Error) => fail(error.message));
console.log(`auraflow cluster: ${count} node(s) on 127.0.0.1:${port + 1}-${port + count}, nginx on http://127.0.0.1:${port}`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await nginx.stop();
  await Promise.all(nodes.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : (child.once("exit", resolve), child.kill("SIGTERM"))))));
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
