import type { z } from "zod";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A success response whose body is a stored file's bytes (its own content type), not JSON. */
export const fileBody = { file: true } as const;

/** Success responses by status; null for a body-less answer. */
export type Responses = Record<number, z.ZodType | null | typeof fileBody>;

/**
 * One API endpoint: what it accepts and what it answers. The route handler validates its input
 * with these schemas and the OpenAPI document is generated from them, so the two cannot disagree.
 */
export interface Endpoint<
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  A extends boolean = boolean,
  R extends Responses = Responses,
> {
  method: HttpMethod;
  /** OpenAPI-style path, e.g. /api/channels/{id}. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  auth: A;
  params?: P;
  query?: Q;
  body?: B;
  /** A multipart/form-data body with one file part named `file` (described here) instead of JSON. */
  upload?: string;
  /** Success responses by status; null for a body-less answer. */
  responses: R;
  /** Error statuses beyond the ones implied (400 for input, 401 for auth, 404 for path ids). */
  errors?: number[];
  /** false: not rate limited (the health check, which monitors and load balancers poll). */
  rateLimited?: false;
}

export function endpoint<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  A extends boolean = true,
  R extends Responses = Responses,
>(definition: Endpoint<P, Q, B, A, R>): Endpoint<P, Q, B, A, R> {
  return definition;
}
