import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { IceServer } from "../../lib/realtime/events";
import { freePort } from "./cluster";

// A real TURN server for the tests: coturn from Debian's packages, on loopback, with one user, or
// with a secret shared with Auraflow (TURN_SECRET: credentials minted per voice join).

export interface Turn {
  /** What ICE_SERVERS would hold for it (with its one user's static password). */
  iceServers: IceServer[];
  /** What TURN_URLS would hold for it. */
  urls: string[];
  /** The shared secret, when started with one. */
  secret?: string;
  stop(): Promise<void>;
}

function turnserverBinary(): string | undefined {
  return spawnSync("sh", ["-c", "command -v turnserver"], { encoding: "utf8" }).stdout.trim() || undefined;
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: "127.0.0.1", port }, () => {
        socket.end();
        resolve(true);
      });
      socket.once("error", () => {
        socket.destroy();
        resolve(false);
      });
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`turnserver did not listen on 127.0.0.1:${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function startTurn(options: { sharedSecret?: boolean } = {}): Promise<Turn> {
  const binary = turnserverBinary();
  if (!binary) throw new Error("coturn is not installed (Debian: apt-get install -y coturn)");
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), "auraflow-turn-"));
  const username = "auraflow";
  const credential = randomBytes(12).toString("hex");
  const secret = options.sharedSecret ? randomBytes(24).toString("hex") : undefined;
  const auth = secret ? ["--use-auth-secret", `--static-auth-secret=${secret}`] : ["--lt-cred-mech", `--user=${username}:${credential}`];
  const child = spawn(binary, [
    "-n", // no configuration file: everything is here
    "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", `--listening-port=${port}`,
    // The browsers of the tests are on this machine: their relayed peers are loopback addresses.
    "--allow-loopback-peers",
    ...auth, "--realm=auraflow.test", "--fingerprint",
    "--no-cli", "--no-tls", "--no-dtls", "--no-stdout-log", `--log-file=${path.join(dir, "turn.log")}`, "--simple-log",
    `--pidfile=${path.join(dir, "turnserver.pid")}`,
  ], { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await Promise.race([
    waitForPort(port, 10_000),
    exited.then(() => {
      throw new Error(`turnserver exited at start (see ${path.join(dir, "turn.log")})`);
    }),
  ]);
  const urls = [`turn:127.0.0.1:${port}?transport=udp`];
  return {
    iceServers: [{ urls, username, credential }],
    urls,
    secret,
    async stop() {
      child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
