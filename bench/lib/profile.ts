// Reads a V8 .cpuprofile (node --cpu-prof) and lists where the time went: self time per function
// and per package, so that a profile of the server under load reads as a short table.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** A script URL relative to the project ("lib/server/…", ".next/server/…", "node_modules/…"). */
function relative(url: string): string {
  const file = url.replace(/^file:\/\//, "");
  return file.startsWith(root + "/") ? file.slice(root.length + 1) : file;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** [from, to] in microseconds of the monotonic clock (process.hrtime), as the profile's timestamps. */
export type Window = [number, number];

/** "node_modules/.pnpm/x/node_modules/@scope/pkg/…" → "@scope/pkg"; app files by folder. */
export function packageOf(url: string): string {
  if (!url) return "(native/V8)";
  if (url.startsWith("node:")) return "node:" + url.slice(5).split("/")[0];
  if (url.startsWith("wasm://")) return "(wasm: Prisma query compiler)";
  const file = relative(url);
  const modules = file.lastIndexOf("node_modules/");
  if (modules !== -1) {
    const rest = file.slice(modules + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const own = /^(\.next\/server|lib\/server\/[^/]+|lib|server\.ts|app|bench)/.exec(file);
  return own ? own[1] : file;
}

const shortUrl = (url: string) => relative(url).replace(/^.*node_modules\//, "");

/** Self time per function and per package, counting only samples inside `windows` when given. */
export function selfTimes(file: string, windows?: Window[]) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const perNode = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (windows && !windows.some(([from, to]) => at >= from && at <= to)) return;
    perNode.set(id, (perNode.get(id) ?? 0) + delta);
  });
  let total = 0;
  const functions = new Map<string, { name: string; where: string; pkg: string; us: number }>();
  const packages = new Map<string, number>();
  for (const [id, us] of perNode) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    total += us;
    const name = functionName || "(anonymous)";
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : "";
    const key = `${name}@${where}`;
    const entry = functions.get(key) ?? { name, where, pkg: name === "(idle)" ? "(idle)" : packageOf(url), us: 0 };
    entry.us += us;
    functions.set(key, entry);
    packages.set(entry.pkg, (packages.get(entry.pkg) ?? 0) + us);
  }
  return {
    totalMs: total / 1000,
    functions: [...functions.values()].sort((a, b) => b.us - a.us),
    packages: [...packages.entries()].map(([pkg, us]) => ({ pkg, us })).sort((a, b) => b.us - a.us),
  };
}

export function summariseProfile(file: string, top = 30, windows?: Window[]): string {
  const { totalMs, functions, packages } = selfTimes(file, windows);
  const idleUs = functions.filter((f) => f.name === "(idle)").reduce((sum, f) => sum + f.us, 0);
  const busyMs = totalMs - idleUs / 1000;
  // Shares of the time the thread was busy: idle time says nothing about where the work went.
  const pct = (us: number) => `${((us / 1000 / busyMs) * 100).toFixed(1).padStart(5)}%`;
  const lines = [
    `${(totalMs / 1000).toFixed(1)} s sampled${windows ? ` in ${windows.length} window(s)` : ""}, ` +
      `${(busyMs / 1000).toFixed(1)} s busy (${((busyMs / totalMs) * 100).toFixed(0)}%); shares below are of the busy time`,
    "",
    "self time by function:",
  ];
  for (const f of functions.filter((f) => f.name !== "(idle)").slice(0, top)) {
    lines.push(`${pct(f.us)} ${(f.us / 1000).toFixed(0).padStart(7)} ms  ${f.name.slice(0, 48).padEnd(48)} ${f.pkg.padEnd(26)} ${f.where.slice(0, 80)}`);
  }
  lines.push("", "self time by package:");
  for (const p of packages.filter((p) => p.pkg !== "(idle)").slice(0, 20)) lines.push(`${pct(p.us)} ${(p.us / 1000).toFixed(0).padStart(7)} ms  ${p.pkg}`);
  return lines.join("\n");
}
