import { Readable } from "node:stream";
import type { z } from "zod";
import type { Endpoint } from "@/lib/api/contract";
import { authenticate, type Authenticated } from "../auth/session";
import { ApiError, toApiError, zodDetails } from "../errors";
import { consumeLimit, rateLimitHeaders, withLimitScope, type LimitState } from "../limits/rate-limit";
import { requestAddress } from "./client-address";
import { foreignOriginMessage, isFromOwnOrigin } from "./origin";

const MAX_BODY_BYTES = 64 * 1024;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;

type Schema = z.ZodType | undefined;
type Output<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * What a route handler may read of its request: the parts of a fetch Request the handlers use.
 * Next.js passes a real Request; the custom server (./api-dispatch.ts) an object over Node's own
 * request with the same behaviour, which costs a fraction of a Request to make.
 */
export interface ApiRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Pick<Headers, "get" | "has">;
  /** The body as a stream (uploads); null without one. */
  readonly body: ReadableStream<Uint8Array> | null;
  text(): Promise<string>;
}

/** What a handler answers: status, headers and a body (JSON text, a stream of a file's bytes, or none). */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string | Readable | null;
}

export interface RouteInput<P extends Schema, Q extends Schema, B extends Schema, A extends boolean> {
  req: ApiRequest;
  params: Output<P>;
  query: Output<Q>;
  body: Output<B>;
  auth: A extends true ? Authenticated : null;
}

type Params = Record<string, string | string[] | undefined>;
type NextContext = { params: Promise<Params> };
/** What app/api/**\/route.ts exports: the function Next.js calls. */
export type RouteHandler = (req: Request, context: NextContext) => Promise<Response>;
/** The same handler as the custom server calls it: no Request or Response objects around it. */
export type DirectHandler = (req: ApiRequest, params: Params) => Promise<Reply>;

// The route modules' exports, made here, and the function each wraps (for ./api-dispatch.ts).
const directHandlers = new WeakMap<RouteHandler, DirectHandler>();

/** The handler behind a route module's export, if `handle` or `fail` made it. */
export const directHandler = (value: unknown): DirectHandler | undefined => directHandlers.get(value as RouteHandler);

/** A Reply as the fetch Response Next.js expects. */
function toResponse({ status, headers, body }: Reply): Response {
  const stream = body instanceof Readable ? (Readable.toWeb(body) as ReadableStream<Uint8Array>) : body;
  return new Response(stream, { status, headers });
}

function exported(run: DirectHandler): RouteHandler {
  const forNext: RouteHandler = async (req, context) => toResponse(await run(req, await context.params));
  directHandlers.set(forNext, run);
  return forNext;
}

/** JSON, as Response.json writes it. */
export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Reply {
  return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(data) };
}

/** A stored file's bytes, streamed, with the status and headers the domain chose. */
export function fileResponse({ status, headers, body }: { status: number; headers: Record<string, string>; body: Readable }): Reply {
  return { status, headers: { ...headers }, body };
}

/** 204: done, nothing to say. */
export function noContent(): Reply {
  return { status: 204, headers: {}, body: null };
}

/**
 * A browser's cookie rides along with any request to this site, even one a foreign page starts:
 * such requests must come from the app's own pages. Bearer tokens are never sent by the browser
 * on its own, so token clients are unaffected.
 */
function assertNotForged(req: ApiRequest): void {
  if (SAFE_METHODS.has(req.method) || req.headers.has("authorization") || !req.headers.has("cookie")) return;
  if (!isFromOwnOrigin(req.headers)) throw new ApiError("forbidden_origin", foreignOriginMessage, undefined, 403);
}

function parse<S extends Schema>(schema: S | undefined, value: unknown, where: string): Output<S> {
  if (!schema) return undefined as Output<S>;
  const result = schema.safeParse(value);
  if (!result.success) throw new ApiError("invalid_request", `Invalid ${where}`, zodDetails(result.error));
  return result.data as Output<S>;
}

