import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { z } from "zod";
import type { IceServer } from "@/lib/realtime/events";
import { usernameSchema } from "@/lib/validations/auth";
import { providerFromUrl, type DatabaseProvider } from "./db/url";
import { parsePolicies, type Policies } from "./limits/policies";

const flag = z
  .enum(["1", "0", "true", "false", ""])
  .default("")
  .transform((value) => value === "1" || value === "true");

/** RTCIceServer: stun:/turn:/turns: URLs, and for TURN the credentials the browser presents. */
const iceServersSchema = z.array(
  z.strictObject({
    urls: z.union([z.string().regex(/^(stun|stuns|turn|turns):/), z.array(z.string().regex(/^(stun|stuns|turn|turns):/)).min(1)]),
    username: z.string().optional(),
    credential: z.string().optional(),
  }),
);

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(5000),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .refine((url) => /^(file:|postgres(ql)?:\/\/)/.test(url), "must start with file: or postgresql://")
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.url().optional(),
  TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).default(30 * 24 * 60 * 60),
  PRESENCE_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(5000),
  TYPING_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  RECOVERY_WINDOW_MS: z.coerce.number().int().min(0).max(3_600_000).default(120_000),
  ICE_TRANSPORT_POLICY: z.enum(["all", "relay"]).default("all"),
  TURN_URLS: z
    .string()
    .optional()
    .transform((text) => (text ?? "").split(",").map((url) => url.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^turns?:/, "each must start with turn: or turns:"))),
  TURN_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  TURN_CREDENTIAL_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(24 * 3600),
  VOICE_MAX_PARTICIPANTS: z.coerce.number().int().min(2).max(25).default(8),
  ICE_SERVERS: z.string().optional().transform((text, ctx) => {
    if (!text?.trim()) return [];
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: "custom", message: 'must be JSON: [{"urls":"turn:host:3478","username":"…","credential":"…"}]' });
      return z.NEVER;
    }
    const parsed = iceServersSchema.safeParse(value);
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", message: `must be a list of RTCIceServer: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}` });
      return z.NEVER;
    }
    return parsed.data;
  }),
  REDIS_URL: z
    .string()
    .refine((url) => /^rediss?:\/\//.test(url), "must start with redis:// or rediss://")
    .optional(),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "letters, digits, _ . - (at most 64)").default("auraflow"),
  RATE_LIMITS: z.string().optional().transform((spec, ctx) => {
    try {
      return parsePolicies(spec);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
      return z.NEVER;
    }
  }),
  TRUST_PROXY: flag,
  API_DISPATCH: z.enum(["direct", "next", "compare"]).default("direct"),
  STORAGE: z.enum(["local", "s3"]).default("local"),
  UPLOADS_DIR: z.string().min(1).optional(),
  MAX_UPLOAD_BYTES: z.coerce.number().int().min(1).max(2 ** 31 - 1).default(25 * 1024 * 1024),
  MAX_IMAGE_PIXELS: z.coerce.number().int().min(1).default(64_000_000),
  UNATTACHED_UPLOAD_TTL_SECONDS: z.coerce.number().int().min(1).default(24 * 60 * 60),
  UPLOAD_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(10 * 60),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: flag,
  S3_PREFIX: z.string().regex(/^[A-Za-z0-9_./-]{0,200}$/, "letters, digits, _ . / - (at most 200)").default(""),
  AI_BASE_URL: z
    .string()
    .refine((url) => /^https?:\/\//.test(url) && URL.canParse(url), "must be an http:// or https:// URL up to and including /v1, e.g. http://127.0.0.1:11434/v1")
    .optional(),
  AI_MODEL: z.string().min(1).optional(),
  AI_API_KEY: z.string().min(1).optional(),
  AI_ASSISTANT_NAME: usernameSchema.default("aura"),
  AI_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
}).superRefine((env, ctx) => {
  if (Boolean(env.TURN_SECRET) !== env.TURN_URLS.length > 0) {
    ctx.addIssue({ code: "custom", path: ["TURN_SECRET"], message: "TURN_SECRET and TURN_URLS go together" });
  }
  const staticTurn = env.ICE_SERVERS.some((server) => [server.urls].flat().some((url) => /^turns?:/.test(url)));
  if (env.ICE_TRANSPORT_POLICY === "relay" && !staticTurn && env.TURN_URLS.length === 0) {
    ctx.addIssue({ code: "custom", path: ["ICE_TRANSPORT_POLICY"], message: "relay needs a TURN server (TURN_URLS, or one in ICE_SERVERS)" });
  }
  if (env.STORAGE === "s3" && !env.S3_BUCKET) ctx.addIssue({ code: "custom", path: ["S3_BUCKET"], message: "STORAGE=s3 needs S3_BUCKET" });
  if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
    ctx.addIssue({ code: "custom", path: ["S3_SECRET_ACCESS_KEY"], message: "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together" });
  }
  if (Boolean(env.AI_BASE_URL) !== Boolean(env.AI_MODEL)) {
    ctx.addIssue({ code: "custom", path: ["AI_MODEL"], message: "AI_BASE_URL and AI_MODEL go together (the server's name for the model, e.g. llama3.2)" });
  }
});

