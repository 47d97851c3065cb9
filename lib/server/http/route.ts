import type { z } from "zod";
import type { Endpoint } from "@/lib/api/contract";
import { authenticate, type Authenticated } from "../auth/session";
import { ApiError, toApiError, zodDetails } from "../errors";

const MAX_BODY_BYTES = 64 * 1024;

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

/** A success without a body (204). */
export function noContent(): Response {
  return new Response(null, { status: 204 });
}

function parse<S extends Schema>(schema: S | undefined, value: unknown, where: string): Output<S> {
  if (!schema) return undefined as Output<S>;
  const result = schema.safeParse(value);
  if (!result.success) throw new ApiError("invalid_request", `Invalid ${where}`, zodDetails(result.error));
  return result.data as Output<S>;
}

async function readJson(req: Request): Promise<unknown> {
  const tooLarge = () => new ApiError("payload_too_large", `Request body exceeds ${MAX_BODY_BYTES} bytes`);
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw tooLarge();
  if (text.trim() === "") return {};
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
    try {
      let auth: Authenticated | null = null;
      if (endpoint.auth) {
        auth = await authenticate({ authorization: req.headers.get("authorization"), cookie: req.headers.get("cookie") });
        if (!auth) throw new ApiError("unauthorized", "Sign in to continue: missing, invalid or expired credentials");
      }
      const params = parse(endpoint.params, await context.params, "path parameters");
      const query = parse(endpoint.query, Object.fromEntries(new URL(req.url).searchParams), "query parameters");
      const body = parse(endpoint.body, endpoint.body ? await readJson(req) : undefined, "request body");
      return await handler({ req, params, query, body, auth: auth as RouteInput<P, Q, B, A>["auth"] });
    } catch (error) {
      return errorResponse(error, req);
    }
  };
}

/** For routes outside the contract (the JSON 404 for unknown paths). */
export function fail(error: ApiError): Handler {
  return async (req) => errorResponse(error, req);
}
