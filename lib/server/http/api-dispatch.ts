import { readdirSync } from "node:fs";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { gzip as gzipCallback } from "node:zlib";
import { ApiError, toApiError } from "../errors";
import { acceptsCoding } from "./accept-encoding";
import { directHandler, type ApiRequest, type DirectHandler, type Reply } from "./route";
import { SECURITY_HEADERS } from "./security-headers.mjs";

// The /api route handlers called straight from the custom server: the same handlers Next.js calls
// (app/api/**/route.ts, each made by `handle`), reading an ApiRequest over Node's request and
// answering a Reply that is written as it is, without Next.js's request pipeline around them (its router, render and cache layers, tracing spans, the
// web-stream round trip of every body). That pipeline was ~1 ms of CPU per request, most of what a
// history page or a REST send cost (bench/README.md, "The HTTP floor").
//
// Only what it can answer exactly as Next.js would goes this way: a known route, a method the
// route module exports through `handle`, a plain path. Everything else (next-auth's routes, HEAD,
// OPTIONS, trailing-slash redirects, encoded slashes, pages) goes on to Next.js unchanged. A method
// a route lacks gets a 405 in the error shape here, in every mode (Next.js's had an empty body).
// API_DISPATCH=next turns it off: CI runs the PostgreSQL suites so, and tests/bad-input.test.ts
// sends every one of its requests both ways to one server and compares the answers.

const gzip = promisify(gzipCallback);
/** Smaller bodies are sent as they are: gzip's framing would eat most of the gain. */
const GZIP_MIN_BYTES = 1024;
/** API_DISPATCH=compare: a request with this header set to "next" goes through Next.js (tests compare the two). */
export const DISPATCH_HEADER = "x-auraflow-dispatch";
const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);

type Segment = { kind: "static"; value: string } | { kind: "param"; name: string } | { kind: "rest"; name: string };
type Handlers = Partial<Record<string, DirectHandler>> | "next";

interface Route {
  file: string;
  segments: Segment[];
  /** Loaded on the first request: which methods go straight to their handler, or "next" for all. */
  handlers?: Promise<Handlers>;
}

function parseSegment(name: string): Segment {
  const rest = /^\[\.\.\.(\w+)\]$/.exec(name);
  if (rest) return { kind: "rest", name: rest[1] };
  const param = /^\[(\w+)\]$/.exec(name);
  if (param) return { kind: "param", name: param[1] };
  return { kind: "static", value: name };
}

/** Every app/api/**\/route.ts, as its path pattern under /api. */
function scanRoutes(apiDir: string): Route[] {
  const files = readdirSync(apiDir, { recursive: true, encoding: "utf8" }).filter((file) => path.basename(file) === "route.ts");
  return files.map((file) => {
    const dir = path.dirname(file);
    const names = dir === "." ? [] : dir.split(path.sep);
    return { file: path.join(apiDir, file), segments: names.map(parseSegment) };
  });
}

// Next.js's order: routes sorted segment by segment, a static name before a dynamic one before a
// catch-all; the first that matches answers.
const RANK = { static: 0, param: 1, rest: 2 } as const;

function compareRoutes(a: Route, b: Route): number {
  for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
    const x = a.segments[i];
    const y = b.segments[i];
    if (!x || !y) return x ? 1 : -1;
    if (x.kind !== y.kind) return RANK[x.kind] - RANK[y.kind];
    if (x.kind === "static" && x.value !== (y as { value: string }).value) return x.value < (y as { value: string }).value ? -1 : 1;
  }
  return 0;
}

type Match = { route: Route; params: Record<string, string | string[]> };

/** Static names compare with the raw segment; parameters are decoded (null: not decodable). */
function matchRoute(route: Route, parts: readonly string[]): Match | null | undefined {
  const params: Record<string, string | string[]> = {};
  const { segments } = route;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.kind === "rest") {
      if (i >= parts.length) return undefined;
      const rest = decodeAll(parts.slice(i));
      if (!rest) return null;
      params[segment.name] = rest;
      return { route, params };
    }
    if (i >= parts.length) return undefined;
    if (segment.kind === "static") {
      if (segment.value !== parts[i]) return undefined;
    } else {
      const [value] = decodeAll([parts[i]]) ?? [];
      if (value === undefined) return null;
      params[segment.name] = value;
    }
  }
  return segments.length === parts.length ? { route, params } : undefined;
}

function decodeAll(parts: readonly string[]): string[] | null {
  try {
    return parts.map(decodeURIComponent);
  } catch {
    return null;
  }
}

/** The path's raw segments under /api; null for what only Next.js should judge. */
function apiPathParts(pathname: string): string[] | null {
  if (pathname !== "/api" && !pathname.startsWith("/api/")) return null;
  // Trailing slashes (308), empty or dot segments, encoded slashes and backslashes: Next.js's own rules.
  if (pathname.endsWith("/") || pathname.includes("//") || /%(2f|5c)|\\/i.test(pathname)) return null;
  const parts = pathname.split("/").slice(2);
  return parts.some((part) => part === "." || part === ".." || /^%2e/i.test(part)) ? null : parts;
}

async function loadHandlers(route: Route): Promise<Handlers> {
  const module = (await import(pathToFileURL(route.file).href)) as Record<string, unknown>;
  const handlers: Partial<Record<string, DirectHandler>> = {};
  for (const method of METHODS) {
    if (module[method] === undefined) continue;
    const handler = directHandler(module[method]);
    // A handler not made by `handle` (next-auth's) runs inside Next.js, with all of its routes' methods.
    if (!handler) return "next";
    handlers[method] = handler;
  }
  return handlers;
}

