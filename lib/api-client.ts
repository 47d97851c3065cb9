/** Browser-side calls to the REST API, throwing the API's own error shape as ApiRequestError. */

import type { z } from "zod";
import type { Endpoint } from "./api/contract";
import { type ErrorCode, STATUS_BY_CODE } from "./api/error-codes";

export interface FieldIssue {
  path: string;
  message: string;
}

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** Per-field messages when the API reported them (validation and conflict errors do). */
  fieldIssues(): FieldIssue[] {
    return Array.isArray(this.details) ? (this.details as FieldIssue[]).filter((issue) => typeof issue?.path === "string") : [];
  }

  /** Seconds to wait before trying again, for a 429. */
  retryAfter(): number | null {
    const seconds = (this.details as { retry_after?: unknown } | undefined)?.retry_after;
    return this.status === 429 && typeof seconds === "number" ? seconds : null;
  }
}

const unauthorizedListeners = new Set<() => void>();

/**
 * Called on every 401: the browser's session is gone (ended on another device, password changed,
 * account deleted). The app reacts once, in one place, instead of each view showing an error.
 */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/**
 * The API's error body as an ApiRequestError: from a REST answer, with its HTTP status, or from a
 * socket event's ack, which has none (the code's status then; a domain code such as `timed_out`
 * is told apart by its code). A 401 tells onUnauthorized's listeners either way.
 */
export function toRequestError(body: unknown, httpStatus?: number): ApiRequestError {
  const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  const code = error?.code ?? "unknown";
  const status = httpStatus ?? STATUS_BY_CODE[code as ErrorCode] ?? 400;
  if (status === 401) for (const listener of unauthorizedListeners) listener();
  return new ApiRequestError(status, code, error?.message ?? `Request failed (${status})`, error?.details);
}

export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: init.body === undefined ? undefined : { "Content-Type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiRequestError(0, "network_error", "Can't reach Auraflow. Check your connection and try again.");
  }
  const payload = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) throw toRequestError(payload, response.status);
  return payload as T;
}

type Input<Schema> = Schema extends z.ZodType ? z.input<Schema> : never;
/** Path and query values travel as text: where the schema takes any string (an id, a count), a number stands for its digits. */
type InUrl<Fields> = { [K in keyof Fields]: string extends Fields[K] ? Fields[K] | number : Fields[K] };
/** `{ params }`, `{ query }` and `{ body }` as the endpoint declares them; absent where it has none. */
type Part<Key extends string, Schema, Value> = [NonNullable<Schema>] extends [never] ? { [K in Key]?: never } : { [K in Key]: Value };
export type CallInput<E extends Endpoint> = Part<"params", E["params"], InUrl<Input<E["params"]>>> &
  Part<"query", E["query"], InUrl<Input<E["query"]>>> &
  Part<"body", E["body"], Input<E["body"]>>;
/** What a successful call answers: the union of the endpoint's success bodies (null for a 204). */
export type CallResult<E extends Endpoint> = {
  [Status in keyof E["responses"]]: E["responses"][Status] extends z.ZodType ? z.output<E["responses"][Status]> : null;
}[keyof E["responses"]];

/** The URL of an endpoint with its path parameters filled in, e.g. for a download link. */
export function endpointUrl(endpoint: Endpoint, params: Record<string, unknown> = {}, query: Record<string, unknown> = {}): string {
  const path = endpoint.path.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(String(params[key])));
  const search = new URLSearchParams(Object.entries(query).filter(([, value]) => value !== undefined).map(([key, value]) => [key, String(value)]));
  return search.size ? `${path}?${search}` : path;
}

/** Calls an endpoint of lib/api/endpoints.ts: method, path and types all come from its declaration. */
export function callApi<E extends Endpoint>(endpoint: E, ...[input]: {} extends CallInput<E> ? [CallInput<E>?] : [CallInput<E>]): Promise<CallResult<E>> {
  const { params, query, body } = (input ?? {}) as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
  return apiFetch<CallResult<E>>(endpointUrl(endpoint, params, query), { method: endpoint.method, body });
}

/**
 * Posts one file as `multipart/form-data` (its `file` part) to an upload endpoint, reporting the
 * share sent so far (0 to 1): XMLHttpRequest, as fetch cannot tell upload progress. Rejects with
 * the API's error as an ApiRequestError (status 0 when the server cannot be reached), or with an
 * AbortError when `signal` aborts.
 */
export function uploadFile<E extends Endpoint>(
  endpoint: E,
  file: File,
  { params, onProgress, signal }: { params?: Record<string, unknown>; onProgress?: (share: number) => void; signal?: AbortSignal } = {},
): Promise<CallResult<E>> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(endpoint.method, endpointUrl(endpoint, params));
    request.responseType = "json";
    request.upload.onprogress = (event) => event.lengthComputable && onProgress?.(event.loaded / event.total);
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) resolve(request.response as CallResult<E>);
      else reject(toRequestError(request.response, request.status));
    };
    request.onerror = () => reject(new ApiRequestError(0, "network_error", "Can't reach Auraflow. Check your connection and try again."));
    request.onabort = () => reject(new DOMException("Upload cancelled", "AbortError"));
    signal?.addEventListener("abort", () => request.abort(), { once: true });
    const form = new FormData();
    form.append("file", file);
    request.send(form);
  });
}