async function readJson(req: ApiRequest): Promise<unknown> {
  const type = req.headers.get("content-type");
  const tooLarge = () => new ApiError("payload_too_large", `Request body exceeds ${MAX_BODY_BYTES} bytes`);
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw tooLarge();
  if (text.trim() === "") return {};
  // Only JSON: a form or text/plain body is what a cross-site form would send.
  if (!type || !JSON_TYPE.test(type)) {
    throw new ApiError("unsupported_media_type", "Request bodies must be JSON (Content-Type: application/json)", undefined, 415);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("invalid_request", "Request body is not valid JSON");
  }
}

function errorResponse(error: unknown, req: ApiRequest): Reply {
  const apiError = toApiError(error);
  if (apiError.status >= 500) console.error(`[api] ${req.method} ${new URL(req.url).pathname} failed:`, error);
  return json(apiError.toBody(), apiError.status);
}

const retryAfterMs = (error: unknown) => {
  const details = error instanceof ApiError && error.code === "rate_limited" ? (error.details as { retry_after?: unknown } | undefined) : undefined;
  return typeof details?.retry_after === "number" ? details.retry_after * 1000 : undefined;
};

/** API answers are per caller and some carry tokens: never stored by a browser or proxy cache. */
function finish(reply: Reply, limits: readonly LimitState[], refusedAfterMs?: number): Reply {
  // A download says for itself how it may be cached (private: the browser's cache only).
  if (!Object.keys(reply.headers).some((name) => name.toLowerCase() === "cache-control")) reply.headers["cache-control"] = "no-store";
  Object.assign(reply.headers, rateLimitHeaders(limits, refusedAfterMs));
  return reply;
}

/**
 * Wraps a route handler for its endpoint contract: authenticates the caller when the endpoint
 * requires it (Bearer token or session cookie), validates path, query and body with the
 * contract's zod schemas, and turns anything thrown into the one error shape.
 */
export function handle<P extends Schema, Q extends Schema, B extends Schema, A extends boolean>(
  endpoint: Endpoint<P, Q, B, A>,
  handler: (input: RouteInput<P, Q, B, A>) => Promise<Reply>,
): RouteHandler {
  return exported(async (req, pathParams) => {
    const { result, limits } = await withLimitScope(async () => {
      try {
        assertNotForged(req);
        let auth: Authenticated | null = null;
        if (endpoint.auth) {
          auth = await authenticate({ authorization: req.headers.get("authorization"), cookie: req.headers.get("cookie") });
          // Requests with bad credentials count against their address, like anonymous ones.
          await consumeLimit(auth ? "api" : "anonymous", auth ? auth.user.id : requestAddress(req));
          if (!auth) throw new ApiError("unauthorized", "Sign in to continue: missing, invalid or expired credentials");
        } else if (endpoint.rateLimited !== false) {
          await consumeLimit("anonymous", requestAddress(req));
        }
        const params = parse(endpoint.params, pathParams, "path parameters");
        const query = parse(endpoint.query, Object.fromEntries(new URL(req.url).searchParams), "query parameters");
        const body = parse(endpoint.body, endpoint.body ? await readJson(req) : undefined, "request body");
        return { response: await handler({ req, params, query, body, auth: auth as RouteInput<P, Q, B, A>["auth"] }) };
      } catch (error) {
        return { response: errorResponse(error, req), refusedAfterMs: retryAfterMs(error) };
      }
    });
    return finish(result.response, limits, result.refusedAfterMs);
  });
}

/** For routes outside the contract (the JSON 404 for unknown paths): counted per address, like anonymous calls. */
export function fail(error: ApiError): RouteHandler {
  return exported(async (req) => {
    const { result, limits } = await withLimitScope(async () => {
      try {
        await consumeLimit("anonymous", requestAddress(req));
        return { response: errorResponse(error, req) };
      } catch (refused) {
        return { response: errorResponse(refused, req), refusedAfterMs: retryAfterMs(refused) };
      }
    });
    return finish(result.response, limits, result.refusedAfterMs);
  });
}
