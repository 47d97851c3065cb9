// Measures the server's memory while it receives uploads: 10 concurrent 25 MiB files (by default)
// to a production server on a fresh data folder, sampling its RSS (/proc/<pid>/status) every 20 ms.
//   node --import tsx scripts/upload-rss.ts            UPLOADS=10 SIZE_MIB=25 STORAGE_ENV="STORAGE=s3 …" (optional)
// Needs a production build (npm run build). Prints the RSS before, the peak during, and the time taken.
import { mkdtempSync, openAsBlob, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawnServer } from "../tests/helpers/server";

const uploads = Number(process.env.UPLOADS ?? 10);
const sizeMiB = Number(process.env.SIZE_MIB ?? 25);

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "auraflow-upload-rss-"));
  const server = spawnServer(dataDir, { MAX_UPLOAD_BYTES: String(sizeMiB * 1024 * 1024), RATE_LIMITS: "*=1000000/60" });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = "";
      server.stdout!.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/[^\s]+)/.exec(output);
        if (match) resolve(match[1].replace("localhost", "127.0.0.1"));
      });
      server.once("exit", (code) => reject(new Error(`server exited with ${code}: ${output}`)));
    });
    const register = await fetch(`${url}/api/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "rss_probe", email: "rss@example.test", password: "correct horse battery" }),
    });
    const { token } = (await register.json()) as { token: string };
    const file = path.join(dataDir, "payload.bin");
    writeFileSync(file, Buffer.alloc(sizeMiB * 1024 * 1024, 0x5a));

    const send = async () => {
      const form = new FormData();
      form.append("file", await openAsBlob(file), "payload.bin");
      const response = await fetch(`${url}/api/attachments`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
      if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
    };
    await send(); // warm up the route (its bundle loads on first use)
    const before = rssMiB(server.pid!);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(server.pid!))), 20);
    const started = performance.now();
    await Promise.all(Array.from({ length: uploads }, send));
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const after = rssMiB(server.pid!);
    const total = uploads * sizeMiB;
    console.log(`${uploads} concurrent uploads of ${sizeMiB} MiB (${total} MiB) in ${seconds.toFixed(2)} s (${(total / seconds).toFixed(0)} MiB/s)`);
    console.log(`server RSS: ${before.toFixed(0)} MiB before, ${peak.toFixed(0)} MiB peak during (+${(peak - before).toFixed(0)} MiB), ${after.toFixed(0)} MiB after`);
  } finally {
    server.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