/** A header as fetch's Headers.get reads it: repeated headers joined with ", ". */
class NodeHeaders implements Pick<Headers, "get" | "has"> {
  constructor(private readonly headers: IncomingHttpHeaders) {}
  get(name: string): string | null {
    const value = this.headers[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(", ") : value;
  }
  has(name: string): boolean {
    return this.headers[name.toLowerCase()] !== undefined;
  }
}

/** The request as a handler reads it (ApiRequest), over Node's request: the body read only when asked for. */
class NodeRequest implements ApiRequest {
  readonly headers: NodeHeaders;
  readonly method: string;
  private stream: ReadableStream<Uint8Array> | null | undefined;
  constructor(
    private readonly req: IncomingMessage,
    readonly url: string,
  ) {
    this.method = req.method ?? "GET";
    this.headers = new NodeHeaders(req.headers);
  }
  private get hasBody(): boolean {
    return this.method !== "GET" && this.method !== "HEAD";
  }
  get body(): ReadableStream<Uint8Array> | null {
    if (this.stream === undefined) this.stream = this.hasBody ? (Readable.toWeb(this.req) as ReadableStream<Uint8Array>) : null;
    return this.stream;
  }
  text(): Promise<string> {
    if (!this.hasBody) return Promise.resolve("");
    if (this.stream !== undefined) return new Response(this.stream).text();
    this.stream = null;
    const { req } = this;
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      req.on("error", reject);
    });
  }
}

async function send(req: IncomingMessage, res: ServerResponse, { status, headers, body }: Reply): Promise<void> {
  res.statusCode = status;
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
  for (const name in headers) res.setHeader(name, headers[name]);
  if (body instanceof Readable) {
    // A stream (a download): piped, and closed when the client goes away.
    await pipeline(body, res).catch(() => res.destroy());
    return;
  }
  if (body === null) {
    res.end();
    return;
  }
  let bytes: Buffer | string = body;
  res.setHeader("Vary", "Accept-Encoding");
  if (body.length >= GZIP_MIN_BYTES && acceptsCoding(req.headers["accept-encoding"], ["gzip", "*"])) {
    bytes = await gzip(body);
    res.setHeader("Content-Encoding", "gzip");
  }
  res.setHeader("Content-Length", Buffer.byteLength(bytes));
  res.end(bytes);
}

function crashed(res: ServerResponse, error: unknown): void {
  const apiError = toApiError(error);
  console.error(`[api] ${res.req.method} ${res.req.url} failed:`, error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  writeError(res, apiError);
}

/** An error answered by the server itself, in the error shape, with the headers every answer carries. */
function writeError(res: ServerResponse, error: ApiError, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(error.toBody());
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
  res.writeHead(error.status, { ...headers, "content-type": "application/json", "cache-control": "no-store", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/**
 * For server.ts, in either dispatch mode: an /api path that is not valid percent-encoding gets a 400
 * in the error shape (Next.js answered it with a 500 before any handler ran). Returns whether it answered.
 */
export function refuseMalformedApiPath(req: IncomingMessage, res: ServerResponse): boolean {
  const target = req.url ?? "/";
  if (!target.startsWith("/api/") || !target.includes("%")) return false;
  const queryAt = target.indexOf("?");
  if (decodeAll([queryAt === -1 ? target : target.slice(0, queryAt)])) return false;
  writeError(res, new ApiError("invalid_request", "The request path is not valid percent-encoding"));
  return true;
}

/**
 * The dispatcher for server.ts: answers the request and returns true, or returns false and leaves
 * it (untouched) to Next.js.
 */
export function apiDispatcher(projectRoot: string, origin: string, mode: "direct" | "next" | "compare"): (req: IncomingMessage, res: ServerResponse) => boolean {
  const routes = scanRoutes(path.join(projectRoot, "app", "api")).sort(compareRoutes);

  return (req, res) => {
    const method = req.method ?? "GET";
    const target = req.url ?? "/";
    if (!METHODS.has(method) || !target.startsWith("/api")) return false;
    // API_DISPATCH=next (or a compare-mode request that asks for it): only the 405 below is answered here.
    const viaNext = mode === "next" || (mode === "compare" && req.headers[DISPATCH_HEADER] === "next");
    const queryAt = target.indexOf("?");
    const pathname = queryAt === -1 ? target : target.slice(0, queryAt);
    const parts = apiPathParts(pathname);
    if (!parts) return false;
    let found: Match | null | undefined;
    for (const route of routes) if ((found = matchRoute(route, parts)) !== undefined) break;
    // No route, or a parameter that does not decode (Next.js answers 400): Next.js's to answer.
    if (!found) return false;
    const { route, params } = found;
    const handlers = (route.handlers ??= loadHandlers(route));
    void (async () => {
      const loaded = await handlers;
      if (loaded === "next") throw new FallThrough();
      const handler = loaded[method];
      if (!handler) return methodNotAllowed(res, method, Object.keys(loaded));
      if (viaNext) throw new FallThrough();
      await send(req, res, await handler(new NodeRequest(req, origin + target), params));
    })().catch((error: unknown) => {
      if (error instanceof FallThrough) fallThrough(req, res);
      else crashed(res, error);
    });
    return true;
  };
}

class FallThrough extends Error {}

/** A method the route does not have: 405 in the error shape, with Allow as Next.js lists it (it sent an empty body). */
function methodNotAllowed(res: ServerResponse, method: string, methods: string[]): void {
  const allowed = [...methods, ...(methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"].sort().join(", ");
  writeError(res, new ApiError("method_not_allowed", `${method} is not allowed here; allowed: ${allowed}`), { allow: allowed });
}

/** Set by server.ts: where a request the dispatcher declined after all goes (Next.js). */
let fallThrough: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => crashed(res, new ApiError("internal", "No handler"));

export function onFallThrough(next: (req: IncomingMessage, res: ServerResponse) => void): void {
  fallThrough = next;
}
