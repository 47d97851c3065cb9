// Runs deploy/nginx/auraflow.conf as an unprivileged nginx of its own (for `npm run cluster`, the
// cluster tests and the benchmark): the shipped file with this run's port and node list, inside a
// minimal main configuration whose pid, logs and temporary files live in a folder of the run.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

export function nginxBinary(): string | undefined {
  for (const candidate of ["/usr/sbin/nginx", "/usr/bin/nginx"]) if (existsSync(candidate)) return candidate;
  return spawnSync("sh", ["-c", "command -v nginx"], { encoding: "utf8" }).stdout.trim() || undefined;
}

/** deploy/nginx/auraflow.conf with `listen` and the upstream's servers replaced. */
export function renderSite(listen: string, nodes: string[]): string {
  const site = readFileSync(path.join(root, "deploy", "nginx", "auraflow.conf"), "utf8");
  const servers = nodes.map((node) => `    server ${node} max_fails=1 fail_timeout=5s;`).join("\n");
  return site
    .replace(/^ {4}listen .*;$/m, `    listen ${listen};`)
    .replace(/(?:^ {4}server 127\.0\.0\.1:\d+ .*;\n)+/m, `${servers}\n`);
}

export interface Nginx {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

function waitForPort(host: string, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = createConnection({ host, port }, () => {
        socket.end();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nginx did not listen on ${host}:${port}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/** Starts nginx in the foreground on 127.0.0.1:`port` in front of `nodes` (host:port each). */
export async function startNginx(dir: string, port: number, nodes: string[]): Promise<Nginx> {
  const binary = nginxBinary();
  if (!binary) throw new Error("nginx is not installed (Debian: apt-get install -y nginx)");
  mkdirSync(path.join(dir, "logs"), { recursive: true });
  // Started as root, nginx runs its workers as nobody: they must reach the temporary folders
  // (request bodies over 16 KiB are buffered to a file there).
  chmodSync(dir, 0o755);
  writeFileSync(path.join(dir, "auraflow.conf"), renderSite(`127.0.0.1:${port}`, nodes));
  writeFileSync(
    path.join(dir, "nginx.conf"),
    [
      "worker_processes 1;",
      `pid ${path.join(dir, "nginx.pid")};`,
      `error_log ${path.join(dir, "logs", "error.log")} warn;`,
      "events { worker_connections 4096; }",
      "http {",
      "  access_log off;",
      ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((name) => `  ${name}_temp_path ${path.join(dir, `${name}_temp`)};`),
      `  include ${path.join(dir, "auraflow.conf")};`,
      "}",
      "",
    ].join("\n"),
  );
  const child = spawn(binary, ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-g", "daemon off;"], { stdio: ["ignore", "inherit", "inherit"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await Promise.race([
    waitForPort("127.0.0.1", port, 10_000),
    exited.then(() => {
      throw new Error(`nginx exited at start (see ${path.join(dir, "logs", "error.log")})`);
    }),
  ]);
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    async stop() {
      if (child.exitCode === null) child.kill("SIGQUIT");
      await exited;
    },
  };
}
