import { randomBytes } from "node:crypto";
import { responseChecker } from "./openapi";

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
  /** The body as received (a download's bytes). */
  bytes: Buffer;
}

export interface RequestOptions {
  token?: string;
  cookie?: string;
  body?: unknown;
  /** Sent as is, for malformed-input tests. */
  rawBody?: string;
  /** Sent as multipart/form-data (uploads). */
  form?: FormData;
  /** Skip the OpenAPI check (only for responses that are deliberately outside the contract). */
  unchecked?: boolean;
  headers?: Record<string, string>;
}

export interface TestUser {
  token: string;
  user: { id: number; username: string; email: string; display_name: string };
  password: string;
}

let counter = 0;

/** A username no other test (or earlier run against the same database) has used. */
export function uniqueName(prefix = "user"): string {
  return `${prefix}_${process.pid}_${++counter}_${randomBytes(2).toString("hex")}`.slice(0, 32);
}

/** Calls the server at `baseUrl`; a function is asked on every call (a test world's server may not be up yet). */
export function createApi(baseUrl: string | (() => Promise<string>)) {
  async function request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const base = typeof baseUrl === "string" ? baseUrl : await baseUrl();
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.cookie) headers.cookie = options.cookie;
    let body: string | FormData | undefined = options.rawBody ?? options.form;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["content-type"] ??= "application/json";
    }
    const response = await fetch(base + path, { method, headers, body, redirect: "manual" });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString("utf8");
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: keep the text, assertions on body shape will say so.
    }
    if (!options.unchecked) {
      const mismatch = (await responseChecker(base)).check(method, new URL(base + path).pathname, response.status, parsed);
      if (mismatch) throw new Error(mismatch);
    }
    return { status: response.status, body: parsed as T, headers: response.headers, text, bytes };
  }

  async function register(overrides: Partial<{ username: string; email: string; password: string; display_name: string }> = {}): Promise<TestUser> {
    const username = overrides.username ?? uniqueName();
    const password = overrides.password ?? "correct horse battery";
    const response = await request("POST", "/api/auth/register", {
      body: { username, email: overrides.email ?? `${username}@example.test`, password, ...(overrides.display_name ? { display_name: overrides.display_name } : {}) },
    });
    if (response.status !== 201) throw new Error(`register failed: ${response.status} ${response.text}`);
    return { token: response.body.token, user: response.body.user, password };
  }

  return {
    request,
    register,
    get: <T = any>(path: string, options?: RequestOptions) => request<T>("GET", path, options),
    post: <T = any>(path: string, options?: RequestOptions) => request<T>("POST", path, options),
  };
}

export type Api = ReturnType<typeof createApi>;
