// The PostgreSQL side of a BENCH_DB=postgres run: two fresh databases on the server at
// BENCH_POSTGRES_URL, one for the app and one for bare-pg, each filled from the seeded SQLite
// database by scripts/db-copy.ts (ids and sequences preserved), and dropped at the end.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { cpuSecondsEach } from "./procs";
import type { TargetName } from "./protocol";

/** The app's default DATABASE_POOL_SIZE; run.ts gives it to the app and to bare-pg alike. */
export const POOL_SIZE = 10;

/**
 * Set on both databases: commits are not flushed to disk one by one, the durability SQLite's WAL
 * with synchronous=NORMAL gives the SQLite runs (a crash of the machine may lose the last commits,
 * never consistency), so that a stall of the shared disk does not land in the figures.
 */
const DATABASE_SETTINGS = { synchronous_commit: "off" };

/** BENCH_POSTGRES_URL, else TEST_DATABASE_URL: a server URL whose role may CREATE DATABASE. */
export function adminUrlFromEnv(): string {
  const url = process.env.BENCH_POSTGRES_URL || process.env.TEST_DATABASE_URL;
  const usage = "BENCH_DB=postgres needs BENCH_POSTGRES_URL=postgresql://user:password@host:port/db, a role that may CREATE DATABASE (TEST_DATABASE_URL is used when set)";
  if (!url) throw new Error(usage);
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error(`${usage}; got "${redact(url)}"`);
  return url;
}

/** The URL without its password, for logs and the results file. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ":***@");
  }
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export interface PostgresInfo {
  url: string;
  version: string;
  /** Server settings that bear on the figures, as the server reports them. */
  server: Record<string, string>;
  /** What the benchmark sets on its own databases. */
  databases: Record<string, string>;
  poolSize: number;
}

/** The servers under test that have a database of their own here. */
type DatabaseTarget = Extract<TargetName, "app" | "bare-pg">;
const hasDatabase = (target: TargetName): target is DatabaseTarget => target === "app" || target === "bare-pg";

/** The benchmark's two databases, the app's and bare-pg's: created empty, filled by db:copy, dropped by `drop()`. */
export class BenchDatabases {
  private readonly names: Record<DatabaseTarget, string>;
  private readonly created: string[] = [];
  private admin?: Promise<pg.Client>;

  constructor(private readonly adminUrl: string) {
    const tag = `${process.pid}_${randomBytes(3).toString("hex")}`;
    this.names = { app: `auraflow_bench_${tag}_app`, "bare-pg": `auraflow_bench_${tag}_bare` };
  }

  /** The URL of one of the databases: the admin URL's server and credentials. */
  url(target: DatabaseTarget): string {
    const url = new URL(this.adminUrl);
    url.pathname = `/${this.names[target]}`;
    return url.toString();
  }

  /** Creates both databases, copies `sqliteFile` into each (at once), then vacuums and analyses them. */
  async fill(root: string, sqliteFile: string, log: (line: string) => void): Promise<void> {
    const admin = await this.client();
    const targets = Object.keys(this.names) as DatabaseTarget[];
    for (const target of targets) {
      const name = quote(this.names[target]);
      this.created.push(this.names[target]);
      await admin.query(`CREATE DATABASE ${name}`).catch((error: Error) => {
        throw new Error(`cannot create a database on ${redact(this.adminUrl)} (its role must be allowed to CREATE DATABASE): ${error.message}`);
      });
      for (const [setting, value] of Object.entries(DATABASE_SETTINGS)) await admin.query(`ALTER DATABASE ${name} SET ${setting} = ${value}`);
    }
    await Promise.all(targets.map(async (target) => log(`db:copy into ${this.names[target]}: ${await copyDatabase(root, sqliteFile, this.url(target))}`)));
    // Fresh statistics and hint bits, so that neither database meets autovacuum or its first
    // reads' writes during a measured run.
    await Promise.all(targets.map((target) => withClient(this.url(target), (client) => client.query("VACUUM (ANALYZE)"))));
    await admin.query("CHECKPOINT").catch((error: Error) => log(`no CHECKPOINT before the runs: ${error.message}`));
  }

  async info(): Promise<PostgresInfo> {
    const admin = await this.client();
    const version = await admin.query<{ server_version: string }>("SHOW server_version");
    const settings = await admin.query<{ name: string; setting: string; unit: string | null }>(
      `SELECT name, setting, unit FROM pg_settings
       WHERE name IN ('shared_buffers', 'synchronous_commit', 'fsync', 'max_connections', 'wal_level', 'jit') ORDER BY name`,
    );
    return {
      url: redact(this.adminUrl),
      version: version.rows[0].server_version,
      server: Object.fromEntries(settings.rows.map((row) => [row.name, row.unit ? `${row.setting} × ${row.unit}` : row.setting])),
      databases: DATABASE_SETTINGS,
      poolSize: POOL_SIZE,
    };
  }

  /**
   * Starts measuring the CPU time of the backends serving `target`'s database (the server is not
   * pinned, and other tenants may use it too); the function returned reads it, in seconds: NaN when
   * the target has no database here or the server runs on another machine.
   */
  async backendCpu(target: TargetName): Promise<() => Promise<number>> {
    if (!hasDatabase(target)) return async () => NaN;
    const before = cpuSecondsEach(await this.backends(target), "postgres");
    return async () => {
      const pids = await this.backends(target);
      const after = cpuSecondsEach(pids, "postgres");
      if (pids.length && !after.size) return NaN;
      // A backend that connected during the run counts from zero.
      return [...after].reduce((sum, [pid, seconds]) => sum + seconds - (before.get(pid) ?? 0), 0);
    };
  }

  /** Drops whatever `fill` created, closing any connection still open to it; safe to call twice. */
  async drop(): Promise<void> {
    const names = this.created.splice(0);
    if (names.length) {
      const admin = await this.client();
      for (const name of names) await admin.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);
    }
    const admin = this.admin;
    this.admin = undefined;
    await (await admin)?.end();
  }

  private async backends(target: DatabaseTarget): Promise<number[]> {
    const { rows } = await (await this.client()).query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [this.names[target]]);
    return rows.map((row) => row.pid);
  }

  /** One connection to the admin URL for the whole run. */
  private client(): Promise<pg.Client> {
    return (this.admin ??= connect(this.adminUrl));
  }
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`cannot reach PostgreSQL at ${redact(url)}: ${(error as Error).message}`);
  }
  return client;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connect(url);
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** `npm run db:copy -- file:<sqliteFile> <url>`; resolves to its verdict line, rejects with its output. */
function copyDatabase(root: string, sqliteFile: string, url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "db-copy.ts"), `file:${sqliteFile}`, url], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      const lines = output.trim().split("\n");
      if (code === 0) resolve(lines.at(-1) ?? "");
      else reject(new Error(`db:copy into ${redact(url)} failed (${code ?? signal}):\n${lines.slice(-20).join("\n")}`));
    });
  });
}