/** Where uploaded files live (lib/server/storage). */
export type StorageConfig =
  | { driver: "local"; root: string }
  | {
      driver: "s3";
      bucket: string;
      /** Any S3-compatible service; unset: AWS itself. */
      endpoint: string | undefined;
      region: string;
      /** Unset: the SDK's own chain (AWS_ACCESS_KEY_ID…, instance roles). */
      credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
      forcePathStyle: boolean;
      /** Prepended to every key, so that installations can share a bucket. */
      prefix: string;
    };

export interface UploadConfig {
  storage: StorageConfig;
  /** A larger upload is refused with 413 and nothing is kept. */
  maxBytes: number;
  /** Images with more pixels (width × height × frames) are refused before decoding: decompression bombs. */
  maxImagePixels: number;
  /** Uploads no message took within this long are deleted. */
  unattachedTtlSeconds: number;
  sweepIntervalSeconds: number;
  /** Files being received and processed, before they go to storage. */
  incomingDir: string;
}

/** The model behind the built-in assistant: any OpenAI-compatible chat completions API. */
export interface AiConfig {
  /** Up to and including /v1, e.g. http://127.0.0.1:11434/v1 (Ollama). */
  baseUrl: string;
  /** The server's name for the model, sent with every request. */
  model: string;
  /** Sent as `Authorization: Bearer`; undefined: no Authorization header (a local server). */
  apiKey: string | undefined;
  /** The longest one whole reply may take, from the request to its last word. */
  timeoutMs: number;
}

export interface Config {
  nodeEnv: "development" | "production" | "test";
  host: string | undefined;
  port: number;
  dataDir: string;
  databaseUrl: string;
  databaseProvider: DatabaseProvider;
  /** PostgreSQL: connections in the pool that Prisma and the hot queries share. */
  databasePoolSize: number;
  authSecret: string;
  tokenTtlSeconds: number;
  /** How long after a user's last socket closes they are shown offline (a reload must not flap). */
  presenceGraceMs: number;
  /** A typing indicator lasts this long after its last renewal. */
  typingTimeoutMs: number;
  /** Socket.IO connection-state recovery: a socket back within this window misses nothing. */
  recoveryWindowMs: number;
  /** Most people in one voice channel: every participant sends their audio to every other (a mesh). */
  voiceMaxParticipants: number;
  /** Given to browsers for WebRTC (ICE_SERVERS); none: host candidates only (loopback, a LAN). */
  iceServers: IceServer[];
  /** `relay`: browsers connect through the TURN servers only, so that no participant learns another's address. */
  iceTransportPolicy: "all" | "relay";
  /**
   * TURN servers sharing `secret` with coturn (`use-auth-secret`): every voice join gets credentials
   * of its own, valid `ttlSeconds` (coturn's TURN REST API scheme). Undefined: none.
   */
  turn: { urls: string[]; secret: string; ttlSeconds: number } | undefined;
  /** Cluster mode: several nodes share PostgreSQL and this Redis. Undefined: one process, state in memory. */
  redisUrl: string | undefined;
  /** Every Redis key and stream of this installation starts with it (several may share a Redis). */
  redisPrefix: string;
  /** This process among the nodes of a cluster: new at every start, so a restarted node owns nothing of its past. */
  nodeId: string;
  /** Rate limits after RATE_LIMITS overrides (lib/server/limits/policies.ts). */
  rateLimits: Policies;
  /** Behind a reverse proxy (nginx): the client's address is the one it sets in X-Real-IP / X-Forwarded-For. */
  trustProxy: boolean;
  /**
   * direct: server.ts calls the /api route handlers itself; next: every request goes through
   * Next.js; compare (tests): direct, but a request with `X-Auraflow-Dispatch: next` goes through Next.js.
   */
  apiDispatch: "direct" | "next" | "compare";
  uploads: UploadConfig;
  /** The built-in assistant's model; null: no assistant (AI_BASE_URL unset). */
  ai: AiConfig | null;
  /** The assistant's username: the name people mention it by. */
  aiAssistantName: string;
}

export class ConfigError extends Error {}

const globalForConfig = globalThis as { __auraflowConfig?: Config };

