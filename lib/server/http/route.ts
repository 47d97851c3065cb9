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

export interface RouteInput<P extends Schema, Q extends Schema, B extends Schema, A extends boolean> {
  req: Request;
  params: Output<P>;
  query: Output<Q>;
  body: Output<B>;
  auth: A extends true ? Authenticated : null;
}

type NextContext = { params: Promise<Record<string, string | string[] | undefined>> };
type Handler = (req: Request, context: NextContext) => Promise<Response>;

export function json(data: unknown, status = 200): Response {
  return Response.json(data, { status });
}

/** A stored file's bytes, streamed, with the status and headers the domain chose. */
export function fileResponse({ status, headers, body }: { status: number; headers: Record<string, string>; body: Readable }): Response {
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, { status, headers });
}

/** 204: done, nothing to say. */
export function noContent(): Response {
  return new Response(null, { status: 204 });
}

/**
 * A browser's cookie rides along with any request to this site, even one a foreign page starts:
 * such requests must come from the app's own pages. Bearer tokens are never sent by the browser
 * on its own, so token clients are unaffected.
 */
function assertNotForged(req: Request): void {
  if (SAFE_METHODS.has(req.method) || req.headers.has("authorization") || !req.headers.has("cookie")) return;
  if (!isFromOwnOrigin(req.headers)) throw new ApiError("forbidden_origin", foreignOriginMessage, undefined, 403);
}

function parse<S extends Schema>(schema: S | undefined, value: unknown, where: string): Output<S> {
  if (!schema) return undefined as Output<S>;
  const result = schema.safeParse(value);
  if (!result.success) throw new ApiError("invalid_request", `Invalid ${where}`, zodDetails(result.error));
  return result.data as Output<S>;
}

async function readJson(req: Request): Promise<unknown> {
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

function errorResponse(error: unknown, req: Request): Response {
  const apiError = toApiError(error);
  if (apiError.status >= 500) console.error(`[api] ${req.method} ${new URL(req.url).pathname} failed:`, error);
  return json(apiError.toBody(), apiError.status);
}

const retryAfterMs = (error: unknown) => {
  const details = error instanceof ApiError && error.code === "rate_limited" ? (error.details as { retry_after?: unknown } | undefined) : undefined;
  return typeof details?.retry_after === "number" ? details.retry_after * 1000 : undefined;
};

/** API answers are per caller and some carry tokens: never stored by a browser or proxy cache. */
function finish(response: Response, limits: readonly LimitState[], refusedAfterMs?: number): Response {
  // A download says for itself how it may be cached (private: the browser's cache only).
  if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "no-store");
  for (const [name, value] of Object.entries(rateLimitHeaders(limits, refusedAfterMs))) response.headers.set(name, value);
  return response;
}

/**
 * Wraps a route handler for its endpoint contract: authenticates the caller when the endpoint
 * requires it (Bearer token or session cookie), validates path, query and body with the
 * contract's zod schemas, and turns anything thrown into the one error shape.
 */
export function handle<P extends Schema, Q extends Schema, B extends Schema, A extends boolean>(
  endpoint: Endpoint<P, Q, B, A>,
  handler: (input: RouteInput<P, Q, B, A>) => Promise<Response>,
): Handler {
  return async (req, context) => {
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
        const params = parse(endpoint.params, await context.params, "path parameters");
        const query = parse(endpoint.query, Object.fromEntries(new URL(req.url).searchParams), "query parameters");
        const body = parse(endpoint.body, endpoint.body ? await readJson(req) : undefined, "request body");
        return { response: await handler({ req, params, query, body, auth: auth as RouteInput<P, Q, B, A>["auth"] }) };
      } catch (error) {
        return { response: errorResponse(error, req), refusedAfterMs: retryAfterMs(error) };
      }
    });
    return finish(result.response, limits, result.refusedAfterMs);
  };
}

/** For routes outside the contract (the JSON 404 for unknown paths): counted per address, like anonymous calls. */
export function fail(error: ApiError): Handler {
  return async (req) => {
    const { result, limits } = await withLimitScope(async () => {
      try {
        await consumeLimit("anonymous", requestAddress(req));
        return { response: errorResponse(error, req) };
      } catch (refused) {
        return { response: errorResponse(refused, req), refusedAfterMs: retryAfterMs(refused) };
      }
    });
    return finish(result.response, limits, result.refusedAfterMs);
  };
}
