import type { z } from "zod";
import { authenticate, type Authenticated } from "../auth/session";
import { ApiError, toApiError, zodDetails } from "../errors";

const MAX_BODY_BYTES = 64 * 1024;

type Schema = z.ZodType | undefined;
type Output<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

interface RouteSchemas<P extends Schema, Q extends Schema, B extends Schema> {
  params?: P;
  query?: Q;
  body?: B;
}

interface RouteInput<P extends Schema, Q extends Schema, B extends Schema> {
  req: Request;
  params: Output<P>;
  query: Output<Q>;
  body: Output<B>;
}

type NextContext = { params: Promise<Record<string, string | string[] | undefined>> };
type Handler = (req: Request, context: NextContext) => Promise<Response>;

export function json(data: unknown, status = 200): Response {
  return Response.json(data, { status });
}

function parse<S extends Schema>(schema: S | undefined, value: unknown, where: string): Output<S> {
  if (!schema) return undefined as Output<S>;
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ApiError("invalid_request", `Invalid ${where}`, zodDetails(result.error));
  }
  return result.data as Output<S>;
}

async function readJson(req: Request): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw new ApiError("payload_too_large", `Request body exceeds ${MAX_BODY_BYTES} bytes`);
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw new ApiError("payload_too_large", `Request body exceeds ${MAX_BODY_BYTES} bytes`);
  }
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("invalid_request", "Request body is not valid JSON");
  }
}

async function readInput<P extends Schema, Q extends Schema, B extends Schema>(
  schemas: RouteSchemas<P, Q, B>,
  req: Request,
  context: NextContext,
): Promise<RouteInput<P, Q, B>> {
  const params = parse(schemas.params, await context.params, "path parameters");
  const query = parse(schemas.query, Object.fromEntries(new URL(req.url).searchParams), "query parameters");
  const body = parse(schemas.body, schemas.body ? await readJson(req) : undefined, "request body");
  return { req, params, query, body };
}

function errorResponse(error: unknown, req: Request): Response {
  const apiError = toApiError(error);
  if (apiError.status >= 500) {
    console.error(`[api] ${req.method} ${new URL(req.url).pathname} failed:`, error);
  }
  return json(apiError.toBody(), apiError.status);
}

/**
 * Wraps a route handler: authenticates the caller (Bearer token or session cookie), validates
 * path, query and body with zod, and turns anything thrown into the one error shape.
 */
export function authRoute<P extends Schema = undefined, Q extends Schema = undefined, B extends Schema = undefined>(
  schemas: RouteSchemas<P, Q, B>,
  handler: (input: RouteInput<P, Q, B> & { auth: Authenticated }) => Promise<Response>,
): Handler {
  return async (req, context) => {
    try {
      const auth = await authenticate({ authorization: req.headers.get("authorization"), cookie: req.headers.get("cookie") });
      if (!auth) throw new ApiError("unauthorized", "Sign in to continue: missing, invalid or expired credentials");
      return await handler({ ...(await readInput(schemas, req, context)), auth });
    } catch (error) {
      return errorResponse(error, req);
    }
  };
}

/** Like authRoute, for routes open to anyone (sign-up, sign-in, health). */
export function publicRoute<P extends Schema = undefined, Q extends Schema = undefined, B extends Schema = undefined>(
  schemas: RouteSchemas<P, Q, B>,
  handler: (input: RouteInput<P, Q, B>) => Promise<Response>,
): Handler {
  return async (req, context) => {
    try {
      return await handler(await readInput(schemas, req, context));
    } catch (error) {
      return errorResponse(error, req);
    }
  };
}