/**
 * Reads and validates the environment once per process. Missing values get zero-config defaults:
 * the data folder is created, and an auth secret is generated there on first run and reused after.
 * The resolved values are written back to process.env so that every bundle in this process (the
 * custom server and Next's route handlers) sees the same configuration.
 */
export function getConfig(): Config {
  if (globalForConfig.__auraflowConfig) return globalForConfig.__auraflowConfig;

  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.DATA_DIR);
  // It holds the database (password hashes, emails) and the secret: for this account only.
  if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  const databaseUrl = env.DATABASE_URL ?? `file:${path.join(dataDir, "auraflow.db")}`;
  if (env.REDIS_URL) assertClusterReady(databaseUrl, env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET);
  const authSecret = env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET ?? readOrCreateSecret(dataDir);

  process.env.DATA_DIR = dataDir;
  process.env.DATABASE_URL = databaseUrl;
  process.env.AUTH_SECRET = authSecret;
  process.env.NEXTAUTH_SECRET = authSecret;

  const config: Config = {
    nodeEnv: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    dataDir,
    databaseUrl,
    databaseProvider: providerFromUrl(databaseUrl),
    databasePoolSize: env.DATABASE_POOL_SIZE,
    authSecret,
    tokenTtlSeconds: env.TOKEN_TTL_SECONDS,
    presenceGraceMs: env.PRESENCE_GRACE_MS,
    typingTimeoutMs: env.TYPING_TIMEOUT_MS,
    recoveryWindowMs: env.RECOVERY_WINDOW_MS,
    voiceMaxParticipants: env.VOICE_MAX_PARTICIPANTS,
    iceServers: env.ICE_SERVERS,
    iceTransportPolicy: env.ICE_TRANSPORT_POLICY,
    turn: env.TURN_SECRET ? { urls: env.TURN_URLS, secret: env.TURN_SECRET, ttlSeconds: env.TURN_CREDENTIAL_TTL_SECONDS } : undefined,
    redisUrl: env.REDIS_URL,
    redisPrefix: env.REDIS_PREFIX,
    nodeId: `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`,
    rateLimits: env.RATE_LIMITS,
    trustProxy: env.TRUST_PROXY,
    apiDispatch: env.API_DISPATCH,
    uploads: {
      storage:
        env.STORAGE === "s3"
          ? {
              driver: "s3",
              bucket: env.S3_BUCKET!,
              endpoint: env.S3_ENDPOINT,
              region: env.S3_REGION,
              credentials: env.S3_ACCESS_KEY_ID ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY! } : undefined,
              forcePathStyle: env.S3_FORCE_PATH_STYLE,
              prefix: env.S3_PREFIX,
            }
          : { driver: "local", root: env.UPLOADS_DIR ? path.resolve(env.UPLOADS_DIR) : path.join(dataDir, "uploads") },
      maxBytes: env.MAX_UPLOAD_BYTES,
      maxImagePixels: env.MAX_IMAGE_PIXELS,
      unattachedTtlSeconds: env.UNATTACHED_UPLOAD_TTL_SECONDS,
      sweepIntervalSeconds: env.UPLOAD_SWEEP_INTERVAL_SECONDS,
      incomingDir: path.join(dataDir, "incoming"),
    },
    ai: env.AI_BASE_URL ? { baseUrl: env.AI_BASE_URL, model: env.AI_MODEL!, apiKey: env.AI_API_KEY, timeoutMs: env.AI_TIMEOUT_MS } : null,
    aiAssistantName: env.AI_ASSISTANT_NAME,
  };
  globalForConfig.__auraflowConfig = config;
  return config;
}

/**
 * Nodes of a cluster share one database and verify each other's tokens: SQLite is one machine's
 * file, and a secret generated per node would make every node refuse the others' sessions.
 */
function assertClusterReady(databaseUrl: string, authSecret: string | undefined): void {
  const problems: string[] = [];
  if (providerFromUrl(databaseUrl) !== "postgresql") problems.push("  DATABASE_URL: cluster mode (REDIS_URL is set) needs PostgreSQL: set DATABASE_URL=postgresql://…");
  if (!authSecret) problems.push("  AUTH_SECRET: cluster mode (REDIS_URL is set) needs the same explicit secret on every node (32+ characters)");
  if (problems.length) throw new ConfigError(`Invalid environment:\n${problems.join("\n")}`);
}

function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  if (!existsSync(file)) {
    try {
      writeFileSync(file, randomBytes(48).toString("base64url") + "\n", { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process starting at the same moment wrote it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  const secret = readFileSync(file, "utf8").trim();
  if (secret.length < 32) {
    throw new ConfigError(`${file} holds a secret shorter than 32 characters; delete it to generate a new one`);
  }
  return secret;
}
